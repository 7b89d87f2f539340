// Hand-off throughput: hand-offs per second of the service (POST /launch through the HTTP app, in process, on the
// memory store: assertion check, entitlement re-check, attribute release, signing, copy marking, event) as a ratio
// to bare signing of the same token in the same run. The service should cost a small multiple of the signature.
import { pairwisePseudonym, releaseAttributes } from '../packages/core/src/index.js';
import { signGarToken } from '../packages/server/src/handoff/index.js';
import { ISSUER, R_MATHS, S1, SECRET } from '../packages/server/test/helpers/fixtures.js';
import { buildWorld } from '../packages/server/test/helpers/world.js';
import { quick, writeReport } from './lib/report.js';

const world = await buildWorld({ data: 'handoff' });
const launchInit = (assertion: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ assertion, resource: R_MATHS, uai: S1 }).toString(),
});

const person = (await world.store.getPerson('ENTA', 'eleve-a'))!;
const resource = (await world.store.getResource(R_MATHS))!;
const groups = [(await world.store.getGroup(S1, '3A'))!, (await world.store.getGroup(S1, 'LATIN'))!];
const ido = pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: R_MATHS });
const attributes = releaseAttributes({ person, uai: S1, resource, ido, groups, mefs: [] });
const key = await world.keys.signingKey('ES256');

/** Requests in flight at once, as a listener serving many browsers has (WebCrypto work runs off the main thread). */
const CONCURRENCY = 16;

async function run(n: number, concurrency: number, one: () => Promise<void>): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) await one();
    }),
  );
  return performance.now() - t;
}

const handoffs = async (n: number, concurrency: number) => {
  // An assertion opens one launch: sign one per hand-off before the clock starts (the ENT's cost, not the service's).
  const inits = await Promise.all(
    Array.from({ length: n }, async () => launchInit(await world.assertion({ lifetime: 300 }))),
  );
  let next = 0;
  return run(n, concurrency, async () => {
    const res = await world.app.request('/launch', inits[next++]!);
    if (res.status !== 200) throw new Error(`hand-off failed: ${res.status}`);
    await res.text();
  });
};

const signings = (n: number, concurrency: number) =>
  run(n, concurrency, async () => {
    await signGarToken({ issuer: ISSUER, resourceId: R_MATHS, attributes, key, now: world.clock.now() });
  });

const n = quick ? 400 : 4000;
await handoffs(200, 1);
await signings(200, 1);
const totals = { seq: { h: 0, s: 0 }, par: { h: 0, s: 0 } };
// Alternate rounds so that both see the same machine conditions.
for (let round = 0; round < 4; round++) {
  totals.seq.h += await handoffs(n / 8, 1);
  totals.seq.s += await signings(n / 8, 1);
  totals.par.h += await handoffs(n / 8, CONCURRENCY);
  totals.par.s += await signings(n / 8, CONCURRENCY);
}
const rate = (ms: number) => (n / 2 / ms) * 1000;
// A hand-off is one ENT-assertion verification, one signature, two HMAC-SHA-512, a dozen store operations and an
// HTTP round trip: it should cost no more than about a dozen bare signatures.
const TARGET = 0.08;
const row = (name: string, t: { h: number; s: number }) => {
  const value = rate(t.h);
  const baseline = rate(t.s);
  return {
    name,
    value,
    unit: '/s',
    baseline,
    baselineName: 'bare ES256 signing of the same token',
    ratio: value / baseline,
    target: `ratio ≥ ${TARGET}`,
    ok: value / baseline >= TARGET,
  };
};
writeReport(
  'handoff',
  [
    row('hand-offs/s (POST /launch, ES256, memory store, one at a time)', totals.seq),
    row(`hand-offs/s (POST /launch, ES256, memory store, ${CONCURRENCY} in flight)`, totals.par),
  ],
  {
    samples: n,
    concurrency: CONCURRENCY,
    events: (await world.store.listHandoffEvents({ resourceId: R_MATHS, limit: 1_000_000 })).length,
  },
);
