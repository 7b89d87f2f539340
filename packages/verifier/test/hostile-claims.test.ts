import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReplayStore } from '../src/index.js';
import { assertRefused } from './fixtures/assert-refused.js';
import { keys } from './fixtures/keys.js';
import { paths } from './fixtures/paths.js';
import { AUDIENCE, b64json, claims, IDO, ISSUER, makeToken, NOW, signRaw } from './fixtures/tokens.js';
import { localOptions } from './fixtures/verifiers.js';

const es = keys.ES256;

/** Signs an arbitrary payload segment (so that the payload can be something other than JSON). */
function signedPayload(payloadSegment: string): string {
  const input = `${b64json({ alg: 'ES256', typ: 'gar+jwt', kid: es.kid })}.${payloadSegment}`;
  return `${input}.${signRaw('ES256', es.privateKey, input)}`;
}

for (const path of paths) {
  describe(`hostile claims and encodings (${path.name})`, () => {
    const verifier = (o = {}) => path.createVerifier(localOptions(o));

    test('an expired token is expired', async () => {
      const token = makeToken(es, { claims: { iat: NOW - 200, nbf: NOW - 200, exp: NOW - 100 } });
      await assertRefused(verifier().verify(token), 'expired', token);
    });

    test('exp at the edge of the clock tolerance', async () => {
      const past = makeToken(es, { claims: { iat: NOW - 100, nbf: NOW - 100, exp: NOW - 5 } });
      await assertRefused(verifier({ clockTolerance: 5 }).verify(past), 'expired', past);
      const within = makeToken(es, { claims: { iat: NOW - 100, nbf: NOW - 100, exp: NOW - 4 } });
      assert.equal((await verifier({ clockTolerance: 5 }).verify(within)).exp, NOW - 4);
      const strict = makeToken(es, { claims: { iat: NOW - 100, nbf: NOW - 100, exp: NOW - 4 } });
      await assertRefused(verifier({ clockTolerance: 0 }).verify(strict), 'expired', strict);
    });

    test('nbf in the future is not_yet_valid', async () => {
      const token = makeToken(es, { claims: { nbf: NOW + 60, exp: NOW + 90 } });
      await assertRefused(verifier().verify(token), 'not_yet_valid', token);
    });

    test('nbf at the edge of the clock tolerance', async () => {
      const edge = makeToken(es, { claims: { iat: NOW, nbf: NOW + 5, exp: NOW + 60 } });
      assert.equal((await verifier({ clockTolerance: 5 }).verify(edge)).nbf, NOW + 5);
      const beyond = makeToken(es, { claims: { iat: NOW, nbf: NOW + 6, exp: NOW + 60 } });
      await assertRefused(verifier({ clockTolerance: 5 }).verify(beyond), 'not_yet_valid', beyond);
    });

    test('iat in the future beyond the tolerance is not_yet_valid', async () => {
      const token = makeToken(es, { claims: { iat: NOW + 30, nbf: NOW, exp: NOW + 60 } });
      await assertRefused(verifier().verify(token), 'not_yet_valid', token);
    });

    test('a wrong aud is wrong_audience, also inside an array', async () => {
      for (const aud of ['ark:/67890/other', `${AUDIENCE}/`, ['ark:/1/a', 'ark:/1/b'], 'ARK:/67890/DICO']) {
        const token = makeToken(es, { claims: { aud } });
        await assertRefused(verifier().verify(token), 'wrong_audience', token);
      }
      const listed = makeToken(es, { claims: { aud: ['ark:/1/a', AUDIENCE] } });
      assert.deepEqual((await verifier().verify(listed)).aud, ['ark:/1/a', AUDIENCE]);
    });

    test('a wrong iss is wrong_issuer', async () => {
      for (const iss of ['https://evil.example', `${ISSUER}/`, 'HTTPS://GAR.EXAMPLE.TEST', `${ISSUER}.evil`]) {
        const token = makeToken(es, { claims: { iss } });
        await assertRefused(verifier().verify(token), 'wrong_issuer', token);
      }
    });

    test('a lifetime over 120 s is malformed; exactly 120 s is accepted', async () => {
      const long = makeToken(es, { claims: { iat: NOW, nbf: NOW, exp: NOW + 121 } });
      await assertRefused(verifier().verify(long), 'malformed', long);
      const max = makeToken(es, { claims: { iat: NOW, nbf: NOW, exp: NOW + 120 } });
      assert.equal((await verifier().verify(max)).exp, NOW + 120);
    });

    test('a replayed token is replayed', async () => {
      const v = verifier();
      const token = makeToken(es);
      await v.verify(token);
      await assertRefused(v.verify(token), 'replayed', token);
      const sameJti = makeToken(es, {
        claims: { jti: JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).jti },
      });
      await assertRefused(v.verify(sameJti), 'replayed', sameJti);
    });

    test('concurrent verifications of one token: exactly one succeeds', async () => {
      const v = verifier();
      const token = makeToken(es);
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => v.verify(token)));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    });

    test('a replay store that says "seen" makes the token replayed; its failures pass through', async () => {
      const seen: ReplayStore = { consume: () => Promise.resolve(false) };
      const token = makeToken(es);
      await assertRefused(verifier({ replayStore: seen }).verify(token), 'replayed', token);
      const down: ReplayStore = { consume: () => Promise.reject(new Error('redis down')) };
      await assert.rejects(verifier({ replayStore: down }).verify(makeToken(es)), /redis down/);
    });

    test('the replay store gets the jti and an expiry of exp plus the tolerance', async () => {
      const calls: Array<[string, number]> = [];
      const store: ReplayStore = { consume: (jti, at) => (calls.push([jti, at]), Promise.resolve(true)) };
      await verifier({ replayStore: store, clockTolerance: 5 }).verify(makeToken(es, { claims: { jti: 'j-1' } }));
      assert.deepEqual(calls, [['j-1', NOW + 60 + 5]]);
    });

    test('a tampered payload is bad_signature', async () => {
      const [h, , s] = makeToken(es).split('.');
      const token = `${h}.${b64json(claims({ PRO: 'National_ens' }))}.${s}`;
      await assertRefused(verifier().verify(token), 'bad_signature', token);
    });

    test('a tampered signature is bad_signature (each algorithm)', async () => {
      for (const key of [keys.ES256, keys.RS256, keys.EdDSA]) {
        const token = makeToken(key);
        const sig = token.split('.')[2] ?? '';
        const flipped = `${token.slice(0, token.length - sig.length)}${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
        await assertRefused(verifier().verify(flipped), 'bad_signature', flipped);
      }
    });

    test('a truncated token is refused', async () => {
      const token = makeToken(es);
      const short = token.slice(0, -10);
      await assertRefused(verifier().verify(short), short.length % 4 === 1 ? 'malformed' : 'bad_signature', short);
      const noSig = token.slice(0, token.lastIndexOf('.'));
      await assertRefused(verifier().verify(noSig), 'malformed', noSig);
      const headerOnly = token.slice(0, token.indexOf('.'));
      await assertRefused(verifier().verify(headerOnly), 'malformed', headerOnly);
      const emptySig = `${noSig}.`;
      await assertRefused(verifier().verify(emptySig), 'bad_signature', emptySig);
    });

    test('an oversized token is malformed before any parsing', async () => {
      const huge = makeToken(es, { claims: { NOM: 'x'.repeat(9000) } });
      await assertRefused(verifier().verify(huge), 'malformed', huge);
      const garbage = `${'A'.repeat(10_000)}.${'B'.repeat(10)}.${'C'.repeat(10)}`;
      await assertRefused(verifier().verify(garbage), 'malformed', garbage);
      const token = makeToken(es);
      await assertRefused(verifier({ maxTokenLength: token.length - 1 }).verify(token), 'malformed', token);
    });

    test('malformed base64url is malformed', async () => {
      const token = makeToken(es);
      for (const bad of [
        `*${token}`,
        token.replace('.', '=.'),
        `${token}==`,
        `A${token}`,
        token.replace('.', '+.'),
        ` ${token}`,
      ]) {
        await assertRefused(verifier().verify(bad), 'malformed', bad);
      }
    });

    test('a header that is not a JSON object is malformed', async () => {
      const tail = makeToken(es).split('.').slice(1).join('.');
      const headers = [
        Buffer.from('{"alg":"ES256"').toString('base64url'),
        b64json(['ES256']),
        b64json(null),
        b64json('gar+jwt'),
        Buffer.from([0xff, 0xfe, 0x7b, 0x7d]).toString('base64url'),
      ];
      for (const h of headers) await assertRefused(verifier().verify(`${h}.${tail}`), 'malformed', `${h}.${tail}`);
    });

    test('a signed payload that is not a JSON object is malformed', async () => {
      for (const p of [
        Buffer.from('{"iss":').toString('base64url'),
        b64json([1, 2]),
        b64json(12),
        Buffer.from([0xc3, 0x28]).toString('base64url'),
      ]) {
        const token = signedPayload(p);
        await assertRefused(verifier().verify(token), 'malformed', token);
      }
    });

    test('each missing required claim is malformed', async () => {
      for (const claim of ['iss', 'aud', 'sub', 'IDO', 'iat', 'nbf', 'exp', 'jti']) {
        const body = claims();
        delete body[claim];
        const token = signedPayload(b64json(body));
        await assertRefused(verifier().verify(token), 'malformed', token);
      }
    });

    test('mistyped claims are malformed', async () => {
      const cases: Record<string, unknown>[] = [
        { exp: String(NOW + 60) },
        { iat: null },
        { nbf: Number.NaN },
        { jti: 7 },
        { jti: '' },
        { sub: IDO.toUpperCase(), IDO: IDO.toUpperCase() },
        { sub: 'eleve-000123', IDO: 'eleve-000123' },
        { IDO: `${IDO.slice(0, -1)}0` },
        { UAI: '0561234A' },
        { UAI: ['0561234A', '0567890B'] },
        { PRO: ['National_elv'] },
        { P_MEL: 12 },
        { DIV: '5A##5e A' },
        { GRO: [1, 2] },
        { E_MS4: [{}] },
      ];
      for (const c of cases) {
        const token = makeToken(es, { claims: c });
        await assertRefused(verifier().verify(token), 'malformed', token);
      }
    });

    test('not a string, or empty, is malformed', async () => {
      const v = verifier();
      for (const value of [undefined, null, 42, {}, '', '..', 'a.b']) {
        await assertRefused(v.verify(value as string), 'malformed');
      }
    });

    test('only the known claims come back, in their typed form', async () => {
      const token = makeToken(es, { claims: { P_MEL: 'prof@example.fr', idENT: 'ENTTEST1', custom: { x: 1 } } });
      const got = await verifier().verify(token);
      assert.equal(got.P_MEL, 'prof@example.fr');
      assert.deepEqual(got.UAI, ['0561234A']);
      assert.equal('idENT' in got, false);
      assert.equal('custom' in got, false);
    });
  });
}
