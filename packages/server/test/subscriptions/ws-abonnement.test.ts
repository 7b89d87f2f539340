// GAR's subscription web service, in process: create, update, delete, list (body and query filters, sort, paging),
// the school list, the allocation count, each refusal rule and GAR's <Erreur> bodies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HEAD_A, pupil, S1, S2 } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import {
  DIST_X,
  XML,
  abonnementXml,
  assertErreur,
  auth,
  filtresXml,
  getWithBody,
  ids,
  wsRequest,
} from './ws-fixtures.js';

const BASE = '/ws/abonnement';

describe('GAR subscription web service (XML)', () => {
  it('creates with PUT (201, the <abonnement> back), audited for the school', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const res = await wsRequest(w.app, 'PUT', `${BASE}/ABO-NEW-1`, w.apiKeyX, abonnementXml('ABO-NEW-1'));
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('content-type'), XML);
    const body = await res.text();
    assert.match(body, /<idAbonnement>ABO-NEW-1<\/idAbonnement>/);
    assert.match(body, /<nbLicenceGlobale>30<\/nbLicenceGlobale>/);
    const stored = await w.store.getSubscription('ABO-NEW-1');
    assert.equal(stored?.uai, S1);
    assert.deepEqual(stored?.licences, { kind: 'global', count: 30 });
    assert.ok(
      (await w.store.listAudit({ uai: S1, limit: 1000 })).some(
        (a) => a.action === 'subscription.create' && a.actor === 'publisher:X',
      ),
    );
  });

  it('refuses a duplicate id with 409, deleted subscriptions included', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    assert.equal((await wsRequest(w.app, 'PUT', `${BASE}/ABO-D`, w.apiKeyX, abonnementXml('ABO-D'))).status, 201);
    await assertErreur(
      await wsRequest(w.app, 'PUT', `${BASE}/ABO-D`, w.apiKeyX, abonnementXml('ABO-D')),
      409,
      'Conflict',
    );
    assert.equal((await wsRequest(w.app, 'DELETE', `${BASE}/ABO-D`, w.apiKeyX)).status, 204);
    await assertErreur(
      await wsRequest(w.app, 'PUT', `${BASE}/ABO-D`, w.apiKeyX, abonnementXml('ABO-D')),
      409,
      'Conflict',
    );
  });

  it('refuses another publisher’s distributor id, a resource it does not distribute, unknown resources and schools', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const other = await wsRequest(w.app, 'PUT', `${BASE}/A1`, w.apiKeyY, abonnementXml('A1'));
    assert.match(await assertErreur(other, 403, 'Forbidden'), /idDistributeurCom/);
    const notTheirs = await wsRequest(
      w.app,
      'PUT',
      `${BASE}/A2`,
      w.apiKeyY,
      abonnementXml('A2', { idDistributeurCom: 'Y_0000000000000001' }),
    );
    await assertErreur(notTheirs, 403, 'Forbidden');
    const unknown = await wsRequest(
      w.app,
      'PUT',
      `${BASE}/A3`,
      w.apiKeyX,
      abonnementXml('A3', { idRessource: 'ark:/1/none' }),
    );
    assert.match(await assertErreur(unknown, 400, 'Bad Request'), /^\/abonnement\/idRessource: /);
    const school = await wsRequest(w.app, 'PUT', `${BASE}/A4`, w.apiKeyX, abonnementXml('A4', { uaiEtab: '9999999Z' }));
    assert.match(await assertErreur(school, 400, 'Bad Request'), /^\/abonnement\/uaiEtab: /);
    for (const id of ['A1', 'A2', 'A3', 'A4']) assert.equal(await w.store.getSubscription(id), undefined);
  });

  it('names the offending element of an invalid body', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ nbLicenceEleve: '3' }, 'nbLicenceEleve'],
      [{ finValidite: undefined }, 'finValidite'],
      [{ anneeFinValidite: '2025-2027', finValidite: undefined }, 'anneeFinValidite'],
      [{ typeAffectation: 'CLASSE' }, 'typeAffectation'],
      [{ publicCible: ['ELEVE', 'ELEVE'] }, 'publicCible'],
      [{ idAbonnement: 'OTHER' }, 'idAbonnement'],
      [{ inconnu: 'x' }, 'inconnu'],
    ];
    for (const [fields, element] of cases) {
      const res = await wsRequest(w.app, 'PUT', `${BASE}/ABO-BAD`, w.apiKeyX, abonnementXml('ABO-BAD', fields));
      assert.match(await assertErreur(res, 400, 'Bad Request'), new RegExp(`^/abonnement/${element}: `), element);
    }
    await assertErreur(
      await wsRequest(w.app, 'PUT', `${BASE}/ABO-BAD`, w.apiKeyX, '<abonnement><idAbonnement>'),
      400,
      'Bad Request',
    );
    const dtd =
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><abonnement>&x;</abonnement>';
    await assertErreur(await wsRequest(w.app, 'PUT', `${BASE}/ABO-BAD`, w.apiKeyX, dtd), 400, 'Bad Request');
    assert.equal(await w.store.getSubscription('ABO-BAD'), undefined);
  });

  it('updates with POST (200); uaiEtab never changes; unknown or others’ subscriptions are 404', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    await wsRequest(w.app, 'PUT', `${BASE}/ABO-U`, w.apiKeyX, abonnementXml('ABO-U'));
    const body = abonnementXml('ABO-U', {
      uaiEtab: undefined,
      nbLicenceGlobale: undefined,
      nbLicenceEnseignant: '5',
      nbLicenceEleve: 'ILLIMITE',
      nbLicenceProfDoc: '0',
      nbLicenceAutrePersonnel: '0',
    });
    const res = await wsRequest(w.app, 'POST', `${BASE}/ABO-U`, w.apiKeyX, body);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<nbLicenceEleve>ILLIMITE<\/nbLicenceEleve>/);
    assert.deepEqual((await w.store.getSubscription('ABO-U'))?.licences, {
      kind: 'perAudience',
      counts: { ELEVE: 'ILLIMITE', ENSEIGNANT: 5, DOCUMENTALISTE: 0, 'AUTRE PERSONNEL': 0 },
    });
    const moved = await wsRequest(
      w.app,
      'POST',
      `${BASE}/ABO-U`,
      w.apiKeyX,
      abonnementXml('ABO-U', { uaiEtab: '0000003A' }),
    );
    assert.match(await assertErreur(moved, 400, 'Bad Request'), /^\/abonnement\/uaiEtab: /);
    await assertErreur(
      await wsRequest(w.app, 'POST', `${BASE}/NOPE`, w.apiKeyX, abonnementXml('NOPE', { uaiEtab: undefined })),
      404,
      'Not Found',
    );
    await assertErreur(
      await wsRequest(w.app, 'POST', `${BASE}/ABO-U`, w.apiKeyY, abonnementXml('ABO-U', { uaiEtab: undefined })),
      404,
      'Not Found',
    );
    await assertErreur(await wsRequest(w.app, 'DELETE', `${BASE}/ABO-U`, w.apiKeyY), 404, 'Not Found');
  });

  it('lowering a count below the copies in use makes the subscription over-allocated, taking nothing from anyone', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 4 });
    await wsRequest(w.app, 'PUT', `${BASE}/ABO-O`, w.apiKeyX, abonnementXml('ABO-O', { nbLicenceGlobale: '4' }));
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'ABO-O',
      targets: [{ kind: 'division', code: '6A' }],
    });
    w.clock.advance(1000);
    const res = await wsRequest(
      w.app,
      'POST',
      `${BASE}/ABO-O`,
      w.apiKeyX,
      abonnementXml('ABO-O', { uaiEtab: undefined, nbLicenceGlobale: '2' }),
    );
    assert.equal(res.status, 200);
    assert.equal((await w.store.listCopies({ subscriptionId: 'ABO-O' })).length, 4);
    assert.ok(
      (await w.store.listAudit({ uai: S1, limit: 1000 })).some((a) => a.action === 'subscription.over-allocated'),
    );
    const d = await w.service.allocation.dashboard(HEAD_A, S1);
    assert.deepEqual(
      d.overAllocated.map((s) => s.subscriptionId),
      ['ABO-O'],
    );
    await assert.rejects(
      w.service.allocation.allocate(HEAD_A, S1, {
        subscriptionId: 'ABO-O',
        targets: [{ kind: 'person', personId: 'prof-a' }],
      }),
      { problem: 'over-allocated' },
    );
  });

  it('DELETE ends access at once and archives allocations (204)', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 2 });
    await wsRequest(w.app, 'PUT', `${BASE}/ABO-DEL`, w.apiKeyX, abonnementXml('ABO-DEL'));
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'ABO-DEL',
      targets: [{ kind: 'division', code: '6A' }],
    });
    const pupilActor = { kind: 'ent-user', entId: 'ENTA', personId: pupil(1) } as const;
    assert.ok(
      (await w.service.mediacentre.resources(pupilActor, { uai: S1 })).resources.some(
        (r) => r.id === 'ark:/11111/maths',
      ),
    );
    const res = await wsRequest(w.app, 'DELETE', `${BASE}/ABO-DEL`, w.apiKeyX);
    assert.equal(res.status, 204);
    assert.equal(await res.text(), '');
    assert.ok((await w.store.getSubscription('ABO-DEL'))?.deletedAt);
    assert.deepEqual(
      (await w.service.mediacentre.resources(pupilActor, { uai: S1 })).resources
        .map((r) => r.id)
        .filter((id) => id === 'ark:/11111/maths'),
      [],
    );
    const archived = await w.store.listAllocations({ subscriptionId: 'ABO-DEL', includeArchived: true });
    assert.equal(archived.length, 1);
    assert.ok(archived[0]!.archivedAt);
    await assertErreur(await wsRequest(w.app, 'DELETE', `${BASE}/ABO-DEL`, w.apiKeyX), 404, 'Not Found');
  });

  it('lists one’s own subscriptions with GAR’s XML filter body, query filters, sort and paging', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    for (const [id, uai] of [
      ['L-1', S1],
      ['L-2', '0000003A'],
      ['L-3', S1],
      ['L-4', S2],
    ] as const) {
      assert.equal(
        (await wsRequest(w.app, 'PUT', `${BASE}/${id}`, w.apiKeyX, abonnementXml(id, { uaiEtab: uai }))).status,
        201,
      );
    }
    const byBody = await getWithBody(
      w.app,
      `${BASE}/abonnements`,
      w.apiKeyX,
      filtresXml(
        [
          ['uaiEtab', S1],
          ['idRessource', 'ark:/11111/maths'],
        ],
        'DESC',
      ),
    );
    assert.equal(byBody.status, 200);
    assert.equal(byBody.headers.get('content-type'), XML);
    assert.deepEqual(ids(await byBody.text()), ['NT-5', 'L-3', 'L-1', 'INDIV-10', 'ETABL-5', 'ABO-MATHS-S1']);
    const byQuery = await w.app.request(`${BASE}/abonnements?uaiEtab=${S1}&uaiEtab=${S2}&tri=ASC&debut=1&fin=3`, {
      headers: auth(w.apiKeyX),
    });
    const all = ['ABO-MATHS-S1', 'ABO-OLD-S1', 'ETABL-5', 'INDIV-10', 'L-1', 'L-3', 'L-4', 'NT-5'];
    assert.deepEqual(ids(await byQuery.text()), all.slice(1, 3));
    const twoValues = await getWithBody(
      w.app,
      `${BASE}/abonnements`,
      w.apiKeyX,
      filtresXml([
        ['uaiEtab', S2],
        ['uaiEtab', '0000003A'],
      ]),
    );
    assert.deepEqual(ids(await twoValues.text()), ['L-2', 'L-4']);
    const y = await w.app.request(`${BASE}/abonnements`, { headers: auth(w.apiKeyY) });
    assert.deepEqual(ids(await y.text()), []);
    const badFilter = await getWithBody(w.app, `${BASE}/abonnements`, w.apiKeyX, filtresXml([['couleur', 'bleu']]));
    assert.match(await assertErreur(badFilter, 400, 'Bad Request'), /^\/filtres\/filtre\[1\]\/filtreNom: /);
    await assertErreur(
      await w.app.request(`${BASE}/abonnements?debut=x`, { headers: auth(w.apiKeyX) }),
      400,
      'Bad Request',
    );
  });

  it('lists the schools (etablissements.xml)', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const res = await w.app.request(`${BASE}/etablissements/etablissements.xml`, { headers: auth(w.apiKeyX) });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.match(text, /<listEtablissement xmlns="http:\/\/www\.atosworldline\.com\/listEtablissement\/v1\.0\/">/);
    assert.deepEqual([...text.matchAll(/<uai>([^<]+)<\/uai>/g)].map((m) => m[1]).sort(), [
      '0000001A',
      '0000002B',
      '0000003A',
    ]);
  });

  it('answers GAR’s allocation count (CSV) at the root and under the base path', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 3 });
    await wsRequest(w.app, 'PUT', `${BASE}/C-1`, w.apiKeyX, abonnementXml('C-1', { codeProjetRessource: 'PROJ1' }));
    await wsRequest(
      w.app,
      'PUT',
      `${BASE}/C-2`,
      w.apiKeyX,
      abonnementXml('C-2', { codeProjetRessource: 'PROJ1', uaiEtab: '0000003A' }),
    );
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'C-1',
      targets: [
        { kind: 'division', code: '6A' },
        { kind: 'person', personId: 'prof-a' },
      ],
    });
    const header =
      'UAI;idAbonnement;codeProjetRessource;idRessource;cumulAffectationEleve;cumulAffectationEnseignant;cumulAffectationDocumentaliste;cumulAffectationAutrePersonnel';
    for (const path of ['/decompteaffectations', `${BASE}/decompteaffectations`]) {
      const one = await w.app.request(`${path}?idAbonnement=C-1`, { headers: auth(w.apiKeyX) });
      assert.equal(one.status, 200);
      assert.match(one.headers.get('content-type') ?? '', /^text\/csv/);
      assert.equal(await one.text(), `${header}\n0000001A;C-1;PROJ1;ark:/11111/maths;3;1;0;0\n`);
    }
    const project = await w.app.request('/decompteaffectations?codeProjetRessource=PROJ1', {
      headers: auth(w.apiKeyX),
    });
    assert.equal(
      await project.text(),
      `${header}\n0000001A;C-1;PROJ1;ark:/11111/maths;3;1;0;0\n0000003A;C-2;PROJ1;ark:/11111/maths;0;0;0;0\n`,
    );
    const noCode = await w.app.request('/decompteaffectations?idAbonnement=INDIV-10', { headers: auth(w.apiKeyX) });
    assert.equal((await noCode.text()).split('\n')[1], '0000001A;INDIV-10;null;ark:/11111/maths;0;0;0;0');
    await assertErreur(
      await w.app.request('/decompteaffectations?idAbonnement=C-1&codeProjetRessource=PROJ1', {
        headers: auth(w.apiKeyX),
      }),
      400,
      'Bad Request',
    );
    await assertErreur(await w.app.request('/decompteaffectations', { headers: auth(w.apiKeyX) }), 400, 'Bad Request');
    await assertErreur(
      await w.app.request('/decompteaffectations?idAbonnement=C-1', { headers: auth(w.apiKeyY) }),
      404,
      'Not Found',
    );
  });

  it('answers every failure with GAR’s <Erreur>: 401, 404, 405, 413, 415', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    await assertErreur(
      await wsRequest(w.app, 'PUT', `${BASE}/E-1`, undefined, abonnementXml('E-1')),
      401,
      'Unauthorized',
    );
    await assertErreur(
      await wsRequest(w.app, 'PUT', `${BASE}/E-1`, 'ogp_wrong', abonnementXml('E-1')),
      401,
      'Unauthorized',
    );
    await assertErreur(await w.app.request(`${BASE}/abonnements`), 401, 'Unauthorized');
    await assertErreur(await w.app.request('/decompteaffectations?idAbonnement=C-1'), 401, 'Unauthorized');
    await assertErreur(await w.app.request(`${BASE}/no/such/thing`, { headers: auth(w.apiKeyX) }), 404, 'Not Found');
    const m = await w.app.request(`${BASE}/INDIV-10`, { headers: auth(w.apiKeyX) });
    await assertErreur(m, 405, 'Method Not Allowed');
    assert.equal(m.headers.get('allow'), 'PUT, POST, DELETE');
    await assertErreur(
      await w.app.request(`${BASE}/abonnements`, { method: 'PATCH', headers: auth(w.apiKeyX) }),
      405,
      'Method Not Allowed',
    );
    const post = await w.app.request('/decompteaffectations?idAbonnement=INDIV-10', {
      method: 'POST',
      headers: auth(w.apiKeyX),
    });
    await assertErreur(post, 405, 'Method Not Allowed');
    assert.equal(post.headers.get('allow'), 'GET');
    await assertErreur(await w.app.request(BASE, { headers: auth(w.apiKeyX) }), 404, 'Not Found');
    const big = abonnementXml('E-1', { commentaireAbonnement: 'x'.repeat(70_000) });
    assert.match(
      await assertErreur(await wsRequest(w.app, 'PUT', `${BASE}/E-1`, w.apiKeyX, big), 413, 'Payload Too Large'),
      /65536/,
    );
    await assertErreur(
      await wsRequest(w.app, 'PUT', `${BASE}/E-1`, w.apiKeyX, abonnementXml('E-1'), 'application/json'),
      415,
      'Unsupported Media Type',
    );
    await assertErreur(
      await wsRequest(w.app, 'PUT', `${BASE}/E-1`, w.apiKeyX, abonnementXml('E-1'), 'text/plain'),
      415,
      'Unsupported Media Type',
    );
    assert.equal(await w.store.getSubscription('E-1'), undefined);
  });

  it('accepts a publisher authenticated by its client-certificate fingerprint', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const fingerprint = 'ab'.repeat(32);
    const x = (await w.store.getPublisher('X'))!;
    await w.store.putPublisher({ ...x, clientCertFingerprints: [fingerprint] });
    const res = await w.app.request(`${BASE}/PUT-CERT`, {
      method: 'PUT',
      headers: { 'content-type': XML, 'x-opengar-client-cert-sha256': fingerprint },
      body: abonnementXml('PUT-CERT', { idDistributeurCom: DIST_X }),
    });
    assert.equal(res.status, 201);
  });
});
