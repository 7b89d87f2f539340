// `opengar import-feed` with a primary (1D) feed: the école's own checks are in its summary line.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createProgram } from '../../src/cli/create-program.js';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { openStore } from '../../src/node/stores.js';
import { FEED_ENT as ENT } from '../helpers/fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'opengar-cli-feed-1d-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('opengar import-feed says an école’s 1D checks in its summary', async () => {
  const dir = join(root, 'data');
  const store = await openStore(dir);
  await store.migrate();
  await store.putEnt({ id: ENT, name: 'ENT', origins: [], clientCertFingerprints: [] });
  await store.close();
  const files = [...feedFiles(generateFeedModel({ degree: '1D', schools: 1, pupilsPerSchool: 20 }))];
  // One pupil at a level that is not an école's.
  const eleve = files.findIndex((f) => f.name.includes('_Eleve_'));
  files[eleve] = { ...files[eleve]!, text: files[eleve]!.text.replace(/(GARMEFSTAT4Code>)2\d{3}</, '$11001<') };
  const paths = files.map((f) => {
    const p = join(root, f.name);
    writeFileSync(p, f.text);
    return p;
  });
  const lines: string[] = [];
  await createProgram({ out: (l) => lines.push(l), err: () => undefined, exitOverride: true }).parseAsync([
    'node',
    'opengar',
    'import-feed',
    '--store',
    dir,
    '--ent',
    ENT,
    '--no-progress',
    ...paths,
  ]);
  const out = lines.join('\n');
  assert.match(out, /Feed applied/);
  assert.match(
    out,
    /\(école\): 1 pupil\(s\) at a level that is not CP to CM2, \d+ director\(s\) missing from RespAff, 0 person\(s\) with a librarian profile\./,
  );
});
