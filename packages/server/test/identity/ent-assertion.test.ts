import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GarServiceError } from '../../src/index.js';
import { entKeys, ISSUER, S1, S2, S3, signAssertion } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof GarServiceError, String(e));
    return e.code;
  }
  assert.fail('expected a GarServiceError');
}

const SYSTEM = { kind: 'system' } as const;

describe('ENT user assertions', () => {
  it('verifies a well-formed assertion into an ENT user', async () => {
    const w = await buildWorld();
    assert.deepEqual(await w.service.identity.authenticateEntUser(await w.assertion({ uai: S1 })), {
      kind: 'ent-user',
      entId: 'ENTA',
      personId: 'eleve-a',
      uai: S1,
    });
    assert.deepEqual(await w.service.identity.authenticateEntUser(await w.assertion()), {
      kind: 'ent-user',
      entId: 'ENTA',
      personId: 'eleve-a',
    });
  });

  for (const alg of ['RS256', 'PS256', 'EdDSA'] as const) {
    it(`accepts ${alg} keys`, async () => {
      const w = await buildWorld();
      const keys = await entKeys(alg, `c-${alg}`);
      await w.service.admin.ents.create(SYSTEM, { id: 'ENTC', name: 'C', jwks: { keys: [keys.publicJwk] } });
      await w.service.admin.schools.create(SYSTEM, { uai: '0000004C', entId: 'ENTC', name: 'C' });
      await w.service.directory.putPerson(SYSTEM, {
        entId: 'ENTC',
        id: 'p',
        lastName: 'L',
        firstName: 'F',
        profiles: [{ uai: '0000004C', profile: 'National_ens' }],
      });
      const user = await w.service.identity.authenticateEntUser(
        await signAssertion(keys, { iss: 'ENTC', sub: 'p', uai: '0000004C' }, w.clock.now()),
      );
      assert.equal(user.personId, 'p');
    });
  }

  it('tolerates 30 s of clock skew, not more', async () => {
    const w = await buildWorld();
    const token = await w.assertion({ lifetime: 60 });
    w.clock.advance(85_000);
    assert.equal((await w.service.identity.authenticateEntUser(token)).personId, 'eleve-a');
    w.clock.advance(10_000);
    assert.equal(await code(w.service.identity.authenticateEntUser(token)), 'token-expired');
  });

  it('refuses a school of another ENT, a school the person is not at, and an unknown person', async () => {
    const w = await buildWorld();
    assert.equal(await code(w.service.identity.authenticateEntUser(await w.assertion({ uai: S2 }))), 'forbidden');
    assert.equal(
      await code(w.service.identity.authenticateEntUser(await w.assertion({ sub: 'prof-a', uai: S3 }))),
      'forbidden',
    );
    assert.equal(
      await code(w.service.identity.authenticateEntUser(await w.assertion({ sub: 'eleve-b' }))),
      'forbidden',
    );
    assert.equal(
      await code(w.service.identity.authenticateEntUser(await w.assertion({ uai: '0000099X' }))),
      'forbidden',
    );
  });

  it('refuses a missing jti or subject', async () => {
    const w = await buildWorld();
    const { SignJWT } = await import('jose');
    const iat = Math.floor(w.clock.now().getTime() / 1000);
    const noJti = await new SignJWT({ uai: S1 })
      .setProtectedHeader({ alg: 'ES256', typ: 'gar-ent+jwt' })
      .setIssuer('ENTA')
      .setSubject('eleve-a')
      .setAudience(ISSUER)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(w.keysA.privateKey);
    assert.equal(await code(w.service.identity.authenticateEntUser(noJti)), 'unauthenticated');
  });

  it('follows key rotation of inline keys when the ENT is updated', async () => {
    const w = await buildWorld();
    const next = await entKeys('ES256', 'a-2');
    const token = await signAssertion(next, { uai: S1 }, w.clock.now());
    assert.equal(await code(w.service.identity.authenticateEntUser(token)), 'unauthenticated');
    await w.service.admin.ents.update(SYSTEM, 'ENTA', {
      id: 'ENTA',
      name: 'ENT A',
      jwks: { keys: [w.keysA.publicJwk, next.publicJwk] },
      origins: [],
    });
    assert.equal((await w.service.identity.authenticateEntUser(token)).personId, 'eleve-a');
  });
});

describe('remote JWKS', () => {
  const JWKS_URI = 'https://ent-c.test/jwks.json';

  async function remoteWorld(respond: (calls: number) => Response | Promise<Response>) {
    let calls = 0;
    const fetch = (async () => respond(++calls)) as typeof globalThis.fetch;
    const w = await buildWorld({ service: { jwks: { fetch } } });
    const keys = await entKeys('ES256', 'c-1');
    await w.service.admin.ents.create(SYSTEM, { id: 'ENTC', name: 'C', jwksUri: JWKS_URI });
    await w.service.admin.schools.create(SYSTEM, { uai: '0000004C', entId: 'ENTC', name: 'C' });
    await w.service.directory.putPerson(SYSTEM, {
      entId: 'ENTC',
      id: 'p',
      lastName: 'L',
      firstName: 'F',
      profiles: [{ uai: '0000004C', profile: 'National_ens' }],
    });
    const token = (k = keys) => signAssertion(k, { iss: 'ENTC', sub: 'p' }, w.clock.now());
    return { w, keys, token, calls: () => calls };
  }

  it('fetches once and caches', async () => {
    let jwks = '';
    const r = await remoteWorld(() => new Response(jwks, { headers: { 'content-type': 'application/json' } }));
    jwks = JSON.stringify({ keys: [r.keys.publicJwk] });
    assert.equal((await r.w.service.identity.authenticateEntUser(await r.token())).entId, 'ENTC');
    assert.equal((await r.w.service.identity.authenticateEntUser(await r.token())).entId, 'ENTC');
    assert.equal(r.calls(), 1);
  });

  it('refetches on an unknown key id only after the cooldown', async () => {
    let jwks = '';
    const r = await remoteWorld(() => new Response(jwks));
    jwks = JSON.stringify({ keys: [r.keys.publicJwk] });
    await r.w.service.identity.authenticateEntUser(await r.token());
    const rotated = await entKeys('ES256', 'c-2');
    jwks = JSON.stringify({ keys: [r.keys.publicJwk, rotated.publicJwk] });
    assert.equal(await code(r.w.service.identity.authenticateEntUser(await r.token(rotated))), 'unauthenticated');
    assert.equal(r.calls(), 1);
    r.w.clock.advance(31_000);
    assert.equal((await r.w.service.identity.authenticateEntUser(await r.token(rotated))).entId, 'ENTC');
    assert.equal(r.calls(), 2);
  });

  it('is unavailable when the key set is too large, not JSON, or an error', async () => {
    const huge = await remoteWorld(
      () => new Response(JSON.stringify({ keys: [{ kty: 'EC', pad: 'x'.repeat(100_000) }] })),
    );
    assert.equal(await code(huge.w.service.identity.authenticateEntUser(await huge.token())), 'unavailable');
    const html = await remoteWorld(() => new Response('<html>'));
    assert.equal(await code(html.w.service.identity.authenticateEntUser(await html.token())), 'unavailable');
    const down = await remoteWorld(() => new Response('no', { status: 500 }));
    assert.equal(await code(down.w.service.identity.authenticateEntUser(await down.token())), 'unavailable');
  });

  it('does not ask a failing URL again before the cooldown', async () => {
    let ok = false;
    const r = await remoteWorld(() =>
      ok ? new Response(JSON.stringify({ keys: [r.keys.publicJwk] })) : new Response('down', { status: 503 }),
    );
    assert.equal(await code(r.w.service.identity.authenticateEntUser(await r.token())), 'unavailable');
    ok = true;
    assert.equal(await code(r.w.service.identity.authenticateEntUser(await r.token())), 'unavailable');
    assert.equal(r.calls(), 1);
    r.w.clock.advance(31_000);
    assert.equal((await r.w.service.identity.authenticateEntUser(await r.token())).entId, 'ENTC');
    assert.equal(r.calls(), 2);
  });

  it('aborts a fetch after its timeout', async () => {
    let calls = 0;
    const fetch = ((_: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        calls++;
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    const w = await buildWorld({ service: { jwks: { fetch, timeoutMs: 50 } } });
    await w.service.admin.ents.create(SYSTEM, { id: 'ENTC', name: 'C', jwksUri: JWKS_URI });
    const keys = await entKeys('ES256', 'c-1');
    // AbortSignal.timeout does not keep the event loop alive on its own; a listener would.
    const keepAlive = setTimeout(() => {}, 5_000);
    try {
      assert.equal(
        await code(
          w.service.identity.authenticateEntUser(await signAssertion(keys, { iss: 'ENTC', sub: 'p' }, w.clock.now())),
        ),
        'unavailable',
      );
    } finally {
      clearTimeout(keepAlive);
    }
    assert.equal(calls, 1);
  });

  it('ignores symmetric and private keys served by the URL', async () => {
    let jwks = '';
    const r = await remoteWorld(() => new Response(jwks));
    const { SignJWT } = await import('jose');
    const secret = new TextEncoder().encode('a-shared-secret-of-32-bytes-long!');
    jwks = JSON.stringify({ keys: [{ kty: 'oct', kid: 'h', k: Buffer.from(secret).toString('base64url') }] });
    const iat = Math.floor(r.w.clock.now().getTime() / 1000);
    const hs = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'gar-ent+jwt', kid: 'h' })
      .setIssuer('ENTC')
      .setSubject('p')
      .setAudience(ISSUER)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .setJti('j')
      .sign(secret);
    assert.equal(await code(r.w.service.identity.authenticateEntUser(hs)), 'unauthenticated');
  });
});
