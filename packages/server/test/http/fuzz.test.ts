// Property tests: whatever arrives, the app answers a 4xx problem (or a success for valid input), never a 5xx, and a
// refused request changes nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { base64url } from 'jose';
import { createHttpApp } from '../../src/index.js';
import { buildWorld, snapshot } from '../helpers/world.js';
import { bearer } from './helpers.js';

const ADMIN_POSTS = [
  '/api/v1/admin/ents',
  '/api/v1/admin/schools',
  '/api/v1/admin/publishers',
  '/api/v1/admin/resources',
];

describe('fuzzing the HTTP app', () => {
  it('arbitrary JSON bodies: 201 or a 4xx problem, never a 5xx; refusals change nothing', async () => {
    const w = await buildWorld();
    const app = createHttpApp(w.service);
    const op = { ...bearer(w.operatorSecret), 'content-type': 'application/json' };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ADMIN_POSTS), fc.jsonValue({ maxDepth: 4 }), async (path, body) => {
        const before = await snapshot(w.store);
        const res = await app.request(path, { method: 'POST', headers: op, body: JSON.stringify(body) });
        if (res.status === 201) return;
        assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
        assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.deepEqual(await snapshot(w.store), before);
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary bearer tokens and JWT-shaped garbage: 401/403 (429 once limited), never a 5xx', async () => {
    const w = await buildWorld();
    const app = createHttpApp(w.service);
    const segment = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.jsonValue({ maxDepth: 2 }).map((v) => base64url.encode(JSON.stringify(v))),
    );
    const token = fc.oneof(
      fc.string({ minLength: 1, maxLength: 200 }).filter((s) => /^[\x21-\x7e]+$/.test(s)),
      fc.tuple(segment, segment, segment).map((parts) => parts.join('.')),
      fc
        .record({
          alg: fc.constantFrom('none', 'HS256', 'ES256', 'RS256', 'EdDSA', 'foo'),
          typ: fc.constantFrom('gar-ent+jwt', 'JWT'),
          kid: fc.string(),
        })
        .map(
          (h) =>
            `${base64url.encode(JSON.stringify(h))}.${base64url.encode(JSON.stringify({ iss: 'ENTA', sub: 'eleve-a', aud: 'https://gar.test', iat: 1, exp: 9e9, jti: 'x' }))}.AAAA`,
        ),
    );
    await fc.assert(
      fc.asyncProperty(
        token,
        fc.constantFrom('/api/v1/me/resources', '/api/v1/me/favourites', '/api/v1/admin/ents'),
        async (t, path) => {
          if (/[\s]/.test(t)) return;
          const res = await app.request(path, { headers: { authorization: `Bearer ${t}` } });
          // Past the per-credential failure limit (300 forged ENTA tokens on a frozen clock), 429 with Retry-After.
          const limited = res.status === 429 && res.headers.has('retry-after');
          assert.ok(res.status === 401 || res.status === 403 || limited, `status ${res.status}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
