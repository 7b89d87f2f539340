// The published packages as npm users get them: packs each one (its `prepack` builds it), checks the tarball's
// manifest (LICENSE, engines, publishConfig, no `workspace:` left, repository/homepage/bugs/keywords), runs publint
// (strict) and are-the-types-wrong (ESM-only profile) on it, installs all the tarballs with plain npm and
// `--engine-strict` in an empty folder outside the repository on the lowest Node.js declared, and imports every entry
// point there. Quiet on success (one line); each failure is named. One check of `npm test`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';
import { nodeRuntime } from './node-runtime.mjs';
import { capture, installTarballs, kB, packAll, removeOutside } from './packages.mjs';

const failures = [];
const fail = (pkg, message) => failures.push(`${pkg}: ${message}`);
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const license = readFileSync(join(root, 'LICENSE'), 'utf8');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const packs = packAll(join(root, '.tmp', 'packages'));

for (const p of packs) {
  const m = p.manifest;
  const files = capture('tar', ['-tzf', p.tarball]).split('\n').filter(Boolean);
  if (m.license !== 'Apache-2.0') fail(p.name, `license is ${m.license}, not Apache-2.0`);
  if (!files.includes('package/LICENSE')) fail(p.name, 'the tarball has no LICENSE');
  else if (capture('tar', ['-xzf', p.tarball, '-O', 'package/LICENSE']) !== license)
    fail(p.name, 'its LICENSE differs from the repository LICENSE');
  if (m.engines?.node !== rootManifest.engines.node)
    fail(p.name, `engines.node is ${m.engines?.node}, not ${rootManifest.engines.node} as the root declares`);
  if (m.publishConfig?.access !== 'public') fail(p.name, 'publishConfig.access is not "public"');
  for (const field of ['repository', 'homepage', 'bugs', 'keywords', 'description'])
    if (!m[field] || (Array.isArray(m[field]) && !m[field].length)) fail(p.name, `no ${field}`);
  for (const kind of ['dependencies', 'peerDependencies', 'optionalDependencies'])
    for (const [dep, range] of Object.entries(m[kind] ?? {}))
      if (/^(workspace|link|file):/.test(range)) fail(p.name, `${kind}.${dep} is "${range}" in the tarball`);
  if (!files.some((f) => f.startsWith('package/dist/'))) fail(p.name, 'the tarball has no dist/');

  const lint = run(bin('publint'), ['run', p.tarball, '--strict']);
  if (lint.status !== 0) fail(p.name, `publint:\n${indent(lint.output)}`);
  // A script-tag bundle (an export with no `types`, not JSON) has no types to check.
  const untyped = Object.entries(m.exports ?? {})
    .filter(([key, target]) => !key.endsWith('.json') && (typeof target === 'string' || !target.types))
    .map(([key]) => key);
  const attwArgs = [p.tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--no-emoji'];
  if (untyped.length) attwArgs.push('--exclude-entrypoints', ...untyped);
  const types = run(bin('attw'), attwArgs);
  if (types.status !== 0) fail(p.name, `are-the-types-wrong:\n${indent(types.output)}`);
}

let runtime;
let outside;
try {
  ({ dir: outside, runtime } = installTarballs(
    packs.map((p) => p.tarball),
    { prefix: 'opengar-packages-' },
  ));
  // Every subpath of every exports map, imported by the lowest Node.js declared, from outside the repository.
  const entries = packs.flatMap((p) =>
    Object.entries(p.manifest.exports ?? { '.': p.manifest.main }).map(([key, target]) => ({
      pkg: p.name,
      specifier: key === '.' ? p.name : `${p.name}/${key.slice(2)}`,
      // JSON, and a browser bundle for a script tag (`*.min.js`, no Node.js build inside): resolved, not imported.
      resolveOnly: key.endsWith('.json') || JSON.stringify(target).includes('.min.js"'),
    })),
  );
  const probe = `
    const entries = ${JSON.stringify(entries)};
    const failed = [];
    for (const e of entries) {
      try {
        if (e.resolveOnly) import.meta.resolve(e.specifier);
        else await import(e.specifier);
      } catch (error) {
        failed.push(e.pkg + ': import ' + e.specifier + ' failed: ' + String(error?.stack ?? error).split('\\n').slice(0, 3).join(' / '));
      }
    }
    if (failed.length) { console.log(failed.join('\\n')); process.exit(1); }
  `;
  const imported = run(runtime.node, ['--input-type=module', '-e', probe], { cwd: outside });
  if (imported.status !== 0) failures.push(...imported.output.trim().split('\n'));
  const bins = packs.flatMap((p) =>
    Object.keys(typeof p.manifest.bin === 'string' ? { x: 1 } : (p.manifest.bin ?? {})),
  );
  for (const name of bins) {
    const r = run(runtime.node, [join(outside, 'node_modules', '.bin', name), '--help'], { cwd: outside });
    if (r.status !== 0) failures.push(`bin ${name} --help exited ${r.status}:\n${indent(r.output)}`);
  }
} catch (e) {
  failures.push(
    `install of the tarballs with npm --engine-strict on Node ${nodeRuntime().version} failed:\n${indent(e.message)}`,
  );
} finally {
  if (outside) removeOutside(outside);
}

if (failures.length) {
  console.error(`check-packages: ${failures.length} problem(s)\n${failures.map((f) => `- ${f}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `check-packages: ${packs.length} tarballs packed, linted, installed (npm --engine-strict, Node ${runtime.version}) ` +
    `and imported: ${packs.map((p) => `${p.name} ${kB(p.size)}`).join(', ')}`,
);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: r.error ? -1 : r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error?.message ?? ''}` };
}

function indent(text) {
  return text
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
