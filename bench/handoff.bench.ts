// Hand-off throughput: hand-offs per second of the service (POST /launch through the HTTP app, in process, on the
// memory store: assertion check, entitlement re-check, attribute release, signing, copy marking, event) as a ratio
// to bare signing of the same token in the same run. The service should cost a small multiple of the signature.
import { pairwisePseudonym, releaseAttributes } from '../packages/core/src/index.js';
import { signGarToken } from '../packages/server/src/handoff/index.js';
import { ISSUER, R_MATHS, S1, SECRET } from '../packages/server/test/helpers/fixtures.js';
import { buildWorld } from '../packages/server/test/helpers/world.js';
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { nodeJwsSigner } from '../packages/server/src/node/node-jws-signer.js';
import { quick, writeReport, type BenchRow } from './lib/report.js';

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

// Token signing alone, one at a time: signGarToken with a node:crypto key object (what `opengar serve` uses) and with
// WebCrypto through jose (the browser's way, and the server's before), beside a bare node:crypto signature of the
// same signing input. Target: the key-object path at ≥ 0.6× bare signing.
const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
const webKey = { kid: 'bench', alg: 'ES256' as const, key: pair.privateKey };
const nodeKey = { ...webKey, sign: nodeJwsSigner(jwk as Parameters<typeof nodeJwsSigner>[0], 'ES256') };
const keyObject = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
const sampleToken = await signGarToken({
  issuer: ISSUER,
  resourceId: R_MATHS,
  attributes,
  key: nodeKey,
  now: world.clock.now(),
});
const signingInput = Buffer.from(sampleToken.split('.').slice(0, 2).join('.'));
const tokenWith = (k: typeof webKey) => async () => {
  await signGarToken({ issuer: ISSUER, resourceId: R_MATHS, attributes, key: k, now: world.clock.now() });
};
const bareSign = async () => {
  nodeSign('sha256', signingInput, { key: keyObject, dsaEncoding: 'ieee-p1363' });
};
const signN = quick ? 4000 : 20_000;
for (const warm of [tokenWith(nodeKey), tokenWith(webKey), bareSign]) await run(300, 1, warm);
const sig = { node: 0, web: 0, bare: 0 };
// Measured first, on a heap the hand-offs below have not filled.
for (let round = 0; round < 4; round++) {
  sig.node += await run(signN / 4, 1, tokenWith(nodeKey));
  sig.web += await run(signN / 4, 1, tokenWith(webKey));
  sig.bare += await run(signN / 4, 1, bareSign);
}
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
const signRow = (name: string, ms: number, target: number): BenchRow => ({
  name,
  value: (signN / ms) * 1000,
  unit: '/s',
  baseline: (signN / sig.bare) * 1000,
  baselineName: 'bare node:crypto ES256 signature of the same signing input',
  ratio: sig.bare / ms,
  target: `ratio ≥ ${target}`,
  ok: sig.bare / ms >= target,
});
writeReport(
  'handoff',
  [
    row('hand-offs/s (POST /launch, ES256, memory store, one at a time)', totals.seq),
    row(`hand-offs/s (POST /launch, ES256, memory store, ${CONCURRENCY} in flight)`, totals.par),
    signRow('hand-off tokens signed/s, node:crypto key object (opengar serve)', sig.node, 0.6),
    signRow('hand-off tokens signed/s, WebCrypto through jose (browsers; the server before)', sig.web, 0),
  ],
  {
    samples: n,
    concurrency: CONCURRENCY,
    events: (await world.store.listHandoffEvents({ resourceId: R_MATHS, limit: 1_000_000 })).length,
  },
);
