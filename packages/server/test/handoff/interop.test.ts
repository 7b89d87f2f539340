// Tokens the service issues, verified the way publishers will: with @opengar/verifier (node:crypto and WebCrypto
// builds, JWKS fetched in-process from /.well-known/jwks.json) and with raw node:crypto, no jose.
import assert from 'node:assert/strict';
import { createPublicKey, verify as nodeVerify, type JsonWebKey } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  createVerifier as createNodeVerifier,
  verifyLaunch,
  type GarVerifier,
  type VerifierOptions,
} from '../../../verifier/src/node/index.js';
import { createVerifier as createWebVerifier, GarTokenError } from '../../../verifier/src/index.js';
import { ISSUER, R_DICO, R_FAM6, R_MATHS, S1 } from '../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../helpers/world.js';
import { form, readLaunchPage } from './fixtures/http.js';

async function tokenFor(w: HandoffWorld, resource: string): Promise<string> {
  const res = await w.app.request('/launch', form({ assertion: await w.assertion(), resource, uai: S1 }));
  assert.equal(res.status, 200);
  return readLaunchPage(await res.text()).token;
}

function options(w: HandoffWorld, audience: string): VerifierOptions {
  return {
    issuer: ISSUER,
    audience,
    algorithms: ['ES256', 'RS256', 'EdDSA'],
    jwksUri: `${ISSUER}/.well-known/jwks.json`,
    fetch: async (input) => w.app.request(String(input)),
    clock: () => w.clock.now().getTime(),
  };
}

function rawVerify(token: string, jwks: { keys: (JsonWebKey & { kid?: string })[] }): Record<string, unknown> {
  const [h, p, s] = token.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg: string; kid: string; typ: string };
  assert.equal(header.typ, 'gar+jwt');
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  assert.ok(jwk, 'the kid is published');
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const data = Buffer.from(`${h}.${p}`);
  const sig = Buffer.from(s, 'base64url');
  const ok =
    header.alg === 'ES256'
      ? nodeVerify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig)
      : header.alg === 'RS256'
        ? nodeVerify('sha256', data, key, sig)
        : nodeVerify(null, data, key, sig);
  assert.ok(ok, `${header.alg} signature verifies`);
  return JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('interoperability of issued tokens', () => {
  for (const [alg, resource] of [
    ['ES256', R_MATHS],
    ['RS256', R_DICO],
    ['EdDSA', R_FAM6],
  ] as const) {
    it(`${alg}: @opengar/verifier (node:crypto and WebCrypto) accepts it once, raw node:crypto verifies it`, async () => {
      const w = await buildWorld({ data: 'handoff' });
      for (const make of [createNodeVerifier, createWebVerifier]) {
        const verifier: GarVerifier = make(options(w, resource));
        const token = await tokenFor(w, resource);
        const claims = await verifier.verify(token);
        assert.equal(claims.aud, resource);
        assert.equal(claims.sub, claims.IDO);
        await assert.rejects(
          verifier.verify(token),
          (e: unknown) => e instanceof GarTokenError && e.code === 'replayed',
        );
      }
      const jwks = (await (await w.app.request('/.well-known/jwks.json')).json()) as {
        keys: (JsonWebKey & { kid?: string })[];
      };
      const payload = rawVerify(await tokenFor(w, resource), jwks);
      assert.equal(payload.iss, ISSUER);
      assert.equal(payload.aud, resource);
      assert.ok((payload.exp as number) - (payload.iat as number) <= 120);
    });
  }

  it('is refused by a verifier of another resource (wrong_audience) and once expired (expired)', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const token = await tokenFor(w, R_MATHS);
    await assert.rejects(
      createNodeVerifier(options(w, R_DICO)).verify(token),
      (e: unknown) => e instanceof GarTokenError && e.code === 'wrong_audience',
    );
    w.clock.advance(121_000);
    await assert.rejects(
      createNodeVerifier(options(w, R_MATHS)).verify(token),
      (e: unknown) => e instanceof GarTokenError && e.code === 'expired',
    );
  });

  it('is read by verifyLaunch from the form the page posts', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const res = await w.app.request('/launch', form({ assertion: await w.assertion(), resource: R_MATHS, uai: S1 }));
    const page = readLaunchPage(await res.text());
    const posted = new Request(page.action, { method: 'POST', ...form({ gar_token: page.token }) });
    const claims = await verifyLaunch(posted, createNodeVerifier(options(w, R_MATHS)));
    assert.deepEqual(claims.UAI, [S1]);
  });
});
