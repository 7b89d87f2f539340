// Every caller × every route this issue adds, and issue 19's teacher routes, × both schools (and both publishers'
// subscriptions): each forbidden
// cell is refused (401/403/404, as problem+json or GAR's <Erreur>) and changes nothing in the store; each allowed cell
// works, so the matrix proves something.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/index.js';
import { type CallerCredentials, callerHeaders } from '../helpers/caller-headers.js';
import { HEAD_A, HEAD_B, pupil, R_MATHS, R_OLD, S1, S2, SYSTEM } from '../helpers/fixtures.js';
import { type AllocationWorld, buildWorld, snapshot } from '../helpers/world.js';
import { abonnementXml } from '../subscriptions/ws-fixtures.js';

type Caller =
  | 'anonymous'
  | 'pupil'
  | 'teacher'
  | 'headA'
  | 'delegateA'
  | 'headB'
  | 'publisherX'
  | 'publisherY'
  | 'operator';
const CALLERS: Caller[] = [
  'anonymous',
  'pupil',
  'teacher',
  'headA',
  'delegateA',
  'headB',
  'publisherX',
  'publisherY',
  'operator',
];

interface Setup {
  w: AllocationWorld;
  auditA: string;
  auditB: string;
  /** A pin and a request of prof-a, who teaches 6A at S1 (issue 19). */
  pinId: string;
  requestId: string;
}

async function setup(): Promise<Setup> {
  const w = await buildWorld({ data: 'allocation', pupils: 3 });
  await w.service.directory.putPerson(SYSTEM, {
    entId: 'ENTB',
    id: 'prof-b',
    lastName: 'Prof',
    firstName: 'B',
    profiles: [{ uai: S2, profile: 'National_ens' }],
  });
  await w.service.directory.putPerson(SYSTEM, {
    entId: 'ENTB',
    id: 'cpe-b',
    lastName: 'Cpe',
    firstName: 'B',
    profiles: [{ uai: S2, profile: 'National_evs' }],
  });
  await w.service.allocation.delegate(HEAD_A, S1, { delegateId: 'doc-a' });
  await w.service.allocation.delegate(HEAD_B, S2, { delegateId: 'cpe-b' });
  const a = await w.service.allocation.allocate(HEAD_A, S1, {
    subscriptionId: 'INDIV-10',
    targets: [1, 2].map((i) => ({ kind: 'person' as const, personId: pupil(i) })),
  });
  const b = await w.service.allocation.allocate(HEAD_B, S2, {
    subscriptionId: 'AUTO_0000002B_DICO',
    targets: [{ kind: 'person', personId: 'eleve-b' }],
  });
  const at = w.clock.now().toISOString();
  await w.store.insertSubscription({
    ...(await w.store.getSubscription('AUTO_0000002B_DICO'))!,
    id: 'Y-SUB',
    automatic: false,
    distributorId: 'Y_0000000000000001',
    createdAt: at,
    updatedAt: at,
  });
  await w.store.putTeachings([{ uai: S1, personId: 'prof-a', groupCode: '6A', subject: '020700' }]);
  const teacher = { kind: 'ent-user', entId: 'ENTA', personId: 'prof-a' } as const;
  const pin = await w.service.classroom.pin(teacher, {
    uai: S1,
    resourceId: R_MATHS,
    groupCodes: ['6A'],
    until: '2026-02-01',
  });
  const request = await w.service.classroom.request(teacher, { uai: S1, resourceId: R_OLD, groupCode: '6A' });
  return { w, auditA: a.auditId, auditB: b.auditId, pinId: pin.id, requestId: request.id };
}

/** Who each caller of the matrix is. */
const CREDENTIALS: Record<Caller, CallerCredentials> = {
  anonymous: 'anonymous',
  pupil: { sub: 'eleve-a', uai: S1 },
  teacher: { sub: 'prof-a', uai: S1 },
  headA: { sub: 'head-a', uai: S1 },
  delegateA: { sub: 'doc-a', uai: S1 },
  headB: { sub: 'head-b', uai: S2, ent: 'B' },
  publisherX: 'publisherX',
  publisherY: 'publisherY',
  operator: 'operator',
};

interface Cell {
  name: string;
  method: string;
  path: (s: Setup) => string;
  json?: unknown;
  xml?: string;
  allowed: Caller[];
}

function schoolRoutes(uai: string, managers: Caller[], headOnly: Caller[]): Cell[] {
  const a = uai === S1;
  const sub = a ? 'INDIV-10' : 'AUTO_0000002B_DICO';
  const holder = a ? pupil(1) : 'eleve-b';
  const other = a ? pupil(3) : 'prof-b';
  const base = `/api/v1/schools/${uai}`;
  return [
    { name: `subscriptions ${uai}`, method: 'GET', path: () => `${base}/subscriptions`, allowed: managers },
    { name: `allocations ${uai}`, method: 'GET', path: () => `${base}/allocations`, allowed: managers },
    {
      name: `allocate ${uai}`,
      method: 'POST',
      path: () => `${base}/allocations`,
      json: { subscriptionId: sub, targets: [{ kind: 'person', personId: other }] },
      allowed: managers,
    },
    {
      name: `withdraw ${uai}`,
      method: 'POST',
      path: () => `${base}/allocations/withdraw`,
      json: { subscriptionId: sub, personIds: [holder] },
      allowed: managers,
    },
    {
      name: `move ${uai}`,
      method: 'POST',
      path: () => `${base}/allocations/move`,
      json: { subscriptionId: sub, fromPersonIds: [holder], to: [{ kind: 'person', personId: other }] },
      allowed: managers,
    },
    { name: `delegations ${uai}`, method: 'GET', path: () => `${base}/delegations`, allowed: managers },
    {
      name: `delegate ${uai}`,
      method: 'POST',
      path: () => `${base}/delegations`,
      json: { delegateId: a ? 'prof-a' : 'prof-b' },
      allowed: headOnly,
    },
    {
      name: `revoke ${uai}`,
      method: 'DELETE',
      path: () => `${base}/delegations/${a ? 'doc-a' : 'cpe-b'}`,
      allowed: headOnly,
    },
    { name: `audit ${uai}`, method: 'GET', path: () => `${base}/audit`, allowed: managers },
    {
      name: `undo ${uai}`,
      method: 'POST',
      path: (s) => `${base}/audit/${a ? s.auditA : s.auditB}/undo`,
      allowed: managers,
    },
    { name: `dashboard ${uai}`, method: 'GET', path: () => `${base}/dashboard`, allowed: managers },
  ];
}

const X: Caller[] = ['publisherX'];
const Y: Caller[] = ['publisherY'];
const XY: Caller[] = ['publisherX', 'publisherY'];
const jsonSub = (id: string) => ({
  id,
  distributorId: 'X_0000000000000001',
  resourceId: 'ark:/11111/maths',
  resourceIdType: 'ark',
  resourceLabel: 'Maths',
  validFrom: '2025-09-01T00:00:00.000Z',
  validUntil: '2026-08-15T21:59:59.000Z',
  uai: S1,
  category: 'transferable',
  type: 'INDIV',
  licences: { kind: 'global', count: 12 },
  audiences: ['ELEVE'],
});

const publisherRoutes: Cell[] = [
  { name: 'JSON list', method: 'GET', path: () => '/api/v1/publisher/subscriptions', allowed: XY },
  { name: 'JSON read X', method: 'GET', path: () => '/api/v1/publisher/subscriptions/INDIV-10', allowed: X },
  { name: 'JSON read Y', method: 'GET', path: () => '/api/v1/publisher/subscriptions/Y-SUB', allowed: Y },
  {
    name: 'JSON create for X',
    method: 'PUT',
    path: () => '/api/v1/publisher/subscriptions/NEW-1',
    json: jsonSub('NEW-1'),
    allowed: X,
  },
  {
    name: 'JSON update X',
    method: 'POST',
    path: () => '/api/v1/publisher/subscriptions/INDIV-10',
    json: { ...jsonSub('INDIV-10'), audiences: ['ELEVE', 'ENSEIGNANT'] },
    allowed: X,
  },
  { name: 'JSON delete X', method: 'DELETE', path: () => '/api/v1/publisher/subscriptions/INDIV-10', allowed: X },
  { name: 'JSON delete Y', method: 'DELETE', path: () => '/api/v1/publisher/subscriptions/Y-SUB', allowed: Y },
  { name: 'JSON schools', method: 'GET', path: () => '/api/v1/publisher/schools', allowed: XY },
  {
    name: 'JSON count X',
    method: 'GET',
    path: () => '/api/v1/publisher/allocation-counts?subscriptionId=INDIV-10',
    allowed: X,
  },
  { name: 'XML list', method: 'GET', path: () => '/ws/abonnement/abonnements', allowed: XY },
  {
    name: 'XML create for X',
    method: 'PUT',
    path: () => '/ws/abonnement/NEW-2',
    xml: abonnementXml('NEW-2'),
    allowed: X,
  },
  {
    name: 'XML update X',
    method: 'POST',
    path: () => '/ws/abonnement/INDIV-10',
    xml: abonnementXml('INDIV-10', { uaiEtab: undefined }),
    allowed: X,
  },
  { name: 'XML delete X', method: 'DELETE', path: () => '/ws/abonnement/INDIV-10', allowed: X },
  { name: 'XML delete Y', method: 'DELETE', path: () => '/ws/abonnement/Y-SUB', allowed: Y },
  { name: 'XML schools', method: 'GET', path: () => '/ws/abonnement/etablissements/etablissements.xml', allowed: XY },
  { name: 'XML count X', method: 'GET', path: () => '/decompteaffectations?idAbonnement=INDIV-10', allowed: X },
  {
    name: 'XML count Y',
    method: 'GET',
    path: () => '/ws/abonnement/decompteaffectations?idAbonnement=Y-SUB',
    allowed: Y,
  },
];

// Issue 19: a teacher sees and pins only for the classes they teach (prof-a: 6A at S1), never at another school;
// everyone with a school reads their own recommendations; the responsables (and the librarian-delegate) see requests.
const pinBody = (o: Record<string, unknown> = {}) => ({
  uai: S1,
  resourceId: R_MATHS,
  groupCodes: ['6A'],
  until: '2026-02-01',
  ...o,
});
const ENT_USERS: Caller[] = ['pupil', 'teacher', 'headA', 'delegateA', 'headB'];
const classroomRoutes: Cell[] = [
  { name: 'my classes S1', method: 'GET', path: () => `/api/v1/me/classes?uai=${S1}`, allowed: ['teacher'] },
  { name: 'my classes S2', method: 'GET', path: () => `/api/v1/me/classes?uai=${S2}`, allowed: [] },
  { name: 'class usage S1', method: 'GET', path: () => `/api/v1/me/classes/usage?uai=${S1}`, allowed: ['teacher'] },
  { name: 'class usage S2', method: 'GET', path: () => `/api/v1/me/classes/usage?uai=${S2}`, allowed: [] },
  { name: 'my pins S1', method: 'GET', path: () => `/api/v1/me/pins?uai=${S1}`, allowed: ['teacher'] },
  { name: 'pin 6A', method: 'POST', path: () => '/api/v1/me/pins', json: pinBody(), allowed: ['teacher'] },
  {
    name: 'pin LATIN (not taught)',
    method: 'POST',
    path: () => '/api/v1/me/pins',
    json: pinBody({ groupCodes: ['LATIN'] }),
    allowed: [],
  },
  { name: 'pin at S2', method: 'POST', path: () => '/api/v1/me/pins', json: pinBody({ uai: S2 }), allowed: [] },
  { name: 'unpin', method: 'DELETE', path: (s) => `/api/v1/me/pins/${s.pinId}?uai=${S1}`, allowed: ['teacher'] },
  { name: 'my requests S1', method: 'GET', path: () => `/api/v1/me/requests?uai=${S1}`, allowed: ['teacher'] },
  {
    name: 'request 6A',
    method: 'POST',
    path: () => '/api/v1/me/requests',
    json: { uai: S1, resourceId: R_MATHS, groupCode: '6A' },
    allowed: ['teacher'],
  },
  { name: 'recommendations', method: 'GET', path: () => '/api/v1/me/recommendations', allowed: ENT_USERS },
  {
    name: `requests ${S1}`,
    method: 'GET',
    path: () => `/api/v1/schools/${S1}/requests`,
    allowed: ['headA', 'delegateA'],
  },
  { name: `requests ${S2}`, method: 'GET', path: () => `/api/v1/schools/${S2}/requests`, allowed: ['headB'] },
  {
    name: `decide ${S1}`,
    method: 'POST',
    path: (s) => `/api/v1/schools/${S1}/requests/${s.requestId}/decision`,
    json: { status: 'granted' },
    allowed: ['headA', 'delegateA'],
  },
  {
    name: `decide an S1 request at ${S2}`,
    method: 'POST',
    path: (s) => `/api/v1/schools/${S2}/requests/${s.requestId}/decision`,
    json: { status: 'declined' },
    allowed: [],
  },
];

const CELLS: Cell[] = [
  ...classroomRoutes,
  ...schoolRoutes(S1, ['headA', 'delegateA'], ['headA']),
  ...schoolRoutes(S2, ['headB'], ['headB']),
  ...publisherRoutes,
];

async function call(s: Setup, cell: Cell, caller: Caller): Promise<Response> {
  const h: Record<string, string> = await callerHeaders(s.w, CREDENTIALS[caller]);
  if (cell.json !== undefined) h['content-type'] = 'application/json';
  if (cell.xml !== undefined) h['content-type'] = 'application/xml;charset=utf-8';
  const body = cell.json !== undefined ? JSON.stringify(cell.json) : cell.xml;
  return s.w.app.request(cell.path(s), { method: cell.method, headers: h, ...(body !== undefined ? { body } : {}) });
}

/** Everything the routes can change: the fixtures' snapshot, plus allocations (archived too) and delegations. */
async function state(store: Store): Promise<unknown> {
  const extra = [];
  for (const s of await store.listSchools()) {
    extra.push(
      await store.listAllocations({ uai: s.uai, includeArchived: true }),
      await store.listDelegations({ uai: s.uai, includeRevoked: true }),
      await store.listPins({ uai: s.uai }),
      await store.listClassRequests({ uai: s.uai }),
    );
  }
  return { base: await snapshot(store), extra };
}

describe('caller × route × school matrix of the allocation console and the publisher routes', () => {
  it('refuses every forbidden cell without changing anything', async () => {
    const s = await setup();
    let refused = 0;
    for (const cell of CELLS) {
      for (const caller of CALLERS) {
        if (cell.allowed.includes(caller)) continue;
        const before = await state(s.w.store);
        const res = await call(s, cell, caller);
        assert.ok([401, 403, 404].includes(res.status), `${caller} → ${cell.name}: ${res.status}`);
        const type = res.headers.get('content-type') ?? '';
        assert.ok(
          cell.path(s).startsWith('/api/')
            ? type.startsWith('application/problem+json')
            : type === 'application/xml;charset=utf-8',
          `${caller} → ${cell.name}: ${type}`,
        );
        assert.deepEqual(await state(s.w.store), before, `${caller} → ${cell.name} changed the store`);
        refused++;
      }
    }
    assert.equal(refused, CELLS.length * CALLERS.length - CELLS.reduce((n, c) => n + c.allowed.length, 0));
    assert.equal(refused, 426);
  });

  it('lets every allowed cell through', async () => {
    for (const cell of CELLS) {
      for (const caller of cell.allowed) {
        const s = await setup();
        const res = await call(s, cell, caller);
        assert.ok(
          res.status >= 200 && res.status < 300,
          `${caller} → ${cell.name}: ${res.status} ${await res.clone().text()}`,
        );
      }
    }
  });
});
