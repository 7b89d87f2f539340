// `opengar serve` honours SIGTERM within a few seconds while it imports a big feed (parsed in a worker thread,
// applied in batches that watch the shutdown signal), well before its 10 s --shutdown-timeout, and the store keeps the
// previous directory: the import was one transaction, rolled back.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { createPgliteStore } from '../../src/node/stores.js';
import { cleanEnv, collect, spawnCli, listeningUrl } from '../cli/run-cli.js';
import { tarGz } from '../hostile/feed-bundles.js';
import { assertPreviousState, importFirst } from './crash-fixture.js';
import { FEED_ENT as ENT } from '../helpers/fixtures.js';

const SECRETS = {
  OPENGAR_KEK: Buffer.alloc(32, 7).toString('base64url'),
  OPENGAR_PSEUDONYM_SECRET: 'sigterm-test-pseudonym-secret-of-32-bytes',
};
const FP = 'b'.repeat(64);
/** SIGTERM to exit: "a few seconds", on a loaded 2-core machine (the shutdown timeout is 10 s). */
const EXIT_MS = 5000;
/** When SIGTERM is sent after the upload started: the import of 6,000 pupils takes far longer than that here. */
const KILL_AFTER_MS = 1500;

const dir = mkdtempSync(join(tmpdir(), 'opengar-sigterm-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('SIGTERM during a feed import stops opengar serve within seconds, leaving the previous directory', {
  timeout: 180_000,
}, async (t) => {
  const first = await createPgliteStore({ dataDir: dir });
  await importFirst(first);
  const ent = (await first.getEnt(ENT))!;
  await first.putEnt({ ...ent, clientCertFingerprints: [FP] });
  await first.close();

  const model = generateFeedModel({ schools: 2, pupilsPerSchool: 3000, exportedAt: '20260908_060000' });
  const bundle = await tarGz([...feedFiles(model)].map((f) => ({ name: f.name, data: f.text })));

  const child = spawnCli(
    ['serve', '--store', dir, '--port', '0', '--client-cert-header', 'x-test-client-cert'],
    cleanEnv(SECRETS),
  );
  const done = collect(child);
  const url = await listeningUrl(child);

  const importing = fetch(`${url}/api/v1/ent/feeds`, {
    method: 'POST',
    body: new Blob([new Uint8Array(bundle)]),
    headers: { 'content-type': 'application/gzip', 'x-test-client-cert': FP },
    signal: AbortSignal.timeout(120_000),
  }).then(
    (res) => res.status,
    () => 'cut' as const,
  );
  const early = await Promise.race([importing, new Promise((r) => setTimeout(r, KILL_AFTER_MS, 'running'))]);
  assert.equal(early, 'running', 'the import ended before SIGTERM: make the feed bigger');

  const killedAt = performance.now();
  const marks: string[] = [];
  child.stdout!.on('data', (c: Buffer) =>
    marks.push(`${Math.round(performance.now() - killedAt)} ms: ${c.toString().trim().slice(0, 80)}`),
  );
  child.stderr!.on('data', (c: Buffer) =>
    marks.push(`${Math.round(performance.now() - killedAt)} ms: ${c.toString().trim().slice(0, 80)}`),
  );
  void importing.then((status) =>
    marks.push(`${Math.round(performance.now() - killedAt)} ms: the upload answered ${status}`),
  );
  child.kill('SIGTERM');
  const r = await done;
  const took = performance.now() - killedAt;
  t.diagnostic(`exited ${Math.round(took)} ms after SIGTERM: ${marks.join('; ')}`);
  assert.ok(took < EXIT_MS, `exited ${Math.round(took)} ms after SIGTERM: ${marks.join('; ')}`);
  assert.equal(r.code, 0, r.stderr.slice(-2000));
  assert.notEqual(await importing, 200, 'the import was not applied');

  const store = await createPgliteStore({ dataDir: dir });
  try {
    await assertPreviousState(store);
  } finally {
    await store.close();
  }
});
