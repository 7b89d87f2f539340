// The lowest Node.js the packages declare (root `engines.node`, e.g. `>=22.12` → 22.12.0), fetched as the official
// `node-<platform>-<arch>` npm package into `.tmp/node-<version>/` (npm's cache makes a second fetch offline).
// `node scripts/node-runtime.mjs` prints the folder to put first on PATH; `.ci/run` does, so CI runs on that version.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './lib.mjs';

/** The lowest version allowed by the root package's `engines.node` (`>=X.Y[.Z]`), as `X.Y.Z`. */
export function lowestNode() {
  const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines?.node ?? '';
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!m) throw new Error(`root package.json engines.node must be ">=X.Y[.Z]", not ${JSON.stringify(range)}`);
  return `${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}`;
}

/**
 * Makes sure `.tmp/node-<version>/bin/node` is there and answers `v<version>`.
 * @returns {{ version: string, bin: string, node: string }}
 */
export function nodeRuntime(version = lowestNode()) {
  const dir = join(root, '.tmp', `node-${version}`);
  const bin = join(dir, 'bin');
  const node = join(bin, process.platform === 'win32' ? 'node.exe' : 'node');
  if (existsSync(node) && probe(node) === `v${version}`) return { version, bin, node };

  const name = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}@${version}`;
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const work = mkdtempSync(join(root, '.tmp', 'node-download-')); // same file system as `dir`: renamed, not copied
  try {
    const pack = spawnSync('npm', ['pack', name, '--prefer-offline', '--silent', '--pack-destination', work], {
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (pack.status !== 0 || !tarball) throw new Error(`npm pack ${name} failed: ${pack.stderr || pack.error}`);
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    const tar = spawnSync('tar', ['-xzf', join(work, tarball), '-C', unpacked, '--strip-components=1'], {
      encoding: 'utf8',
    });
    if (tar.status !== 0) throw new Error(`could not unpack ${tarball}: ${tar.stderr}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(unpacked, dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const got = probe(node);
  if (got !== `v${version}`) throw new Error(`${node} answers ${got}, not v${version}`);
  return { version, bin, node };
}

function probe(node) {
  const r = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : `(exit ${r.status})`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(nodeRuntime(process.argv[2]).bin);
  } catch (e) {
    console.error(`node-runtime: ${e.message}`);
    process.exit(1);
  }
}
