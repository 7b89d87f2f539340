import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import * as nodeEntry from '../src/node/index.js';
import * as webEntry from '../src/index.js';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const builtins = new Set(builtinModules);

/** Every module specifier reachable from `file` through relative imports, and the files visited. */
function importGraph(file: string, seen = new Set<string>(), bare = new Set<string>()): Set<string> {
  if (seen.has(file)) return bare;
  seen.add(file);
  const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of source.matchAll(/(?:\bfrom\s*|^import\s*|\bimport\(\s*)'([^']+)'/gm)) {
    const spec = m[1] ?? '';
    if (spec.startsWith('.')) importGraph(join(dirname(file), spec.replace(/\.js$/, '.ts')), seen, bare);
    else bare.add(spec);
  }
  return bare;
}

test('the WebCrypto entry never imports a Node module, only jose', () => {
  const bare = importGraph(join(pkg, 'src/index.ts'));
  assert.deepEqual(
    [...bare].filter((s) => s.startsWith('node:') || builtins.has(s)),
    [],
  );
  assert.deepEqual([...bare].sort(), ['jose']);
});

test('the Node entry uses node:crypto', () => {
  assert.ok(importGraph(join(pkg, 'src/node/index.ts')).has('node:crypto'));
});

test('both entries export the same names', () => {
  assert.deepEqual(Object.keys(nodeEntry).sort(), Object.keys(webEntry).sort());
  assert.notEqual(nodeEntry.createVerifier, webEntry.createVerifier);
  assert.equal(nodeEntry.GarTokenError, webEntry.GarTokenError);
});

test('package exports send browsers, workers, Deno and Bun to the WebCrypto entry and Node to node:crypto', () => {
  const exports = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).exports['.'];
  for (const condition of ['browser', 'worker', 'workerd', 'edge-light', 'deno', 'bun', 'default']) {
    assert.equal(exports[condition], './dist/index.js', condition);
    assert.equal(exports['opengar-source'][condition], './src/index.ts', condition);
  }
  assert.equal(exports.node, './dist/node/index.js');
  assert.equal(exports['opengar-source'].node, './src/node/index.ts');
  const keys = Object.keys(exports);
  assert.ok(keys.indexOf('browser') < keys.indexOf('node') && keys.indexOf('node') < keys.indexOf('default'));
});

test('the WebCrypto entry type-checks without Node typings', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(pkg, 'tsconfig.web.json')], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
