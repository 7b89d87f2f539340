// The demo's example programs run bundled (scripts/demo-bundle.mjs): the bundle must run with bare Node, keep
// `import.meta.url` naming the source file, keep node_modules packages outside, be reused while its inputs are
// unchanged, and be made again when one changes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { bundledEntry } from '../demo-bundle.mjs';
import { root } from '../lib.mjs';

const dir = join(root, '.tmp', `demo-bundle-test-${process.pid}`);
mkdirSync(dir, { recursive: true });
after(() => rmSync(dir, { recursive: true, force: true }));

const entry = join(dir, 'entry.ts');
const helper = join(dir, 'helper.ts');
writeFileSync(helper, "export const where: string = import.meta.url;\nexport const word = 'first';\n");
writeFileSync(
  entry,
  [
    "import { version } from 'esbuild';",
    "import { isPupilAt } from '@opengar/core';",
    "import { where, word } from './helper.js';",
    "const pupil = isPupilAt({ profiles: [{ uai: 'U', profile: 'National_elv' }] }, process.argv[2] ?? '');",
    'console.log(JSON.stringify({ where, word, uai: pupil, esbuild: typeof version }));',
  ].join('\n'),
);
const run = (file: string, arg: string) =>
  JSON.parse(execFileSync(process.execPath, [file, arg], { encoding: 'utf8' })) as Record<string, unknown>;

describe('bundledEntry', () => {
  it('bundles the workspace sources into one file that runs with bare Node', async () => {
    const out = await bundledEntry(entry);
    const r = run(out, 'U');
    assert.equal(r.word, 'first');
    assert.equal(r.uai, true);
    assert.equal(r.esbuild, 'string');
    // import.meta.url still names the file it is written in, not the bundle.
    assert.equal(r.where, pathToFileURL(helper).href);
    // The package stays outside, imported by its resolved path.
    assert.doesNotMatch(readFileSync(out, 'utf8'), /function build\(/);
  });

  it('reuses the bundle while its inputs are unchanged, and makes it again when one changes', async () => {
    const out = await bundledEntry(entry);
    const made = statSync(out).mtimeMs;
    assert.equal(await bundledEntry(entry), out);
    assert.equal(statSync(out).mtimeMs, made);
    writeFileSync(helper, "export const where: string = import.meta.url;\nexport const word = 'second';\n");
    const later = new Date(Date.now() + 5000);
    utimesSync(helper, later, later);
    assert.equal(run(await bundledEntry(entry), 'x').word, 'second');
  });

  it('fails on a source that does not compile (the demo then falls back to tsx)', async () => {
    const broken = join(dir, 'broken.ts');
    writeFileSync(broken, "import { nothing } from './missing.js';\nconsole.log(nothing);\n");
    await assert.rejects(bundledEntry(broken));
  });
});
