// Hostile and broken input: every case is the right 4xx problem, never a crash, never a change.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { base64url, SignJWT } from 'jose';
import { createHttpApp, type HttpApp } from '../../src/index.js';
import { ISSUER, S1 } from '../helpers/fixtures.js';
import { buildWorld, snapshot, type World } from '../helpers/world.js';
import { assertProblem, bearer, jsonInit } from './helpers.js';

function unsigned(header: object, claims: object): string {
  const enc = (o: object) => base64url.encode(JSON.stringify(o));
  return `${enc(header)}.${enc(claims)}.`;
}

describe('bad input', () => {
  let w: World;
  let app: HttpApp;
  let op: Record<string, string>;
  const ent = { id: 'ENTC', name: 'ENT C' };

  before(async () => {
    w = await buildWorld();
    app = createHttpApp(w.service, { maxBodyBytes: 4096 });
    op = bearer(w.operatorSecret);
  });

  async function unchanged(run: () => Promise<void>): Promise<void> {
    const s = await snapshot(w.store);
    await run();
    assert.deepEqual(await snapshot(w.store), s);
  }

  it('malformed JSON is a 400 bad-request', () =>
    unchanged(async () => {
      const res = await app.request('/api/v1/admin/ents', {
        method: 'POST',
        headers: { ...op, 'content-type': 'application/json' },
        body: '{"id": "ENTC",',
      });
      await assertProblem(res, 400, 'bad-request');
    }));

  it('a body that is not UTF-8 is a 400 bad-request', () =>
    unchanged(async () => {
      const res = await app.request('/api/v1/admin/ents', {
        method: 'POST',
        headers: { ...op, 'content-type': 'application/json' },
        body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      });
      await assertProblem(res, 400, 'bad-request');
    }));

  it('a wrong or missing content type is a 415', () =>
    unchanged(async () => {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'application/json; charset=latin1',
      ]) {
        const res = await app.request('/api/v1/admin/ents', {
          method: 'POST',
          headers: { ...op, 'content-type': type },
          body: JSON.stringify(ent),
        });
        await assertProblem(res, 415, 'unsupported-media-type');
      }
      const res = await app.request('/api/v1/admin/ents', { method: 'POST', headers: op, body: JSON.stringify(ent) });
      await assertProblem(res, 415, 'unsupported-media-type');
    }));

  it('a huge body is a 413, whether declared or streamed', () =>
    unchanged(async () => {
      const huge = { ...ent, name: 'x'.repeat(10_000) };
      await assertProblem(
        await app.request('/api/v1/admin/ents', jsonInit('POST', huge, op)),
        413,
        'payload-too-large',
      );
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(1000)));
          controller.close();
        },
      });
      const res = await app.request('/api/v1/admin/ents', {
        method: 'POST',
        headers: { ...op, 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      await assertProblem(res, 413, 'payload-too-large');
    }));

  it('unknown fields are a 400 validation naming each field', () =>
    unchanged(async () => {
      const res = await app.request('/api/v1/admin/ents', jsonInit('POST', { ...ent, admin: true }, op));
      const p = await assertProblem(res, 400, 'validation');
      assert.deepEqual(
        p.errors?.map((e) => [e.pointer, e.code]),
        [['/admin', 'unknown_field']],
      );
    }));

  it('invalid values are a 400 validation with JSON pointers', () =>
    unchanged(async () => {
      const res = await app.request(
        '/api/v1/admin/schools',
        jsonInit('POST', { uai: 'lower-case', entId: 'ENTA' }, op),
      );
      const p = await assertProblem(res, 400, 'validation');
      const pointers = p.errors?.map((e) => e.pointer).sort();
      assert.deepEqual(pointers, ['/name', '/uai']);
      assert.equal(p.errors?.find((e) => e.pointer === '/name')?.code, 'required');
    }));

  it('a __proto__ key is an unknown field, and pollutes nothing', () =>
    unchanged(async () => {
      const body = '{"id":"ENTC","name":"C","__proto__":{"polluted":true}}';
      const res = await app.request('/api/v1/admin/ents', {
        method: 'POST',
        headers: { ...op, 'content-type': 'application/json' },
        body,
      });
      const p = await assertProblem(res, 400, 'validation');
      assert.deepEqual(
        p.errors?.map((e) => e.pointer),
        ['/__proto__'],
      );
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    }));

  it('deeply nested JSON is refused without a crash', async () => {
    const big = createHttpApp(w.service);
    await unchanged(async () => {
      const body = '['.repeat(400_000) + ']'.repeat(400_000);
      const res = await big.request('/api/v1/admin/ents', {
        method: 'POST',
        headers: { ...op, 'content-type': 'application/json' },
        body,
      });
      await assertProblem(res, 400);
    });
  });

  it('non-object JSON bodies are a 400 validation', () =>
    unchanged(async () => {
      for (const body of [null, [], 'text', 42]) {
        await assertProblem(await app.request('/api/v1/admin/ents', jsonInit('POST', body, op)), 400, 'validation');
      }
    }));

  it('an ENT with a symmetric or private key is refused', () =>
    unchanged(async () => {
      const oct = { ...ent, jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } };
      const p = await assertProblem(
        await app.request('/api/v1/admin/ents', jsonInit('POST', oct, op)),
        400,
        'validation',
      );
      assert.ok(p.errors?.some((e) => e.pointer === '/jwks/keys/0/kty'));
      const priv = { ...ent, jwks: { keys: [{ ...w.keysA.publicJwk, d: 'AAAA' }] } };
      const q = await assertProblem(
        await app.request('/api/v1/admin/ents', jsonInit('POST', priv, op)),
        400,
        'validation',
      );
      assert.ok(q.errors?.some((e) => e.pointer === '/jwks/keys/0/d'));
      const http = { ...ent, jwksUri: 'http://keys.example/jwks.json', origins: ['https://x.test/path'] };
      const r = await assertProblem(
        await app.request('/api/v1/admin/ents', jsonInit('POST', http, op)),
        400,
        'validation',
      );
      assert.deepEqual(r.errors?.map((e) => e.pointer).sort(), ['/jwksUri', '/origins/0']);
    }));

  it('a body id differing from the path is a 400, an unknown id a 404', () =>
    unchanged(async () => {
      const p = await assertProblem(
        await app.request('/api/v1/admin/ents/ENTA', jsonInit('PUT', { id: 'ENTB', name: 'x' }, op)),
        400,
        'validation',
      );
      assert.deepEqual(
        p.errors?.map((e) => [e.pointer, e.code]),
        [['/id', 'conflict']],
      );
      await assertProblem(
        await app.request('/api/v1/admin/ents/NOPE', jsonInit('PUT', { id: 'NOPE', name: 'x' }, op)),
        404,
        'not-found',
      );
      await assertProblem(
        await app.request('/api/v1/admin/ents', jsonInit('POST', { id: 'ENTA', name: 'dup' }, op)),
        409,
        'conflict',
      );
    }));

  it('unknown or repeated query parameters are a 400 validation', () =>
    unchanged(async () => {
      const a = bearer(await w.assertion({ uai: S1 }));
      const p = await assertProblem(
        await app.request(`/api/v1/me/resources?uai=${S1}&debug=1`, { headers: a }),
        400,
        'validation',
      );
      assert.deepEqual(
        p.errors?.map((e) => [e.pointer, e.code]),
        [['/debug', 'unknown_field']],
      );
      await assertProblem(
        await app.request(`/api/v1/me/resources?uai=${S1}&uai=${S1}`, { headers: a }),
        400,
        'validation',
      );
    }));

  describe('hostile assertions', () => {
    const claims = () => {
      const iat = Math.floor(w.clock.now().getTime() / 1000);
      return { iss: 'ENTA', sub: 'eleve-a', aud: ISSUER, iat, exp: iat + 60, jti: 'j1', uai: S1 };
    };
    const cases: [string, () => Promise<string>, string][] = [
      ['alg none', async () => unsigned({ alg: 'none', typ: 'gar-ent+jwt' }, claims()), 'unauthenticated'],
      [
        'HS256 with the public key as secret',
        async () => {
          const secret = new TextEncoder().encode(JSON.stringify(w.keysA.publicJwk));
          return new SignJWT(claims())
            .setProtectedHeader({ alg: 'HS256', typ: 'gar-ent+jwt', kid: 'a-1' })
            .sign(secret);
        },
        'unauthenticated',
      ],
      [
        'HS256 with the x coordinate as secret',
        async () => {
          const secret = new TextEncoder().encode(String(w.keysA.publicJwk.x));
          return new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', typ: 'gar-ent+jwt' }).sign(secret);
        },
        'unauthenticated',
      ],
      [
        'expired',
        () => w.assertion({ uai: S1, iat: Math.floor(w.clock.now().getTime() / 1000) - 400 }),
        'token-expired',
      ],
      [
        'issued in the future',
        () => w.assertion({ uai: S1, iat: Math.floor(w.clock.now().getTime() / 1000) + 3600 }),
        'unauthenticated',
      ],
      ['lifetime over 5 minutes', () => w.assertion({ uai: S1, lifetime: 301 }), 'unauthenticated'],
      ['wrong audience', () => w.assertion({ uai: S1, aud: 'https://other.test' }), 'unauthenticated'],
      ['wrong typ', () => w.assertion({ uai: S1, typ: 'JWT' }), 'unauthenticated'],
      ['unknown ENT', () => w.assertion({ iss: 'ENTZ', uai: S1 }), 'unauthenticated'],
      ['signed by ENT B’s key as ENT A', () => w.assertion({ uai: S1 }, w.keysB), 'unauthenticated'],
      [
        'tampered payload',
        async () => {
          const [h, , s] = (await w.assertion({ uai: S1 })).split('.');
          return `${h}.${base64url.encode(JSON.stringify({ ...claims(), sub: 'prof-a' }))}.${s}`;
        },
        'unauthenticated',
      ],
      ['garbage', async () => 'not.a.jwt', 'unauthenticated'],
      ['oversized', async () => 'a'.repeat(20_000), 'unauthenticated'],
      ['unknown person', () => w.assertion({ sub: 'ghost', uai: S1 }), 'forbidden'],
      ['malformed uai', () => w.assertion({ uai: 'x/../y' }), 'unauthenticated'],
    ];
    for (const [name, make, code] of cases) {
      it(`${name} → ${code}`, () =>
        unchanged(async () => {
          const token = await make();
          for (const [method, body] of [
            ['GET', undefined],
            ['PUT', { resourceIds: [] }],
          ] as const) {
            const headers = { ...bearer(token), 'content-type': 'application/json' };
            const path = method === 'GET' ? '/api/v1/me/resources' : '/api/v1/me/favourites';
            const res = await app.request(path, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
            const p = await assertProblem(res, code === 'forbidden' ? 403 : 401, code as 'unauthenticated');
            assert.ok(!JSON.stringify(p).includes(token.slice(0, 40)), 'the token is never echoed');
          }
        }));
    }
    it('a malformed Authorization header is a 401', () =>
      unchanged(async () => {
        for (const h of ['Basic abc', 'Bearer', 'Bearer a b', 'token']) {
          await assertProblem(
            await app.request('/api/v1/me/favourites', { headers: { authorization: h } }),
            401,
            'unauthenticated',
          );
        }
      }));
  });
});
