// The published packages and their tarballs, as npm users get them: `pnpm pack` (which runs each package's `prepack`
// build and writes `workspace:*` as the real version), and a plain-npm install of the tarballs in a folder outside the
// repository, on the lowest Node.js the packages declare. Used by `release.mjs`, `check-packages.mjs` and the guide tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pnpmCommand, root } from './lib.mjs';
import { nodeRuntime } from './node-runtime.mjs';

/** Every non-private package of `packages/`, in dependency order (a package after those it depends on). */
export function publishedPackages() {
  const all = readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter((p) => !p.manifest.private);
  const names = new Set(all.map((p) => p.manifest.name));
  const ordered = [];
  const visit = (p) => {
    if (ordered.includes(p)) return;
    for (const dep of Object.keys(p.manifest.dependencies ?? {}))
      if (names.has(dep)) visit(all.find((q) => q.manifest.name === dep));
    ordered.push(p);
  };
  for (const p of all) visit(p);
  return ordered.map((p) => ({ name: p.manifest.name, version: p.manifest.version, dir: p.dir, manifest: p.manifest }));
}

/** Runs a command, capturing its output; throws with the output when it fails. */
export function capture(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) throw new Error(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    throw new Error(`${[cmd, ...args].join(' ')} exited ${r.status}\n${out}`);
  }
  return r.stdout;
}

/**
 * Packs every published package into `dest` with `pnpm pack` (building each first through its `prepack`).
 * @returns {{ name: string, version: string, dir: string, tarball: string, size: number, unpackedSize: number, manifest: object }[]}
 */
export function packAll(dest) {
  mkdirSync(dest, { recursive: true });
  const [cmd, ...pre] = pnpmCommand();
  return publishedPackages().map((p) => {
    const out = capture(cmd, [...pre, 'pack', '--json', '--pack-destination', dest], { cwd: p.dir });
    const info = JSON.parse(out.slice(out.indexOf('{')));
    const tar = capture('tar', ['-xzf', info.filename, '-O', 'package/package.json']);
    const packed = JSON.parse(tar);
    const unpackedSize = capture('tar', ['-tvzf', info.filename])
      .split('\n')
      .filter(Boolean)
      .reduce((sum, line) => sum + Number(line.split(/\s+/)[2] || 0), 0);
    return { ...p, tarball: info.filename, size: info.size ?? readSize(info.filename), unpackedSize, manifest: packed };
  });
}

function readSize(file) {
  return readFileSync(file).length;
}

/** `123.4 kB` */
export const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/**
 * Installs `tarballs` (and `extra` registry packages) with plain npm, `--engine-strict`, in a new folder under the
 * system's temporary folder, with npm running on the lowest declared Node.js. Returns the folder and that Node.js.
 * @param {string[]} tarballs
 * @param {{ extra?: string[], prefix?: string }} [options]
 */
export function installTarballs(tarballs, { extra = [], prefix = 'opengar-install-' } = {}) {
  const runtime = nodeRuntime();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'outside', private: true, type: 'module' })}\n`);
  const npmCli = npmCliPath();
  capture(
    runtime.node,
    [
      npmCli,
      'install',
      '--engine-strict',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--loglevel=error',
      ...tarballs,
      ...extra,
    ],
    { cwd: dir, env: { ...process.env, PATH: `${runtime.bin}:${process.env.PATH}`, npm_config_engine_strict: 'true' } },
  );
  return { dir, runtime };
}

/** npm's own script, to run npm with a chosen Node.js (the one that `--engine-strict` checks). */
export function npmCliPath() {
  const candidates = [
    process.env.npm_execpath,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
    '/usr/local/lib/node_modules/npm/bin/npm-cli.js',
  ].filter((p) => p && /npm-cli\.js$/.test(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`npm-cli.js not found (tried ${candidates.join(', ')})`);
  return found;
}

/** Removes a folder made by {@link installTarballs} (kept when OPENGAR_KEEP_OUTSIDE=1, for a look after a failure). */
export function removeOutside(dir) {
  if (process.env.OPENGAR_KEEP_OUTSIDE === '1') console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
