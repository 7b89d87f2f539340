// Every caller × every route × every school: each forbidden cell is refused with a 401/403/404 problem and changes
// nothing in the store; each allowed cell works (so the matrix proves something).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHttpApp } from '../../src/index.js';
import { SignJWT } from 'jose';
import { entKeys, ISSUER, R_MATHS, resourceBody, S1, S2, S3, signAssertion } from '../helpers/fixtures.js';
import { buildWorld, snapshot, type World } from '../helpers/world.js';
import { assertProblem, bearer } from './helpers.js';

type CallerName =
  | 'anonymous'
  | 'entA-backend'
  | 'entA@S1'
  | 'entA→S2'
  | 'entA-with-B-person'
  | 'entB@S2'
  | 'publisherX'
  | 'publisherY'
  | 'operator'
  | 'forged'
  | 'expired';
const CALLERS: CallerName[] = [
  'anonymous',
  'entA-backend',
  'entA@S1',
  'entA→S2',
  'entA-with-B-person',
  'entB@S2',
  'publisherX',
  'publisherY',
  'forged',
  'expired',
  'operator',
];

async function credentials(w: World): Promise<Record<CallerName, Record<string, string>>> {
  const stranger = await entKeys('ES256', 'a-1');
  return {
    anonymous: {},
    // an ENT back end's client assertion (no gar-ent+jwt type) used as a user assertion
    'entA-backend': bearer(
      await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: 'a-1' })
        .setIssuer('ENTA')
        .setSubject('ENTA')
        .setAudience(ISSUER)
        .setIssuedAt(Math.floor(w.clock.now().getTime() / 1000))
        .setExpirationTime(Math.floor(w.clock.now().getTime() / 1000) + 30)
        .setJti('c1')
        .sign(w.keysA.privateKey),
    ),
    'entA@S1': bearer(await w.assertion({ uai: S1 })),
    'entA→S2': bearer(await w.assertion({ uai: S2 })),
    'entA-with-B-person': bearer(await w.assertion({ sub: 'eleve-b' })),
    'entB@S2': bearer(await w.assertion({ iss: 'ENTB', sub: 'eleve-b', uai: S2 }, w.keysB)),
    publisherX: bearer(w.apiKeyX),
    publisherY: bearer(w.apiKeyY),
    operator: bearer(w.operatorSecret),
    forged: bearer(await signAssertion(stranger, { uai: S1 }, w.clock.now())),
    expired: bearer(await w.assertion({ uai: S1, iat: Math.floor(w.clock.now().getTime() / 1000) - 600 })),
  };
}

interface Route {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  /** The callers for whom this cell is allowed. */
  allowed: CallerName[];
}

const ME_A = ['entA@S1'] as CallerName[];
const ME_B = ['entB@S2'] as CallerName[];
const OP = ['operator'] as CallerName[];
const enc = encodeURIComponent;

function routes(): Route[] {
  const out: Route[] = [
    { name: 'médiacentre at S1', method: 'GET', path: `/api/v1/me/resources?uai=${S1}`, allowed: ME_A },
    { name: 'médiacentre at S3', method: 'GET', path: `/api/v1/me/resources?uai=${S3}`, allowed: ME_A },
    { name: 'médiacentre at S2', method: 'GET', path: `/api/v1/me/resources?uai=${S2}`, allowed: ME_B },
    {
      name: 'médiacentre, school from the assertion',
      method: 'GET',
      path: '/api/v1/me/resources',
      allowed: [...ME_A, ...ME_B],
    },
    { name: 'favourites', method: 'GET', path: '/api/v1/me/favourites', allowed: [...ME_A, ...ME_B] },
    {
      name: 'set favourites',
      method: 'PUT',
      path: '/api/v1/me/favourites',
      body: { resourceIds: [R_MATHS] },
      allowed: [...ME_A, ...ME_B],
    },
    { name: 'list ENTs', method: 'GET', path: '/api/v1/admin/ents', allowed: OP },
    {
      name: 'create ENT',
      method: 'POST',
      path: '/api/v1/admin/ents',
      body: { id: 'ENTC', name: 'ENT C' },
      allowed: OP,
    },
    { name: 'read ENT B', method: 'GET', path: '/api/v1/admin/ents/ENTB', allowed: OP },
    {
      name: 'update ENT A',
      method: 'PUT',
      path: '/api/v1/admin/ents/ENTA',
      body: { id: 'ENTA', name: 'Renamed', origins: ['https://evil.test'] },
      allowed: OP,
    },
    { name: 'list schools of ENT B', method: 'GET', path: '/api/v1/admin/schools?entId=ENTB', allowed: OP },
    {
      name: 'create school',
      method: 'POST',
      path: '/api/v1/admin/schools',
      body: { uai: '0000009Z', entId: 'ENTA', name: 'Nouvelle' },
      allowed: OP,
    },
    { name: 'list publishers', method: 'GET', path: '/api/v1/admin/publishers', allowed: OP },
    {
      name: 'create publisher',
      method: 'POST',
      path: '/api/v1/admin/publishers',
      body: { id: 'Z', name: 'Z', distributorIds: ['Z_1'] },
      allowed: OP,
    },
    { name: 'read publisher Y', method: 'GET', path: '/api/v1/admin/publishers/Y', allowed: OP },
    {
      name: 'update publisher Y',
      method: 'PUT',
      path: '/api/v1/admin/publishers/Y',
      body: { id: 'Y', name: 'Y', distributorIds: ['X_0000000000000001'] },
      allowed: OP,
    },
    { name: 'list resources', method: 'GET', path: '/api/v1/admin/resources', allowed: OP },
    {
      name: 'create resource',
      method: 'POST',
      path: '/api/v1/admin/resources',
      body: resourceBody({ id: 'ark:/9/new' }),
      allowed: OP,
    },
    { name: 'read resource', method: 'GET', path: `/api/v1/admin/resources/${enc(R_MATHS)}`, allowed: OP },
    {
      name: 'update resource',
      method: 'PUT',
      path: `/api/v1/admin/resources/${enc(R_MATHS)}`,
      body: resourceBody({ publisherId: 'Y' }),
      allowed: OP,
    },
  ];
  for (const uai of [S1, S2, S3]) {
    const entId = uai === S2 ? 'ENTB' : 'ENTA';
    out.push(
      { name: `read school ${uai}`, method: 'GET', path: `/api/v1/admin/schools/${uai}`, allowed: OP },
      {
        name: `update school ${uai}`,
        method: 'PUT',
        path: `/api/v1/admin/schools/${uai}`,
        body: { uai, entId, name: 'Renamed' },
        allowed: OP,
      },
    );
  }
  return out;
}

describe('isolation matrix: callers × routes × schools', () => {
  for (const route of routes()) {
    it(`${route.method} ${route.name}`, async () => {
      const w = await buildWorld();
      const app = createHttpApp(w.service);
      const creds = await credentials(w);
      for (const caller of CALLERS) {
        const headers: Record<string, string> = { ...creds[caller] };
        if (route.body !== undefined) headers['content-type'] = 'application/json';
        const init: RequestInit = {
          method: route.method,
          headers,
          ...(route.body === undefined ? {} : { body: JSON.stringify(route.body) }),
        };
        const before = await snapshot(w.store);
        const res = await app.request(route.path, init);
        const cell = `${caller} → ${route.method} ${route.path}`;
        if (route.allowed.includes(caller)) {
          assert.ok(res.status >= 200 && res.status < 300, `${cell}: allowed, got ${res.status} ${await res.text()}`);
          continue;
        }
        const problem = await assertProblem(res, [401, 403, 404]);
        const text = JSON.stringify(problem);
        for (const secret of Object.values(creds[caller]))
          assert.ok(!text.includes(secret.replace('Bearer ', '')), `${cell}: no credential echoed`);
        assert.deepEqual(await snapshot(w.store), before, `${cell}: nothing changed`);
      }
    });
  }
});
