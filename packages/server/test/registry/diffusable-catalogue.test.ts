// The catalogue of diffusable resources: who delivers (each publisher its own, in GAR's XML or JSON), who reads (ENT
// back ends the whole XML; a school's head, librarians and teachers the JSON view with the school's standing), and
// the sample's round trip through the service: parse → store → serve → same content.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogueEntrySchema, type CatalogueEntryInput, type SchoolCatalogue } from '@opengar/core';
import {
  ressourcesDiffusablesDocument,
  parseRessourcesDiffusables,
} from '../../src/gar/ressources-diffusables-codec.js';
import { ISSUER, R_DICO, R_MATHS, R_OLD, S1, S2, SYSTEM } from '../helpers/fixtures.js';
import { buildWorld, type AllocationWorld } from '../helpers/world.js';
import { orderedContent, SAMPLE } from '../gar/ressources-diffusables-codec.test.js';
import { assertProblem, bearer, jsonInit } from '../http/helpers.js';

const XML = 'application/xml;charset=utf-8';
const entry = (
  resourceId: string,
  publisherId: string,
  extra: Partial<CatalogueEntryInput> = {},
): CatalogueEntryInput => ({
  resourceId,
  name: `Ressource ${resourceId}`,
  publisherId,
  publisherName: `Éditions ${publisherId}`,
  distributors: [{ id: `${publisherId}_0000000000000001`, name: `Éditions ${publisherId}` }],
  techDistributor: { id: `${publisherId}_0000000000000001`, name: '' },
  displayable: true,
  diffusable: true,
  ...extra,
});
const X_ENTRIES = [
  entry(R_MATHS, 'X', { declaredAttributes: ['UAI'], levels: [{ uri: 'urn:6e', nom: '6e' }] }),
  entry(R_OLD, 'X'),
  entry('ark:/11111/atlas', 'X', { free: false, declaredAttributes: ['NOM', 'PRE'] }),
  entry('ark:/11111/hidden', 'X', { diffusable: false }),
];

async function erreur(res: Response, status: number): Promise<string> {
  assert.equal(res.status, status, await res.clone().text());
  assert.match(res.headers.get('content-type') ?? '', /application\/xml/);
  const text = await res.text();
  assert.match(text, /^<\?xml[\s\S]*<Erreur xmlns="http:\/\/www\.atosworldline\.com\/wsabonnement\/v1\.0\/"><Code>/);
  return text;
}

async function world(): Promise<AllocationWorld> {
  const w = await buildWorld({ data: 'allocation', pupils: 2 });
  const xml = ressourcesDiffusablesDocument(
    X_ENTRIES.map((e) => catalogueEntrySchema.parse(e)),
    w.clock.now(),
  );
  const res = await w.app.request('/ws/catalogue/ressourcesDiffusables', {
    method: 'PUT',
    headers: { ...bearer(w.apiKeyX), 'content-type': XML },
    body: xml,
  });
  assert.equal(res.status, 200, await res.clone().text());
  const dico = await w.app.request(
    '/api/v1/publisher/catalogue',
    jsonInit('PUT', { entries: [entry(R_DICO, 'Y', { nationalOffers: ['BRNE'], free: true })] }, bearer(w.apiKeyY)),
  );
  assert.equal(dico.status, 200, await dico.clone().text());
  return w;
}

describe('publishers deliver their own catalogue', () => {
  test('in XML and in JSON; each reads back only its own', async () => {
    const w = await world();
    const x = await w.app.request('/ws/catalogue/ressourcesDiffusables', { headers: bearer(w.apiKeyX) });
    assert.equal(x.status, 200);
    const own = parseRessourcesDiffusables(await x.text()).entries;
    assert.deepEqual(
      own.map((e) => e.resourceId),
      ['ark:/11111/atlas', 'ark:/11111/hidden', R_MATHS, R_OLD],
    );
    const y = await w.app.request('/api/v1/publisher/catalogue', { headers: bearer(w.apiKeyY) });
    const body = (await y.json()) as { items: { resourceId: string; nationalOffers: string[] }[] };
    assert.deepEqual(
      body.items.map((e) => [e.resourceId, e.nationalOffers]),
      [[R_DICO, ['BRNE']]],
    );
  });

  test('another publisher’s idEditeur or idRessource is refused, naming the element, and changes nothing', async () => {
    const w = await world();
    const before = await w.store.listCatalogue();
    const asY = (entries: unknown[]) => jsonInit('PUT', { entries }, bearer(w.apiKeyY));
    const wrongEditor = await w.app.request('/api/v1/publisher/catalogue', asY([entry('ark:/2/z', 'X')]));
    const p1 = await assertProblem(wrongEditor, [400]);
    assert.equal((p1 as { errors?: { pointer: string }[] }).errors?.[0]?.pointer, '/entries/0/publisherId');
    const stolen = await w.app.request('/api/v1/publisher/catalogue', asY([entry(R_MATHS, 'Y')]));
    await assertProblem(stolen, [409]);
    const xml = ressourcesDiffusablesDocument([catalogueEntrySchema.parse(entry(R_MATHS, 'Y'))], w.clock.now());
    const put = (body: string, headers: Record<string, string>) =>
      w.app.request('/ws/catalogue/ressourcesDiffusables', { method: 'PUT', headers, body });
    assert.match(
      await erreur(await put(xml, { ...bearer(w.apiKeyY), 'content-type': XML }), 409),
      /ressourceDiffusable\[1\]\/idRessource/,
    );
    const forX = xml.replace('<idEditeur>Y</idEditeur>', '<idEditeur>X</idEditeur>');
    assert.match(
      await erreur(await put(forX, { ...bearer(w.apiKeyY), 'content-type': XML }), 400),
      /ressourceDiffusable\[1\]\/idEditeur/,
    );
    await erreur(await put(xml, { 'content-type': XML }), 401);
    await erreur(await put(xml, { ...bearer('ogp_not-a-key'), 'content-type': XML }), 401);
    await erreur(await put(xml, { ...bearer(w.apiKeyY), 'content-type': 'text/plain' }), 415);
    await erreur(
      await put(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${xml}`, {
        ...bearer(w.apiKeyY),
        'content-type': XML,
      }),
      400,
    );
    await erreur(
      await put(`<a>${'x'.repeat(9 * 1024 * 1024)}</a>`, { ...bearer(w.apiKeyY), 'content-type': XML }),
      413,
    );
    const tooBig = await w.app.request('/api/v1/publisher/catalogue', {
      method: 'PUT',
      headers: { ...bearer(w.apiKeyY), 'content-type': 'application/json' },
      body: JSON.stringify({ entries: [], pad: 'x'.repeat(9 * 1024 * 1024) }),
    });
    await assertProblem(tooBig, [413]);
    // An ENT user, an ENT back end and the operator deliver nothing.
    const user = bearer(await w.assertion({ sub: 'head-a', uai: S1 }));
    await assertProblem(
      await w.app.request('/api/v1/publisher/catalogue', jsonInit('PUT', { entries: [] }, user)),
      [401],
    );
    await assertProblem(
      await w.app.request('/api/v1/publisher/catalogue', jsonInit('PUT', { entries: [] }, bearer(w.operatorSecret))),
      [401],
    );
    assert.deepEqual(await w.store.listCatalogue(), before);
  });
});

describe('a catalogue of 2,000 entries', () => {
  test('fits the size limits in JSON and in XML, and reads back whole', async () => {
    const w = await world();
    const big = Array.from({ length: 2000 }, (_, i) =>
      entry(`ark:/11111/big-${String(i).padStart(4, '0')}`, 'X', {
        description: `Ressource n° ${i}, pour la classe entière, avec exercices corrigés et fiches.`,
        levels: [{ uri: 'http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-022-num-027', nom: '6e' }],
        teachingDomains: [
          { uri: 'http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-015-num-1145', nom: 'Français' },
        ],
        declaredAttributes: ['UAI', 'PRO', 'DIV'],
      }),
    );
    const body = JSON.stringify({ entries: big });
    assert.ok(body.length > 1024 * 1024, `${body.length} bytes: more than the API's usual 1 MiB`);
    const json = await w.app.request(
      '/api/v1/publisher/catalogue',
      jsonInit('PUT', { entries: big }, bearer(w.apiKeyX)),
    );
    assert.equal(json.status, 200, await json.clone().text());
    const xml = ressourcesDiffusablesDocument(
      big.map((e) => catalogueEntrySchema.parse(e)),
      w.clock.now(),
    );
    const put = await w.app.request('/ws/catalogue/ressourcesDiffusables', {
      method: 'PUT',
      headers: { ...bearer(w.apiKeyX), 'content-type': XML },
      body: xml,
    });
    assert.equal(put.status, 200);
    const res = await w.app.request(`/api/v1/schools/${S1}/catalogue`, {
      headers: bearer(await w.assertion({ sub: 'doc-a', uai: S1 })),
    });
    const { items } = (await res.json()) as SchoolCatalogue;
    assert.equal(items.filter((e) => e.resourceId.startsWith('ark:/11111/big-')).length, 2000);
  });
});

describe('schools read the catalogue with their standing', () => {
  const read = async (w: AllocationWorld, sub: string, uai = S1, iss = 'ENTA') =>
    w.app.request(`/api/v1/schools/${uai}/catalogue`, {
      headers: bearer(await w.assertion({ sub, uai, iss }, iss === 'ENTB' ? w.keysB : w.keysA)),
    });

  test('the head, the librarian, a teacher and a RespAff manager read it: subscribed, ended, not yet', async () => {
    const w = await world();
    for (const who of ['head-a', 'doc-a', 'prof-a', 'respaff-a']) {
      const res = await read(w, who);
      assert.equal(res.status, 200, `${who}: ${res.status}`);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const { items } = (await res.json()) as SchoolCatalogue;
      const by = new Map(items.map((e) => [e.resourceId, e]));
      assert.equal(by.get(R_MATHS)?.status, 'subscribed');
      assert.equal(by.get(R_DICO)?.status, 'subscribed');
      assert.equal(by.get(R_OLD)?.status, 'ended');
      assert.ok(by.get(R_OLD)?.until);
      assert.equal(by.get('ark:/11111/atlas')?.status, 'not-subscribed');
      assert.equal(by.has('ark:/11111/hidden'), false, 'not diffusable and not subscribed: hidden');
      // The registered resource's declaration wins over the catalogue's.
      assert.deepEqual(by.get(R_MATHS)?.declaredAttributes, (await w.store.getResource(R_MATHS))?.declaredAttributes);
      assert.deepEqual(by.get('ark:/11111/atlas')?.declaredAttributes, ['NOM', 'PRE']);
    }
  });

  test('pupils, other schools’ staff, other ENTs, publishers and strangers are refused', async () => {
    const w = await world();
    await assertProblem(await read(w, 'eleve-a'), [403]);
    await assertProblem(await read(w, 'pupil-1'), [403]);
    await assertProblem(await read(w, 'head-a', S2), [403, 404]);
    await assertProblem(await read(w, 'head-b', S1, 'ENTB'), [403, 404]);
    await assertProblem(await read(w, 'unknown-person'), [403]);
    await assertProblem(await w.app.request(`/api/v1/schools/${S1}/catalogue`), [401]);
    await assertProblem(await w.app.request(`/api/v1/schools/${S1}/catalogue`, { headers: bearer(w.apiKeyX) }), [401]);
    await assertProblem(
      await w.app.request(`/api/v1/schools/${S1}/catalogue`, { headers: bearer(w.operatorSecret) }),
      [401],
    );
    // head-b reads its own school.
    assert.equal((await read(w, 'head-b', S2, 'ENTB')).status, 200);
  });

  test('a school with a delegate: the delegate reads it too', async () => {
    const w = await world();
    await w.service.directory.putPerson(SYSTEM, {
      entId: 'ENTA',
      id: 'cpe-a',
      lastName: 'Cpe',
      firstName: 'Jo',
      profiles: [{ uai: S1, profile: 'National_evs' }],
    });
    await assertProblem(await read(w, 'cpe-a'), [403]);
    await w.service.allocation.delegate({ kind: 'ent-user', entId: 'ENTA', personId: 'head-a', uai: S1 }, S1, {
      delegateId: 'cpe-a',
    });
    assert.equal((await read(w, 'cpe-a')).status, 200);
  });
});

describe('ENT back ends read the whole catalogue in GAR’s XML', () => {
  test('with a client assertion for the URL; users, publishers and other URLs’ assertions are refused', async () => {
    const w = await world();
    const url = `${ISSUER}/ressourcesDiffusables`;
    const res = await w.app.request('/ressourcesDiffusables', { headers: bearer(await w.clientAssertion(url)) });
    assert.equal(res.status, 200);
    const ids = parseRessourcesDiffusables(await res.text()).entries.map((e) => e.resourceId);
    assert.deepEqual(ids, ['ark:/11111/atlas', 'ark:/11111/hidden', R_MATHS, R_OLD, R_DICO]);
    await erreur(await w.app.request('/ressourcesDiffusables'), 401);
    await erreur(await w.app.request('/ressourcesDiffusables', { headers: bearer(w.apiKeyX) }), 401);
    const user = bearer(await w.assertion({ sub: 'head-a', uai: S1 }));
    await erreur(await w.app.request('/ressourcesDiffusables', { headers: user }), 401);
    const elsewhere = bearer(await w.clientAssertion(`${ISSUER}/api/v1/ent/feeds`));
    await erreur(await w.app.request('/ressourcesDiffusables', { headers: elsewhere }), 401);
    // Wrong methods and paths answer GAR's <Erreur> too.
    const post = await w.app.request('/ressourcesDiffusables', { method: 'POST' });
    assert.equal(post.headers.get('allow'), 'GET');
    await erreur(post, 405);
    await erreur(await w.app.request('/ws/catalogue/ressourcesDiffusables', { method: 'DELETE' }), 405);
    await erreur(await w.app.request('/ws/catalogue/autre'), 404);
  });

  test('GAR’s sample round-trips: each publisher delivers its part, the ENT reads the same content back', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 1 });
    const { entries } = parseRessourcesDiffusables(SAMPLE);
    const publishers = [...new Set(entries.map((e) => e.publisherId))];
    for (const id of publishers) {
      const mine = entries.filter((e) => e.publisherId === id);
      const { apiKey } = await w.service.admin.publishers.create(SYSTEM, {
        id,
        name: mine[0]!.publisherName || id,
        distributorIds: [...new Set(mine.flatMap((e) => e.distributors.map((d) => d.id)))].slice(0, 20),
      });
      const res = await w.app.request('/ws/catalogue/ressourcesDiffusables', {
        method: 'PUT',
        headers: { ...bearer(apiKey), 'content-type': XML },
        body: ressourcesDiffusablesDocument(mine, w.clock.now()),
      });
      assert.equal(res.status, 200, await res.clone().text());
    }
    const url = `${ISSUER}/ressourcesDiffusables`;
    const res = await w.app.request('/ressourcesDiffusables', { headers: bearer(await w.clientAssertion(url)) });
    assert.deepEqual(orderedContent(await res.text()), orderedContent(SAMPLE));
  });
});
