// The demo's example programs (mail view, resource provider, ENT portal) as plain JavaScript: each entry is bundled
// once with esbuild (its own and the workspace's TypeScript sources, read with the `opengar-source` condition as tsx
// reads them) into node_modules/.cache/opengar-demo/, and started with bare Node, without tsx's loader: a demo start
// then loads one file per program instead of transpiling and resolving hundreds (about 0.7 s of CPU less each).
// The bundle is made again when one of its input files, or the lockfile, changed (sizes and modification times,
// recorded beside it). Packages from node_modules stay outside the bundle, imported by their resolved path.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib.mjs';

const CACHE = join(root, 'node_modules', '.cache', 'opengar-demo');
const LOCKFILE = join(root, 'pnpm-lock.yaml');

/** Size and modification time of a file, or undefined when it is gone. */
function stamp(file) {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** Whether the bundle recorded in `manifest` was made from the files as they are now. */
function upToDate(manifestFile) {
  if (!existsSync(manifestFile)) return false;
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    return Object.entries(manifest.inputs).every(([file, was]) => stamp(file) === was);
  } catch {
    return false;
  }
}

/** Keeps node_modules packages external, at the path they resolve to from the importing file. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.resolving || args.path.startsWith('@opengar/') || args.path.startsWith('node:'))
        return undefined;
      const r = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { resolving: true },
      });
      if (r.errors.length) return { errors: r.errors };
      return { path: r.external ? args.path : pathToFileURL(r.path).href, external: true };
    });
  },
};

/** `import.meta.url` keeps naming the source file it is written in (the portal finds the elements' sources with it). */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, (args) => {
      if (args.path.includes(`${join('node_modules', '')}`)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('ts') ? 'ts' : 'js',
      };
    });
  },
};

/**
 * The path of `entry` (a TypeScript file of the repository) bundled as one ES module, made if missing or stale.
 *
 * @example
 * ```js
 * spawn(process.execPath, [await bundledEntry('examples/mail-view/src/main.ts'), '--http-port', '4300']);
 * ```
 */
export async function bundledEntry(entry) {
  const source = resolve(root, entry);
  const name = createHash('sha256').update(relative(root, source)).digest('hex').slice(0, 10);
  const out = join(CACHE, `${basename(source).replace(/\.ts$/, '')}-${name}.mjs`);
  const manifestFile = `${out}.json`;
  if (existsSync(out) && upToDate(manifestFile)) return out;
  const { build } = await import('esbuild');
  mkdirSync(CACHE, { recursive: true });
  const result = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['opengar-source'],
    write: false,
    metafile: true,
    sourcemap: 'inline',
    outfile: out,
    logLevel: 'silent',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    plugins: [externalPackages, ownImportMetaUrl],
  });
  const inputs = { [LOCKFILE]: stamp(LOCKFILE) };
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = resolve(root, input);
    inputs[file] = stamp(file);
  }
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, out);
  writeFileSync(manifestFile, JSON.stringify({ entry: relative(root, source), inputs }));
  return out;
}

/** Where the bundles are kept (removing it makes them again at the next start). */
export const demoBundleDir = dirname(join(CACHE, 'x'));
