import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkExportSnapshot, exportedNames, sourceEntries } from '../src/exported-names.js';

const dir = mkdtempSync(join(tmpdir(), 'opengar-exports-'));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'src', 'node'), { recursive: true });
mkdirSync(join(dir, 'test'));
writeFileSync(
  join(dir, 'package.json'),
  JSON.stringify({
    name: 'fixture',
    type: 'module',
    exports: {
      '.': { 'opengar-source': { node: './src/node/index.ts', default: './src/index.ts' }, default: './dist/index.js' },
      './extra': { 'opengar-source': './src/extra.ts', default: './dist/extra.js' },
      './data.json': './data.json',
    },
  }),
);
writeFileSync(
  join(dir, 'src', 'index.ts'),
  "export const b = 1;\nexport type A = string;\nexport * from './extra.js';\n",
);
writeFileSync(join(dir, 'src', 'extra.ts'), 'export function c(): void {}\nexport interface D { x: number }\n');
writeFileSync(join(dir, 'src', 'node', 'index.ts'), "export { b } from '../index.js';\nexport const e = 2;\n");

describe('export snapshots', () => {
  it('reads the source entries of the exports map, one key per file when the source depends on the platform', () => {
    assert.deepEqual(sourceEntries(dir), {
      '. [node]': './src/node/index.ts',
      '. [default]': './src/index.ts',
      './extra': './src/extra.ts',
    });
  });

  it('lists values, types and names re-exported with export *', () => {
    assert.deepEqual(exportedNames([join(dir, 'src', 'index.ts'), join(dir, 'src', 'node', 'index.ts')]), [
      ['A', 'D', 'b', 'c'],
      ['b', 'e'],
    ]);
  });

  it('fails on any added or removed name until the snapshot is rewritten on request', () => {
    assert.throws(() => checkExportSnapshot(dir), assert.AssertionError);
    process.env.UPDATE_EXPORT_SNAPSHOTS = '1';
    try {
      checkExportSnapshot(dir);
    } finally {
      delete process.env.UPDATE_EXPORT_SNAPSHOTS;
    }
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'test', 'exports.snapshot.json'), 'utf8')), {
      '. [default]': ['A', 'D', 'b', 'c'],
      '. [node]': ['b', 'e'],
      './extra': ['D', 'c'],
    });
    checkExportSnapshot(dir);
    writeFileSync(
      join(dir, 'src', 'extra.ts'),
      'export function c(): void {}\nexport interface D { x: number }\nexport const f = 3;\n',
    );
    assert.throws(
      () => checkExportSnapshot(dir),
      (e: Error) =>
        e instanceof assert.AssertionError && /\+ f/.test(e.message) && /UPDATE_EXPORT_SNAPSHOTS=1/.test(e.message),
    );
  });
});
