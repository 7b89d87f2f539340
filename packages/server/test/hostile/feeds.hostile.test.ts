// Hostile directory feeds (opengar issue 13): a refused bundle entry, a deep or bloated XML file, a gzip bomb, a big
// import — answered 422 (or applied) without ending the process, freezing it or making other requests wait.
//
// Latency: /healthz is polled every 50 ms during imports. The product's target is an answer within 200 ms, each time
// (measured in `bench/`, not here); the product yields to the event loop while applying, and parses in a worker
// thread. Tests run on 2 cores shared with other work (load averages of 13 to 29 seen): a process may not be
// scheduled for a few hundred milliseconds, so a latency figure is no test. What is asserted does not depend on the
// machine: /healthz keeps answering while the import runs (several answers, none waiting longer than half the import
// — an import that does not yield holds every answer for all of it), plus a wide ceiling on every answer.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { FEED_LIMITS } from '../../src/feeds/feed-limits.js';
import { ISSUER } from '../helpers/fixtures.js';
import { ENT, feedName, overLimit, tarGz, type Entry } from './feed-bundles.js';
import { forEachStore, type HostileWorld } from './world.js';

const PATH = '/api/v1/ent/feeds';
/**
 * Ceilings, not speed targets (the figures belong to `bench/`): each is far above what a loaded 2-core CI machine
 * takes today and far below what the old behaviour took, so only the regression fails.
 * Every /healthz answer: a process can go unscheduled for a few hundred ms under load; a blocking import held the
 * event loop for 14 s to minutes.
 */
const HEALTHZ_CEILING_MS = 3000;
/** A refusal of a hostile file, upload included (0.1 to 12 s under heavy load; it used to take 14 s to minutes). */
const REFUSAL_MS = 60_000;
/** The gzip bomb (the target is well under 2 s idle, see the bench; it used to take 23.5 s idle). */
const BOMB_MS = 15_000;

type Problem = { code: string; errors: { pointer: string; code: string }[] };

async function upload(w: HostileWorld, body: BodyInit, type?: string): Promise<{ res: Response; ms: number }> {
  const token = await w.clientAssertion(`${ISSUER}${PATH}`);
  const started = performance.now();
  const res = await w.http(PATH, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) },
    signal: AbortSignal.timeout(120_000),
  });
  return { res, ms: performance.now() - started };
}

const uploadBundle = (w: HostileWorld, bundle: Buffer) =>
  upload(w, new Blob([new Uint8Array(bundle)]), 'application/gzip');

/** A multipart body, serialised beforehand: the test's own work must not count against the server's latency. */
async function multipart(files: readonly { name: string; text: string }[]): Promise<{ body: Blob; type: string }> {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([f.text], { type: 'application/xml' }), f.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: new Blob([await request.arrayBuffer()]), type: request.headers.get('content-type')! };
}

async function uploadFiles(w: HostileWorld, files: readonly { name: string; text: string }[]) {
  const { body, type } = await multipart(files);
  return upload(w, body, type);
}

async function refusal(res: Response): Promise<Problem> {
  assert.equal(res.status, 422);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = (await res.json()) as Problem;
  assert.equal(body.code, 'validation');
  return body;
}

/** Polls /healthz every ~50 ms until `during` settles; returns each answer's latency. */
async function pollHealthz(w: HostileWorld, during: Promise<unknown>): Promise<{ latencies: number[]; ms: number }> {
  const start = performance.now();
  let settled = false;
  void during.then(
    () => (settled = true),
    () => (settled = true),
  );
  const latencies: number[] = [];
  // Bounded: 10 minutes of polling at most.
  for (let i = 0; i < 12_000 && !settled; i++) {
    const started = performance.now();
    const res = await w.http('/healthz', { signal: AbortSignal.timeout(30_000) });
    assert.equal(res.status, 200);
    await res.body?.cancel();
    latencies.push(performance.now() - started);
    await sleep(50);
  }
  await during.catch(() => undefined);
  return { latencies, ms: performance.now() - start };
}

function assertResponsive(
  { latencies, ms }: { latencies: number[]; ms: number },
  diagnostic: (m: string) => void,
): void {
  const sorted = [...latencies].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
  const worst = sorted.at(-1) ?? 0;
  diagnostic(
    `/healthz over ${latencies.length} polls during ${Math.round(ms)} ms: median ${Math.round(sorted[sorted.length >> 1] ?? 0)} ms, p95 ${Math.round(p95)} ms, worst ${Math.round(worst)} ms`,
  );
  assert.ok(latencies.length >= 3, `polled ${latencies.length} time(s): the import was too short to tell`);
  assert.ok(
    worst <= ms / 2,
    `one /healthz answer waited ${Math.round(worst)} ms of a ${Math.round(ms)} ms import: the import held the event loop`,
  );
  assert.ok(
    worst <= HEALTHZ_CEILING_MS,
    `/healthz took up to ${Math.round(worst)} ms (ceiling ${HEALTHZ_CEILING_MS} ms)`,
  );
}

const pad = (n: number) => 'x'.repeat(n);
const refusedEntries: [string, () => Entry[], string][] = [
  ['a non-XML file with data', () => [{ name: 'readme.txt', data: pad(200 * 1024) }], 'readme.txt'],
  [
    'a path that climbs out, with data',
    () => [{ name: '../../evil.xml', data: `<x>${pad(50_000)}</x>` }],
    '../../evil.xml',
  ],
  [
    'a name twice',
    () => [
      { name: feedName('Eleve'), data: '<a/>' },
      { name: feedName('Eleve'), data: `<a>${pad(50_000)}</a>` },
    ],
    feedName('Eleve'),
  ],
  ['a symbolic link', () => [{ name: 'a.xml', type: 'symlink', linkname: '/etc/passwd' }], 'a.xml'],
  [
    'a hard link',
    () => [
      { name: 'b.xml', data: '<b/>' },
      { name: 'a.xml', type: 'link', linkname: 'b.xml' },
    ],
    'a.xml',
  ],
  ['a device', () => [{ name: 'null.xml', type: 'character-device' }], 'null.xml'],
  [
    'too many files',
    () => Array.from({ length: FEED_LIMITS.maxFiles + 1 }, (_, i) => ({ name: `f${i}.xml`, data: '<a/>' })),
    `f${FEED_LIMITS.maxFiles}.xml`,
  ],
  [
    'too many bytes once expanded',
    () => [{ name: 'big.xml', zeros: FEED_LIMITS.minExpandedBytes + 1024 * 1024 }],
    'big.xml',
  ],
];

let bomb: Promise<Buffer> | undefined;
/** 1 GiB of zeros in one entry: about 1 MB gzipped, built once for every store. */
const gzipBomb = () => (bomb ??= tarGz([{ name: 'bomb.xml', zeros: 1024 ** 3 }]));

forEachStore('hostile feeds', (world) => {
  for (const [label, entries, entry] of refusedEntries) {
    it(`a bundle holding ${label} is 422 naming the entry, and the service keeps serving`, async () => {
      const { res } = await uploadBundle(world(), await tarGz(entries()));
      const body = await refusal(res);
      assert.equal(body.errors[0]!.code, 'bad_bundle');
      assert.equal(body.errors[0]!.pointer, `bundle.tar.gz:0/${entry}`);
      await world().assertHealthy();
    });
  }

  it('a gzip bomb (1 GiB of zeros in ~1 MB) is refused at once', async (t) => {
    const bundle = await gzipBomb();
    assert.ok(bundle.length < 4 * 1024 * 1024, `the bomb is ${bundle.length} bytes`);
    const { res, ms } = await uploadBundle(world(), bundle);
    const body = await refusal(res);
    assert.deepEqual([body.errors[0]!.code, body.errors[0]!.pointer], ['bad_bundle', 'bundle.tar.gz:0/bomb.xml']);
    t.diagnostic(`refused in ${Math.round(ms)} ms`);
    assert.ok(ms < BOMB_MS, `refused in ${Math.round(ms)} ms`);
    await world().assertHealthy();
  });

  for (const [limit, make] of Object.entries(overLimit)) {
    it(`a file over the ${limit} limit is 422 with its file and line, quickly`, async (t) => {
      const { res, ms } = await uploadFiles(world(), [{ name: feedName('Eleve'), text: make() }]);
      const body = await refusal(res);
      const crossed = body.errors.find((e) => e.code === 'limit_exceeded');
      assert.ok(crossed, `limit_exceeded among ${body.errors.map((e) => e.code).join(', ')}`);
      const m = /^(.+):(\d+)\//.exec(crossed.pointer);
      assert.equal(m?.[1], feedName('Eleve'));
      assert.ok(Number(m?.[2]) >= 1);
      t.diagnostic(`refused in ${Math.round(ms)} ms`);
      assert.ok(ms < REFUSAL_MS, `refused in ${Math.round(ms)} ms`);
      await world().assertHealthy();
    });
  }

  it('/healthz keeps answering throughout a hostile import (a million elements, the longest refusal)', async (t) => {
    const { body, type } = await multipart([{ name: feedName('Eleve'), text: overLimit.elements() }]);
    const importing = upload(world(), body, type);
    const polled = await pollHealthz(world(), importing);
    assert.equal((await importing).res.status, 422);
    assertResponsive(polled, (m) => t.diagnostic(m));
  });

  it('/healthz keeps answering throughout a big valid import, which is applied', async (t) => {
    const model = generateFeedModel({ entId: ENT, schools: 2, pupilsPerSchool: 2000, exportedAt: '20260902_060000' });
    const bundle = await tarGz([...feedFiles(model)].map((f) => ({ name: f.name, data: f.text })));
    const importing = uploadBundle(world(), bundle);
    const polled = await pollHealthz(world(), importing);
    const { res } = await importing;
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(((await res.json()) as { status: string }).status, 'applied');
    assertResponsive(polled, (m) => t.diagnostic(m));
    assert.equal((await world().store.listPeople({ uai: model.schools[0]!.uai })).length > 0, true);
  });
});
