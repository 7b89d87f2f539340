// A small Hono app answering the shapes of the service's médiacentre and admin routes, with switches to make it fail
// the ways the real one can (problem+json errors, 5xx, slow answers, expired tokens).
import type { Mediacentre, Problem, ProblemCode } from '@opengar/core';
import { Hono } from 'hono';

export const SCHOOL = { uai: '0561641E', name: 'Collège Jules Simon' };

export const LISTING: Mediacentre = {
  school: SCHOOL,
  schools: [SCHOOL],
  launchUrl: 'http://opengar.test/launch',
  resources: [
    {
      id: 'ark:/67890/dico',
      idType: 'ark',
      name: 'Dictionnaire junior',
      publisherId: 'lexique-et-cie',
      publisherName: 'Lexique & Cie',
      presentationType: { code: 'DIC', nom: 'Dictionnaires et encyclopédies' },
      pedagogicalTypes: [],
      documentTypologies: [],
      levels: [],
      teachingDomains: [],
      techDistributor: '',
      techValidator: '',
      via: 'copy',
      validUntil: '2027-08-15T21:59:59.000Z',
      favourite: false,
    },
  ],
};

export interface FakeState {
  calls: { method: string; path: string; authorization: string | undefined }[];
  /** Answers to give before the normal one, in order (status and problem code, or `slow`). */
  failures: ({ status: number; code: ProblemCode | 'html' } | 'slow')[];
  /** Tokens the service accepts. */
  validTokens: Set<string>;
  favourites: string[];
}

function problem(status: number, code: ProblemCode): Problem {
  return {
    type: `https://opengar.dev/problems/${code}`,
    title: code,
    status,
    code,
    detail: `fake ${code}`,
    requestId: 'req-1',
  };
}

export function createFakeService(state: FakeState): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    state.calls.push({
      method: c.req.method,
      path: new URL(c.req.url).pathname + new URL(c.req.url).search,
      authorization: c.req.header('authorization'),
    });
    const failure = state.failures.shift();
    if (failure === 'slow') {
      await new Promise((r) => setTimeout(r, 200));
    } else if (failure) {
      if (failure.code === 'html') return c.html('<h1>Bad gateway</h1>', failure.status as 502);
      return c.body(JSON.stringify(problem(failure.status, failure.code)), failure.status as 400, {
        'content-type': 'application/problem+json',
      });
    }
    const token = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (token === undefined || !state.validTokens.has(token)) {
      const p = token === undefined ? problem(401, 'unauthenticated') : problem(401, 'token-expired');
      return c.body(JSON.stringify(p), 401, { 'content-type': 'application/problem+json' });
    }
    await next();
  });
  app.get('/api/v1/me/resources', (c) => {
    const uai = c.req.query('uai');
    if (uai !== undefined && uai !== SCHOOL.uai)
      return c.body(JSON.stringify(problem(403, 'forbidden')), 403, { 'content-type': 'application/problem+json' });
    return c.json(LISTING);
  });
  app.get('/api/v1/me/favourites', (c) => c.json({ resourceIds: state.favourites }));
  app.put('/api/v1/me/favourites', async (c) => {
    const body = (await c.req.json()) as { resourceIds: string[] };
    state.favourites = body.resourceIds;
    return c.json({ resourceIds: state.favourites });
  });
  const ents: unknown[] = [];
  app.get('/api/v1/admin/ents', (c) => c.json({ items: ents }));
  app.post('/api/v1/admin/ents', async (c) => {
    const body: unknown = await c.req.json();
    ents.push(body);
    return c.json(body, 201);
  });
  app.get('/api/v1/admin/schools', (c) =>
    c.json({
      items: [{ uai: SCHOOL.uai, entId: c.req.query('entId') ?? 'ENT-DEMO', name: SCHOOL.name, degree: '2D' }],
    }),
  );
  return app;
}

export function freshState(): FakeState {
  return { calls: [], failures: [], validTokens: new Set(['t1']), favourites: [] };
}
