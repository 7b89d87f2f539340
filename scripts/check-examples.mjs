// Type-checks every `@example` (```ts block or one-line `code`) in packages/*/src (issue 14): examples are read as code
// a user would write, so they must compile against the real signatures. Snippets are served from memory, one program
// per set of globals (server side, browser side).
//
// A snippet may use names a reader would have in hand (`store`, `service`, `token`…). Two passes make that explicit:
// the first collects the names the snippet neither defines nor imports ("Cannot find name"); the second imports each
// one the packages export (own index, its Node subpath, the snippet's own module, then the other packages), types
// the usual names (`service`, `store`, `clock`…: READER_TYPES) as the real thing, and declares the rest as `any`.
// A free function called under the name of an export with a letter or two changed is reported: `any` would hide a
// renamed function.
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { findFiles, root } from './lib.mjs';

const PACKAGES = ['core', 'server', 'sdk', 'verifier', 'elements'];
// Entry points a reader imports from, per package, in the order names are looked up: every subpath of the package's
// `exports` map (its `opengar-source` file), the root first, so that a name moved to a subpath is still found.
const ENTRIES = Object.fromEntries(
  PACKAGES.map((pkg) => {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'));
    const entries = new Map();
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const source = typeof target === 'object' ? target['opengar-source'] : undefined;
      const spec = subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`;
      // A source per platform (the verifier): the default one, and the Node one as the `/node` subpath a reader sees.
      if (typeof source === 'string') entries.set(spec, join('packages', pkg, source));
      else if (source && typeof source === 'object') {
        if (source.default) entries.set(spec, join('packages', pkg, source.default));
        if (source.node && source.node !== source.default && !entries.has(`${spec}/node`)) {
          entries.set(`${spec}/node`, join('packages', pkg, source.node));
        }
      }
    }
    return [pkg, [...entries]];
  }),
);
// The globals a reader of each package has, as in its tsconfig: no DOM on the server side (a free `name` must not
// meet the DOM's `window.name`), Node's types where the code runs on Node (core is read from Node code too).
const CONFIGS = [
  [{ lib: ['es2023'], types: ['node'] }, ['core', 'server']],
  [{ lib: ['es2023', 'dom', 'dom.iterable'], types: [] }, ['sdk', 'elements']],
  [{ lib: ['es2023', 'dom', 'dom.iterable'], types: ['node'] }, ['verifier']],
];
// The reader's values every example of a package means the same way, typed for real rather than read as `any`, so
// that a call on the service, the store or the client is checked too (names of types the package's entries export).
const SERVER_READER = {
  service: 'GarService',
  store: 'Store',
  tx: 'StoreOps',
  clock: 'Clock',
  logger: 'Logger',
  app: 'HttpApp',
  actor: 'Actor',
  system: 'Actor',
  operator: 'OperatorActor',
  publisher: 'PublisherActor',
  head: 'EntUser',
  manager: 'EntUser',
};
const READER_TYPES = { server: SERVER_READER, sdk: { client: 'GarClient' }, verifier: { verifier: 'GarVerifier' } };
// "Cannot find name" and its variants ("did you mean…", "do you need to install type definitions…", a shorthand
// property `{ store }` with no `store` in scope).
const MISSING_NAME = new Set([2304, 2552, 2580, 2581, 2582, 2591, 2593, 18004]);
const MISSING_MODULE = 2307;
const EXAMPLE_TAG = /^@example\b/;
const OTHER_TAG = /^@(?!example\b)[a-zA-Z]+/;
const FENCE_OPEN = /^```(ts|typescript)\s*$/;

/**
 * The ```ts blocks inside `@example` tags of one source text, and the one-line `@example \`code\`` forms, each with
 * the 1-based line of its first code line.
 * @param {string} text
 * @returns {{ line: number, code: string }[]}
 */
export function extractExamples(text) {
  const out = [];
  const lines = text.split('\n');
  let inComment = false;
  let inExample = false;
  let block = null;
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i];
    if (!inComment) {
      const start = raw.indexOf('/**');
      if (start === -1) continue;
      inComment = true;
      inExample = false;
      raw = raw.slice(start + 3);
    }
    const end = block ? -1 : raw.indexOf('*/');
    const closes = end !== -1 || /^\s*\*\/\s*$/.test(raw);
    if (end !== -1) raw = raw.slice(0, end);
    const content = raw.replace(/^\s*\* ?/, '');
    if (block) {
      if (/^\s*\*\/\s*$/.test(lines[i])) {
        out.push(block); // an unclosed fence is still checked rather than silently dropped
        block = null;
        inComment = false;
      } else if (/^```\s*$/.test(content.trim())) {
        out.push(block);
        block = null;
      } else block.lines.push(content);
      continue;
    }
    const inline = /@example\s+`([^`]+)`/.exec(content);
    if (inline) out.push({ line: i + 1, lines: [inline[1]] });
    else if (EXAMPLE_TAG.test(content.trim())) inExample = true;
    else if (OTHER_TAG.test(content.trim())) inExample = false;
    else if (inExample && FENCE_OPEN.test(content.trim())) block = { line: i + 2, lines: [] };
    if (closes) {
      inComment = false;
      inExample = false;
    }
  }
  return out.map((b) => ({ line: b.line, code: b.lines.join('\n') }));
}

function compilerOptions({ lib, types }) {
  const paths = {};
  for (const entries of Object.values(ENTRIES)) for (const [spec, file] of entries) paths[spec] = [join(root, file)];
  const { options, errors } = ts.convertCompilerOptionsFromJson(
    {
      target: 'es2022',
      module: 'esnext',
      moduleResolution: 'bundler',
      customConditions: ['opengar-source'],
      lib,
      types,
      strict: true,
      // A callback handed to a reader's `any` value (`store.transaction(async (tx) => …)`) has untyped parameters.
      noImplicitAny: false,
      noEmit: true,
      skipLibCheck: true,
      experimentalDecorators: true,
      useDefineForClassFields: false,
      paths,
    },
    root,
  );
  if (errors.length) throw new Error(ts.flattenDiagnosticMessageText(errors[0].messageText, '\n'));
  return options;
}

function createHost(options, virtual, cache) {
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => (virtual.has(f) ? virtual.get(f) : readFile.call(host, f));
  host.getSourceFile = (f, lang, onError) => {
    if (virtual.has(f)) return ts.createSourceFile(f, virtual.get(f), lang, true, ts.ScriptKind.TS);
    // Package sources and lib files are parsed once for all programs.
    let sf = cache.get(f);
    if (!sf) {
      sf = getSourceFile.call(host, f, lang, onError);
      if (sf) cache.set(f, sf);
    }
    return sf;
  };
  return host;
}

// One configuration's snippets, in two passes (free names, then the check with the prelude).
function checkGroup(snippets, options, cache, failures) {
  const virtual = new Map();
  // `export {}` makes each snippet a module of its own (no clash between two examples' `const r`), with top-level
  // await.
  // A fragment of a handler (`if (!r.ok) return problem(…)`) is read as the body of an async function, opened on the
  // first line so that line numbers stay those of the source.
  const body = (s) => (s.wrap ? `export async function example() { ${s.code}\n}` : `${s.code}\nexport {};`);
  for (const s of snippets) {
    s.wrap = hasTopLevelReturn(s.code);
    virtual.set(s.virtualPath, `${body(s)}\n`);
  }
  const host = createHost(options, virtual, cache);
  const entryFiles = [...new Set(Object.values(ENTRIES).flatMap((e) => e.map(([, f]) => toPosix(join(root, f)))))];
  const first = ts.createProgram({
    rootNames: [...snippets.map((s) => s.virtualPath), ...entryFiles, ...new Set(snippets.map((s) => s.abs))],
    options,
    host,
  });
  const checker = first.getTypeChecker();
  const exportsOf = new Map();
  const exportNames = (file) => {
    if (!exportsOf.has(file)) {
      const sf = first.getSourceFile(file);
      const sym = sf && checker.getSymbolAtLocation(sf);
      exportsOf.set(file, new Set(sym ? checker.getExportsOfModule(sym).map((e) => e.name) : []));
    }
    return exportsOf.get(file);
  };
  const allExports = new Set(entryFiles.flatMap((f) => [...exportNames(f)]));

  const report = (s, diag) => {
    const sf = diag.file;
    const codeLine = sf && diag.start !== undefined ? sf.getLineAndCharacterOfPosition(diag.start).line : 0;
    failures.push({
      file: s.file,
      line: s.line + codeLine,
      code: `TS${diag.code}`,
      message: ts.flattenDiagnosticMessageText(diag.messageText, ' '),
    });
  };

  // Third-party modules the repository does not install (an Express adapter's example) are read as `any`.
  const untypedModules = new Set();
  for (const s of snippets) {
    const sf = first.getSourceFile(s.virtualPath);
    const syntax = first.getSyntacticDiagnostics(sf);
    if (syntax.length) {
      for (const d of syntax) report(s, d);
      s.skip = true;
      continue;
    }
    const free = new Set();
    for (const d of first.getSemanticDiagnostics(sf)) {
      if (d.start === undefined) continue;
      const text = sf.text.slice(d.start, d.start + d.length);
      if (MISSING_NAME.has(d.code)) free.add(text);
      else if (d.code === MISSING_MODULE && /^['"][^./@][^:]*['"]$/.test(text)) untypedModules.add(text.slice(1, -1));
    }
    // Lookup order: the package's entry points, the documented module itself, then the other packages.
    const sourcesOfNames = [
      ...ENTRIES[s.pkg].map(([spec, f]) => [spec, toPosix(join(root, f))]),
      [`./${basename(s.abs, '.ts')}.js`, s.abs],
      ...PACKAGES.filter((p) => p !== s.pkg)
        .flatMap((p) => ENTRIES[p])
        .map(([spec, f]) => [spec, toPosix(join(root, f))]),
    ];
    const imports = new Map();
    const declared = [];
    const typedNames = [];
    for (const name of free) {
      const from = sourcesOfNames.find(([, f]) => exportNames(f).has(name));
      if (from) {
        if (!imports.has(from[0])) imports.set(from[0], []);
        imports.get(from[0]).push(name);
        continue;
      }
      const called = new RegExp(`\\b${name}\\s*[(<]`).test(s.code);
      const near = called && [...allExports].find((e) => nearMiss(name, e));
      if (near) s.near = [...(s.near ?? []), { name, near }];
      const type = Object.hasOwn(READER_TYPES[s.pkg] ?? {}, name) ? READER_TYPES[s.pkg][name] : undefined;
      const typed = type && sourcesOfNames.find(([, f]) => exportNames(f).has(type));
      if (typed) typedNames.push(`declare var ${name}: import('${typed[0]}').${type};`);
      else declared.push(name);
    }
    // The prelude goes after the snippet (imports and `declare var` are hoisted) so its lines stay those of the source.
    s.prelude = [
      ...[...imports].map(([spec, names]) => `import { ${names.join(', ')} } from '${spec}';`),
      ...typedNames,
      ...declared.map((n) => `declare var ${n}: any; type ${n} = any;`),
    ];
    virtual.set(s.virtualPath, `${body(s)}\n${s.prelude.join('\n')}\n`);
  }
  const ambientPath = toPosix(join(root, 'packages', 'examples-ambient.d.ts'));
  virtual.set(ambientPath, [...untypedModules].map((m) => `declare module '${m}';`).join('\n') + '\n');

  const second = ts.createProgram({
    rootNames: [...snippets.map((s) => s.virtualPath), ambientPath],
    options,
    host,
    oldProgram: first,
  });
  for (const s of snippets) {
    if (s.skip) continue;
    const sf = second.getSourceFile(s.virtualPath);
    if (s.code.includes('*/')) {
      // The doc comment ended inside the example: the rest of it is now code of the source file.
      const at = s.code.split('\n').findIndex((l) => l.includes('*/'));
      const message = 'the example closes its doc comment (`*/`)';
      failures.push({ file: s.file, line: s.line + at, code: 'comment-closed', message });
    }
    for (const d of second.getSemanticDiagnostics(sf)) report(s, d);
    for (const { name, near } of s.near ?? []) {
      const at = s.code.split('\n').findIndex((l) => new RegExp(`\\b${name}\\b`).test(l));
      failures.push({
        file: s.file,
        line: s.line + Math.max(at, 0),
        code: 'renamed',
        message: `'${name}' is not exported; did you mean '${near}'?`,
      });
    }
  }
}

function levenshtein(a, b) {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

// A free function called under the name of an export with a letter or two changed is a renamed or misspelt function,
// not a reader's helper (`store` next to the type `Store` is the usual convention, so the first letter's case counts).
function nearMiss(name, exported) {
  if (name.length < 6 || exported.toLowerCase() === name.toLowerCase()) return false;
  if ((name[0] === name[0].toUpperCase()) !== (exported[0] === exported[0].toUpperCase())) return false;
  return levenshtein(name, exported) <= 2;
}

function hasTopLevelReturn(code) {
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  if (sf.statements.some((st) => ts.isImportDeclaration(st) || ts.isExportDeclaration(st))) return false;
  const visit = (node) =>
    ts.isReturnStatement(node) || (!ts.isFunctionLike(node) && !ts.isClassLike(node) && ts.forEachChild(node, visit));
  return Boolean(ts.forEachChild(sf, visit));
}

const toPosix = (p) => p.split(sep).join('/');

/**
 * Checks the examples of the given sources (default: every `packages/<pkg>/src/**.ts` but tests).
 * @param {{ sources?: { path: string, text: string }[] }} [input] paths absolute or relative to the repository root
 * @returns {{ examples: number, failures: { file: string, line: number, code: string, message: string }[] }}
 *   `code` is TypeScript's (`TS2554`), or `renamed` for a call of a near-namesake of an export
 */
export function checkExamples(input = {}) {
  const sources =
    input.sources ??
    PACKAGES.flatMap((pkg) =>
      findFiles(join(root, 'packages', pkg, 'src'), (name) => name.endsWith('.ts') && !name.endsWith('.test.ts')),
    ).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  const snippets = [];
  for (const { path, text } of sources) {
    const abs = join(root, relative(root, path.startsWith('/') ? path : join(root, path)));
    const pkg = toPosix(relative(root, abs)).split('/')[1];
    if (!ENTRIES[pkg]) throw new Error(`${path}: not in packages/{${PACKAGES.join(',')}}/src`);
    for (const { line, code } of extractExamples(text)) {
      // Next to its source file, so `./<module>.js` names the module the example documents.
      const virtualPath = toPosix(join(dirname(abs), `${basename(abs, '.ts')}.example-${line}.ts`));
      snippets.push({ file: toPosix(relative(root, abs)), abs: toPosix(abs), line, code, pkg, virtualPath });
    }
  }

  const failures = [];
  const cache = new Map();
  for (const [config, pkgs] of CONFIGS) {
    const group = snippets.filter((s) => pkgs.includes(s.pkg));
    if (group.length) checkGroup(group, compilerOptions(config), cache, failures);
  }
  failures.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { examples: snippets.length, failures };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const { examples, failures } = checkExamples();
  for (const f of failures) console.log(`${f.file}:${f.line}: ${f.message}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const n = failures.length;
  console.log(`${examples} examples checked in ${seconds}s: ${n ? `${n} error${n === 1 ? '' : 's'}` : 'all compile'}`);
  process.exit(failures.length ? 1 : 0);
}
