// Input hygiene on every store, over real HTTP: control characters, invisible format characters, mixed-script
// look-alikes and non-NFC spellings in every kind of input; the loopback rule on every URL-taking route; deeply nested
// JSON; offset-less dates as Paris time. Every refusal is a 400 in the route family's format, never a 500, and writes
// nothing; every case ends with /healthz.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { before, it } from 'node:test';
import { problemSchema, problemType, type ProblemCode } from '@opengar/core';
import { problemForError } from '../../src/http/problem-response.js';
import { sha256Hex } from '../../src/kernel/crypto.js';
import { StoreError } from '../../src/store/errors.js';
import { WS_ABONNEMENT_NS } from '../../src/ws-abonnement/abonnement-codec.js';
import { R_DICO, R_MATHS, S1, S2 } from '../helpers/fixtures.js';
import { abonnementXml, XML } from '../subscriptions/ws-fixtures.js';
import { forEachStore, type HostileWorld } from './world.js';

const OPERATOR = 'hostile-operator-secret-0123456789';
const KEY_X = 'hostile-publisher-x-key-0123456789';
const KEY_Y = 'hostile-publisher-y-key-0123456789';
const DIST_X = 'X_0000000000000001';
const DIST_Y = 'Y_0000000000000001';

/** One hostile character of each kind, and what an id holding it breaks. */
const HOSTILE: readonly (readonly [string, string, string])[] = [
  ['NUL', '\u0000', 'control_character'],
  ['C0 (BEL)', '\u0007', 'control_character'],
  ['zero-width space', '\u200b', 'format_character'],
  ['bidi override', '\u202e', 'format_character'],
  ['Cyrillic look-alike', '\u0430', 'mixed_script'], // 'а' inside a Latin id
];

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const op = { authorization: `Bearer ${OPERATOR}` };
const pubX = { authorization: `Bearer ${KEY_X}` };
const pubY = { authorization: `Bearer ${KEY_Y}` };

async function problem(res: Response, status: number, code?: ProblemCode) {
  assert.equal(res.status, status, `status ${res.status}: ${await res.clone().text()}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = problemSchema.parse(await res.json());
  if (code) assert.equal(body.type, problemType(code));
  return body;
}

async function garListingError(res: Response, status: number) {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await res.json()) as { Erreur?: { Code?: string } };
  assert.equal(body.Erreur?.Code, 'Bad Request');
}

async function erreur(res: Response, status: number, code = 'Bad Request') {
  assert.equal(res.status, status, `status ${res.status}: ${await res.clone().text()}`);
  assert.equal(res.headers.get('content-type'), XML);
  assert.match(
    await res.text(),
    new RegExp(`<Erreur xmlns="${WS_ABONNEMENT_NS.replace(/[./]/g, '\\$&')}"><Code>${code}</Code>`),
  );
}

const subscriptionJson = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  distributorId: DIST_X,
  resourceId: R_MATHS,
  resourceIdType: 'ark',
  resourceLabel: 'Maths',
  validFrom: '2025-09-01T00:00:00Z',
  validUntil: '2026-08-15T21:59:59Z',
  uai: S1,
  category: 'transferable',
  type: 'INDIV',
  licences: { kind: 'global', count: 5 },
  audiences: ['ELEVE'],
  ...extra,
});

async function seedCredentials(w: HostileWorld): Promise<void> {
  await w.store.putOperator({
    id: 'op-hostile',
    secretHash: await sha256Hex(OPERATOR),
    label: 'hostile',
    createdAt: '2026-01-01T00:00:00Z',
  });
  await w.store.putPublisher({
    id: 'X',
    name: 'Éditions X',
    distributorIds: [DIST_X],
    clientCertFingerprints: [],
    apiKeyHashes: [await sha256Hex(KEY_X)],
  });
  await w.store.putPublisher({
    id: 'Y',
    name: 'Éditions Y',
    distributorIds: [DIST_Y],
    clientCertFingerprints: [],
    apiKeyHashes: [await sha256Hex(KEY_Y)],
  });
}

forEachStore('input hygiene', (world) => {
  before(() => seedCredentials(world()));

  it('the unauthenticated GAR-style GET /launch refuses hostile ids (400 problem+json), and a raw control in the query', async () => {
    const w = world();
    for (const [name, c, code] of HOSTILE) {
      const q = `idENT=${b64('ENTA')}&idEtab=${b64(S1)}&idRessource=${encodeURIComponent(b64(`ark:/11111/m${c}aths`))}`;
      const p = await problem(await w.http(`/launch?${q}`, { redirect: 'manual' }), 400, 'validation');
      assert.deepEqual(
        p.errors?.map((e) => [e.pointer, e.code]),
        [['/idRessource', code]],
        name,
      );
      const ent = await problem(
        await w.http(
          `/launch?idENT=${encodeURIComponent(b64(`ENTA${c}`))}&idEtab=${b64(S1)}&idRessource=${b64(R_MATHS)}`,
          { redirect: 'manual' },
        ),
        400,
      );
      assert.deepEqual(
        ent.errors?.map((e) => e.pointer),
        ['/idENT'],
        name,
      );
    }
    const raw = await problem(
      await w.http(`/launch?idENT=%00&idEtab=${b64(S1)}&idRessource=${b64(R_MATHS)}`, { redirect: 'manual' }),
      400,
      'validation',
    );
    assert.deepEqual(
      raw.errors?.map((e) => [e.pointer, e.code]),
      [['/idENT', 'control_character']],
    );
    await w.assertHealthy();
  });

  it('a pupil’s POST /launch refuses hostile form fields and a hostile assertion sub with 400', async () => {
    const w = world();
    for (const [name, c, code] of HOSTILE) {
      const form = new URLSearchParams({
        assertion: await w.assertion({ uai: S1 }),
        resource: `ark:/11111/m${c}aths`,
        uai: S1,
      });
      const p = await problem(await w.http('/launch', { method: 'POST', body: form }), 400, 'validation');
      assert.deepEqual(
        p.errors?.map((e) => [e.pointer, e.code]),
        [['/resource', code]],
        name,
      );
      const bySub = new URLSearchParams({
        assertion: await w.assertion({ sub: `eleve-a${c}` }),
        resource: R_MATHS,
        uai: S1,
      });
      const s = await problem(await w.http('/launch', { method: 'POST', body: bySub }), 400, 'validation');
      assert.deepEqual(
        s.errors?.map((e) => [e.pointer, e.code]),
        [['/sub', code]],
        name,
      );
      const api = await problem(
        await w.http('/api/v1/me/resources', {
          headers: { authorization: `Bearer ${await w.assertion({ sub: `eleve-a${c}` })}` },
        }),
        400,
        'validation',
      );
      assert.deepEqual(
        api.errors?.map((e) => e.pointer),
        ['/sub'],
        name,
      );
    }
    // A field name or a free field with a control is refused by the form reader itself.
    const ctl = new URLSearchParams({ assertion: 'x', resource: R_MATHS, uai: `${S1}\u0000` });
    assert.deepEqual(
      (await problem(await w.http('/launch', { method: 'POST', body: ctl }), 400, 'validation')).errors?.map(
        (e) => e.pointer,
      ),
      ['/uai'],
    );
    await w.assertHealthy();
  });

  it('a hostile path parameter is a 400 in the route family’s format', async () => {
    const w = world();
    for (const [name, c] of HOSTILE) {
      const seg = encodeURIComponent(`${S1}${c}`);
      const school = await problem(
        await w.http(`/api/v1/schools/${seg}/subscriptions`, { headers: op }),
        400,
        'validation',
      );
      assert.equal(school.errors?.[0]?.pointer, '/path/3', name);
      await garListingError(await w.http(`/ressources/ENTA/${S1}/${encodeURIComponent(`eleve-a${c}`)}`), 400);
      await erreur(
        await w.http(`/ws/abonnement/${encodeURIComponent(`ABO${c}1`)}`, {
          method: 'PUT',
          headers: { ...pubX, 'content-type': XML },
          body: abonnementXml(`ABO${c}1`),
        }),
        400,
      );
      await problem(
        await w.http(`/api/v1/publisher/subscriptions/${encodeURIComponent(`ABO${c}1`)}`, { headers: pubX }),
        400,
        'validation',
      );
    }
    await problem(await w.http('/api/v1/schools/%E0%A4%A/subscriptions', { headers: op }), 400, 'validation');
    // CAS validation answers in CAS XML; the web service's list filters (a GET body) in <Erreur>.
    const cas = await w.http(
      '/cas/p3/serviceValidate?service=https%3A%2F%2Fcas.resource.test%2Flogin%2Fcas&ticket=ST-%00',
    );
    assert.equal(cas.status, 400);
    assert.match(await cas.text(), /<cas:authenticationFailure code="INVALID_REQUEST">/);
    await erreur(await w.http(`/ws/abonnement/abonnements?uaiEtab=${S1}%00`, { headers: pubX }), 400);
    assert.equal(await w.store.getSubscription('ABO1'), undefined);
    await w.assertHealthy();
  });

  it('hostile JSON body fields are a 400 with a pointer and write nothing (admin and publisher APIs)', async () => {
    const w = world();
    const resources = (await w.store.listResources()).length;
    for (const [name, c, code] of HOSTILE) {
      if (code === 'control_character') {
        // Free text (a name) refuses controls too; format characters and other scripts are its business.
        const ent = await problem(
          await w.http('/api/v1/admin/ents', json('POST', { id: 'ENTH', name: `ENT${c}H`, origins: [] }, op)),
          400,
          'validation',
        );
        assert.deepEqual(
          ent.errors?.map((e) => [e.pointer, e.code]),
          [['/name', 'control_character']],
          name,
        );
      }
      const id = `ark:/99999/h${c}x`;
      const res = await w.http(
        '/api/v1/admin/resources',
        json('POST', { ...(await w.store.getResource(R_MATHS)), id, name: 'H' }, op),
      );
      const p = await problem(res, 400, 'validation');
      assert.ok(
        p.errors?.some((e) => e.pointer === '/id' && e.code === code),
        `${name}: ${JSON.stringify(p.errors)}`,
      );
      const sub = await problem(
        await w.http(
          `/api/v1/publisher/subscriptions/ABO-J1`,
          json('PUT', subscriptionJson('ABO-J1', { distributorId: `X${c}_0000000000000001` }), pubX),
        ),
        400,
        'validation',
      );
      assert.equal(sub.errors?.[0]?.pointer, '/distributorId', name);
    }
    assert.equal((await w.store.listResources()).length, resources);
    assert.equal(await w.store.getEnt('ENTH'), undefined);
    assert.equal(await w.store.getSubscription('ABO-J1'), undefined);
    await w.assertHealthy();
  });

  it('the XML web service refuses controls and hostile ids in the body with <Erreur> 400', async () => {
    const w = world();
    const put = (id: string, body: string) =>
      w.http(`/ws/abonnement/${encodeURIComponent(id)}`, {
        method: 'PUT',
        headers: { ...pubX, 'content-type': XML },
        body,
      });
    await erreur(await put('ABO-X1', abonnementXml('ABO-X1', { commentaireAbonnement: 'a\u0000b' })), 400);
    await erreur(await put('ABO-X1', abonnementXml('ABO-X1', { commentaireAbonnement: 'a\u0001b' })), 400);
    await erreur(await put('ABO-X1', abonnementXml('ABO-X1', { commentaireAbonnement: 'a&#1;b' })), 400);
    for (const [, c] of HOSTILE.slice(2))
      await erreur(await put('ABO-X1', abonnementXml('ABO-X1', { idRessource: `ark:/11111/m${c}aths` })), 400);
    assert.equal(await w.store.getSubscription('ABO-X1'), undefined);
    await w.assertHealthy();
  });

  it('as a last resort, a NUL the database refuses is a store error answered 400, never 500', async () => {
    const w = world();
    const outcome = await w.store.getPerson('ENTA', 'eleve-a\u0000').then(
      (found) => ({ found }),
      (error: unknown) => ({ error }),
    );
    if ('error' in outcome) {
      assert.ok(outcome.error instanceof StoreError && outcome.error.code === 'invalid-text', String(outcome.error));
      const res = problemForError(outcome.error, 'req-1', '/x');
      assert.equal(res?.status, 400);
    } else {
      assert.equal(w.kind, 'memory', 'only the memory store takes a NUL without complaint');
      assert.equal(outcome.found, undefined);
    }
    await w.assertHealthy();
  });

  it('NFC and NFD spellings of an id are one record', async () => {
    const w = world();
    const nfd = 'ABO-e\u0301te\u0301';
    const nfc = nfd.normalize('NFC');
    const created = await w.http(
      `/api/v1/publisher/subscriptions/${encodeURIComponent(nfd)}`,
      json('PUT', subscriptionJson(nfd), pubX),
    );
    assert.equal(created.status, 201, await created.clone().text());
    assert.equal(((await created.json()) as { subscription: { id: string } }).subscription.id, nfc);
    const read = await w.http(`/api/v1/publisher/subscriptions/${encodeURIComponent(nfc)}`, { headers: pubX });
    assert.equal(read.status, 200);
    await read.body?.cancel();
    await problem(
      await w.http(
        `/api/v1/publisher/subscriptions/${encodeURIComponent(nfc)}`,
        json('PUT', subscriptionJson(nfc), pubX),
      ),
      409,
      'conflict',
    );
    await erreur(
      await w.http(`/ws/abonnement/${encodeURIComponent(nfd)}`, {
        method: 'PUT',
        headers: { ...pubX, 'content-type': XML },
        body: abonnementXml(nfd),
      }),
      409,
      'Conflict',
    );
    assert.equal(await w.store.getSubscription(nfd), undefined);
    assert.equal((await w.store.getSubscription(nfc))?.id, nfc);
    // A person stored under the NFC spelling is the one an assertion names in NFD.
    const person = (await w.store.getPerson('ENTA', 'eleve-a'))!;
    await w.store.putPerson({ ...person, id: 'm\u00e9lanie' });
    const me = await w.http('/api/v1/me/resources', {
      headers: { authorization: `Bearer ${await w.assertion({ sub: 'me\u0301lanie' })}` },
    });
    assert.equal(me.status, 200, await me.clone().text());
    await me.body?.cancel();
    await w.assertHealthy();
  });

  it('http is accepted on loopback literals only, on every URL-taking route', async () => {
    const w = world();
    const tricky = [
      'http://127.0.0.1.evil.example/x',
      'http://127.1/x',
      'http://0x7f.0.0.1/x',
      'http://127.0.0.1.nip.io/x',
      'http://localhost.evil.example/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://127.0.0.1@evil.example/x',
      'http://127.0.0.1./x',
    ];
    const resource = await w.store.getResource(R_MATHS);
    for (const url of tricky) {
      const origin = url.replace(/\/x$/, '');
      for (const [member, value] of [
        ['jwksUri', url],
        ['origins', [origin]],
        ['assertionEndpoint', url],
      ] as const) {
        const p = await problem(
          await w.http('/api/v1/admin/ents', json('POST', { id: 'ENTL', name: 'L', [member]: value }, op)),
          400,
          'validation',
        );
        assert.ok(
          p.errors?.some((e) => e.pointer.startsWith(`/${member}`)),
          `${member} ${url}: ${JSON.stringify(p.errors)}`,
        );
      }
      for (const member of ['accessUrl', 'thumbnailUrl']) {
        const p = await problem(
          await w.http(
            '/api/v1/admin/resources',
            json('POST', { ...resource, id: 'ark:/99999/loop', [member]: url }, op),
          ),
          400,
          'validation',
        );
        assert.ok(
          p.errors?.some((e) => e.pointer === `/${member}`),
          `${member} ${url}`,
        );
      }
    }
    assert.equal(await w.store.getEnt('ENTL'), undefined);
    const ok = await w.http(
      '/api/v1/admin/ents',
      json(
        'POST',
        { id: 'ENTL', name: 'L', origins: ['http://127.0.0.1:4200'], assertionEndpoint: 'HTTP://LOCALHOST:4200/a' },
        op,
      ),
    );
    assert.equal(ok.status, 201, await ok.clone().text());
    await ok.body?.cancel();
    await w.assertHealthy();
  });

  it('50,000 nested arrays are a 400 naming the limit: in a body, in an assertion, in a fetched key set', async () => {
    const w = world();
    const deep = `{"id":"ENTD","name":"D","jwks":{"keys":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`;
    const p = await problem(await w.http('/api/v1/admin/ents', json('POST', deep, op)), 400, 'bad-request');
    assert.match(p.detail ?? '', /64/);
    const pub = await problem(
      await w.http('/api/v1/publisher/subscriptions/ABO-D', json('PUT', `{"licences":${'['.repeat(50_000)}}`, pubX)),
      400,
      'bad-request',
    );
    assert.match(pub.detail ?? '', /64/);
    // An assertion whose payload nests deeply (unsigned: the depth is checked before anything else).
    const head = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'gar-ent+jwt' })).toString('base64url');
    const body = Buffer.from(`{"iss":"ENTA","x":${'['.repeat(5000)}${']'.repeat(5000)}}`).toString('base64url');
    const a = await problem(
      await w.http('/api/v1/me/resources', { headers: { authorization: `Bearer ${head}.${body}.c2ln` } }),
      400,
      'validation',
    );
    assert.deepEqual(
      a.errors?.map((e) => e.code),
      ['too_deep'],
    );
    // An ENT whose key set URL serves deeply nested JSON: its users are refused (503), the service lives on.
    const server: Server = createServer((_req, res) => res.end(`{"keys":${'['.repeat(50_000)}${']'.repeat(50_000)}}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const ent = (await w.store.getEnt('ENTA'))!;
      const { jwks: _inline, ...rest } = ent;
      await w.store.putEnt({ ...rest, jwksUri: `http://127.0.0.1:${port}/jwks` });
      const r = await problem(
        await w.http('/api/v1/me/resources', { headers: { authorization: `Bearer ${await w.assertion()}` } }),
        503,
        'unavailable',
      );
      assert.equal(r.status, 503);
      await w.store.putEnt(ent);
    } finally {
      server.close();
    }
    await w.assertHealthy();
  });

  it('offset-less dates are Paris time (winter +01:00, summer +02:00), in the JSON API and the web service', async () => {
    const w = world();
    const created = await w.http(
      '/api/v1/publisher/subscriptions/ABO-PARIS-J',
      json(
        'PUT',
        subscriptionJson('ABO-PARIS-J', { validFrom: '2025-12-01T00:00:00', validUntil: '2026-09-01T00:00:00' }),
        pubX,
      ),
    );
    assert.equal(created.status, 201, await created.clone().text());
    const sub = ((await created.json()) as { subscription: { validFrom: string; validUntil: string } }).subscription;
    assert.equal(sub.validFrom, '2025-12-01T00:00:00+01:00');
    assert.equal(sub.validUntil, '2026-09-01T00:00:00+02:00');
    assert.equal(
      Date.parse((await w.store.getSubscription('ABO-PARIS-J'))!.validFrom),
      Date.parse('2025-11-30T23:00:00Z'),
    );
    const xml = abonnementXml('ABO-PARIS-X', {
      debutValidite: '2025-12-01T00:00:00',
      finValidite: '2026-09-01T00:00:00',
    });
    const ws = await w.http('/ws/abonnement/ABO-PARIS-X', {
      method: 'PUT',
      headers: { ...pubX, 'content-type': XML },
      body: xml,
    });
    assert.equal(ws.status, 201, await ws.clone().text());
    const text = await ws.text();
    assert.match(text, /<debutValidite>2025-12-01T00:00:00\+01:00<\/debutValidite>/);
    assert.match(text, /<finValidite>2026-09-01T00:00:00\+02:00<\/finValidite>/);
    assert.equal(
      Date.parse((await w.store.getSubscription('ABO-PARIS-X'))!.validUntil),
      Date.parse('2026-08-31T22:00:00Z'),
    );
    await w.assertHealthy();
  });

  it('closes the existence oracle: another distributor’s id answers as a free id would, and stays invisible', async () => {
    const w = world();
    const ws = (key: Record<string, string>, method: string, id: string, body?: string) =>
      w.http(`/ws/abonnement/${id}`, {
        method,
        headers: { ...key, ...(body ? { 'content-type': XML } : {}) },
        ...(body ? { body } : {}),
      });
    const yBody = (id: string) => abonnementXml(id, { idDistributeurCom: DIST_Y, idRessource: R_DICO, uaiEtab: S2 });
    const yCreated = await ws(pubY, 'PUT', 'ABO-ORACLE', yBody('ABO-ORACLE'));
    assert.equal(yCreated.status, 201, await yCreated.clone().text());
    // X cannot tell Y's id from a free one: same status, same document but for the id.
    const taken = await ws(pubX, 'PUT', 'ABO-ORACLE', abonnementXml('ABO-ORACLE'));
    const free = await ws(pubX, 'PUT', 'ABO-FREE-1', abonnementXml('ABO-FREE-1'));
    assert.equal(taken.status, 201, await taken.clone().text());
    assert.equal(free.status, 201);
    assert.equal((await taken.text()).replace('ABO-ORACLE', 'ID'), (await free.text()).replace('ABO-FREE-1', 'ID'));
    // Each sees its own, under GAR's id; a second PUT by the owner is the owner's conflict.
    const mine = async (key: Record<string, string>) => {
      const res = await w.http('/api/v1/publisher/subscriptions/ABO-ORACLE', { headers: key });
      assert.equal(res.status, 200);
      return ((await res.json()) as { subscription: { id: string; distributorId: string } }).subscription;
    };
    assert.deepEqual(await mine(pubX).then((s) => [s.id, s.distributorId]), ['ABO-ORACLE', DIST_X]);
    assert.deepEqual(await mine(pubY).then((s) => [s.id, s.distributorId]), ['ABO-ORACLE', DIST_Y]);
    await erreur(await ws(pubX, 'PUT', 'ABO-ORACLE', abonnementXml('ABO-ORACLE')), 409, 'Conflict');
    const list = await (await w.http('/ws/abonnement/abonnements?uaiEtab=' + S2, { headers: pubY })).text();
    assert.deepEqual(
      [...list.matchAll(/<idAbonnement>([^<]+)</g)].map((m) => m[1]),
      ['ABO-ORACLE'],
    );
    // The JSON API: Y's JSON id, free for X, and a never-used id is a 404 for both.
    const yJson = await w.http(
      '/api/v1/publisher/subscriptions/ABO-ORACLE-J',
      json('PUT', subscriptionJson('ABO-ORACLE-J', { distributorId: DIST_Y, resourceId: R_DICO, uai: S2 }), pubY),
    );
    assert.equal(yJson.status, 201);
    await yJson.body?.cancel();
    await problem(await w.http('/api/v1/publisher/subscriptions/ABO-ORACLE-J', { headers: pubX }), 404, 'not-found');
    await problem(await w.http('/api/v1/publisher/subscriptions/ABO-NEVER', { headers: pubX }), 404, 'not-found');
    const xJson = await w.http(
      '/api/v1/publisher/subscriptions/ABO-ORACLE-J',
      json('PUT', subscriptionJson('ABO-ORACLE-J'), pubX),
    );
    assert.equal(xJson.status, 201);
    await xJson.body?.cancel();
    // The allocation count and a delete touch one's own only.
    const count = await w.http('/decompteaffectations?idAbonnement=ABO-ORACLE', { headers: pubX });
    assert.equal(count.status, 200);
    assert.match(await count.text(), new RegExp(`${S1};ABO-ORACLE;`));
    assert.equal((await ws(pubX, 'DELETE', 'ABO-ORACLE')).status, 204);
    assert.deepEqual(await mine(pubY).then((s) => s.distributorId), DIST_Y);
    await w.assertHealthy();
  });
});
