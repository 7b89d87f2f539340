import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeGarBase64, garBase64, garErrorBodySchema, garListingSchema, toGarListing } from '../../src/gar/index.js';
import { createMemoryStore, StoreError } from '../../src/index.js';
import {
  ENT_A_CERT,
  ISSUER,
  R_CAS,
  R_DICO,
  R_FAM5,
  R_FAM6,
  R_MATHS,
  R_NT,
  resource,
  S1,
  S2,
} from '../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../helpers/world.js';

const path = (ent: string, uai: string, person: string) => `/ressources/${ent}/${uai}/${person}`;

async function get(w: HandoffWorld, p: string, init: RequestInit = {}, o: { iss?: string } = {}): Promise<Response> {
  const token = await w.clientAssertion(`${ISSUER}${p}`, o);
  return w.app.request(p, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) },
  });
}

async function assertGarError(res: Response, status: number, code: string, resourcePath: string): Promise<void> {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const raw = (await res.json()) as Record<string, unknown>;
  const body = garErrorBodySchema.parse(raw);
  assert.deepEqual(Object.keys(raw), ['Erreur']);
  assert.deepEqual(Object.keys(body.Erreur).sort(), ['Code', 'Message', 'Resource']);
  assert.equal(body.Erreur.Code, code);
  assert.equal(body.Erreur.Resource, resourcePath.replace(/^\//, ''));
}

const SAMPLE_KEYS = [
  'distributeurTech',
  'domaineEnseignement',
  'idEditeur',
  'idRessource',
  'idType',
  'niveauEducatif',
  'nomEditeur',
  'nomRessource',
  'nomSourceEtiquetteGar',
  'typePedagogique',
  'typePresentation',
  'typologieDocument',
  'urlAccesRessource',
  'urlSourceEtiquette',
  'urlVignette',
  'validateurTech',
];

describe('GET /ressources/{idENT}/{UAI}/{id}: GAR-compatible listing', () => {
  it("answers GAR's shape with every field of the sample, links to GET /launch with base64 values", async () => {
    const w = await buildWorld({ data: 'handoff' });
    const p = path('ENTA', S1, 'eleve-a');
    const res = await get(w, p);
    assert.equal(res.status, 200);
    const raw = (await res.json()) as { listeRessources: { ressource: Record<string, unknown>[] } };
    const listing = garListingSchema.parse(raw);
    assert.deepEqual(Object.keys(raw), ['listeRessources']);
    const ids = listing.listeRessources.ressource.map((r) => r.idRessource).sort();
    assert.deepEqual(
      ids,
      [R_CAS, R_DICO, R_FAM5, R_FAM6, R_MATHS, R_NT].sort(),
      'allocated and free-offer resources, not the expired one',
    );
    for (const r of raw.listeRessources.ressource) {
      for (const k of SAMPLE_KEYS) assert.ok(k in r, `${String(r.idRessource)} has ${k}`);
    }
    const maths = listing.listeRessources.ressource.find((r) => r.idRessource === R_MATHS)!;
    assert.equal(maths.nomSourceEtiquetteGar, 'GAR');
    assert.equal(maths.idEditeur, 'X');
    assert.equal(maths.urlVignette, 'https://x.resource.test/vignette.png');
    assert.deepEqual(maths.typePresentation, { code: 'MAN', nom: 'Manuels numériques' });
    assert.deepEqual(maths.domaineEnseignement, [{ uri: 'uri-maths', nom: 'MATHÉMATIQUES' }]);
    assert.equal(maths.description, 'Maths <b>interactives</b> & "exercices"');
    const link = new URL(maths.urlAccesRessource);
    assert.equal(`${link.origin}${link.pathname}`, `${ISSUER}/launch`);
    assert.equal(decodeGarBase64(link.searchParams.get('idENT')!), 'ENTA');
    assert.equal(decodeGarBase64(link.searchParams.get('idEtab')!), S1);
    assert.equal(decodeGarBase64(link.searchParams.get('idRessource')!), R_MATHS);
    assert.equal(link.searchParams.get('idRessource'), garBase64(R_MATHS));
    const dico = listing.listeRessources.ressource.find((r) => r.idRessource === R_DICO)!;
    assert.equal('description' in dico, false, 'description only when the publisher gave one');
    assert.equal(dico.urlVignette, '');
  });

  it('sends an ETag and answers 304 while the listing is unchanged', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const p = path('ENTA', S1, 'eleve-a');
    const first = await get(w, p);
    const etag = first.headers.get('etag')!;
    assert.equal(first.headers.get('cache-control'), 'private, no-cache');
    const again = await get(w, p, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    await w.store.deleteCopies('ABO-MATHS-S1', ['eleve-a']);
    assert.equal((await get(w, p, { headers: { 'if-none-match': etag } })).status, 200);
  });

  it("accepts the registered client certificate the listener verified, and refuses another ENT's path with it", async () => {
    const w = await buildWorld({ data: 'handoff' });
    const cert = (fp: string) => ({ headers: { 'x-opengar-client-cert-sha256': fp } });
    const p = path('ENTA', S1, 'eleve-a');
    const ok = await w.app.request(p, cert(ENT_A_CERT));
    assert.equal(ok.status, 200);
    garListingSchema.parse(await ok.json());
    await assertGarError(await w.app.request(p, cert('b'.repeat(64))), 401, 'Unauthorized', p);
    const pB = path('ENTB', S2, 'eleve-b');
    await assertGarError(await w.app.request(pB, cert(ENT_A_CERT)), 403, 'Forbidden', pB);
  });

  it('answers GAR error bodies for every failure', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const p = path('ENTA', S1, 'eleve-a');
    await assertGarError(await w.app.request(p), 401, 'Unauthorized', p);
    await assertGarError(
      await w.app.request(p, { headers: { authorization: 'Bearer not-a-jwt' } }),
      401,
      'Unauthorized',
      p,
    );
    const forOther = await w.clientAssertion(`${ISSUER}${path('ENTA', S1, 'prof-a')}`);
    await assertGarError(
      await w.app.request(p, { headers: { authorization: `Bearer ${forOther}` } }),
      401,
      'Unauthorized',
      p,
    );
    const token = await w.clientAssertion(`${ISSUER}${p}`);
    assert.equal((await w.app.request(p, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    await assertGarError(
      await w.app.request(p, { headers: { authorization: `Bearer ${token}` } }),
      401,
      'Unauthorized',
      p,
    );
    const pB = path('ENTB', S2, 'eleve-b');
    await assertGarError(await get(w, pB), 403, 'Forbidden', pB);
    const badSchool = path('ENTA', 'ZZZZZZZZ', 'eleve-a');
    await assertGarError(await get(w, badSchool), 400, 'Bad Request', badSchool);
    const otherEntSchool = path('ENTA', S2, 'eleve-a');
    await assertGarError(await get(w, otherEntSchool), 400, 'Bad Request', otherEntSchool);
    const unknownPerson = path('ENTA', S1, 'nobody');
    await assertGarError(await get(w, unknownPerson), 400, 'Bad Request', unknownPerson);
    await assertGarError(await w.app.request('/ressources/ENTA/X'), 404, 'Not Found', '/ressources/ENTA/X');
    await assertGarError(await w.app.request('/ressources/ENTA/X/y/z'), 404, 'Not Found', '/ressources/ENTA/X/y/z');
    await assertGarError(await w.app.request(p, { method: 'POST' }), 405, 'Method Not Allowed', p);
    await assertGarError(
      await get(w, p, { headers: { 'content-length': '5000', 'content-type': 'application/json' } }),
      413,
      'Payload Too Large',
      p,
    );
    await assertGarError(
      await get(w, p, { headers: { 'content-length': '3', 'content-type': 'text/plain' } }),
      415,
      'Unsupported Media Type',
      p,
    );
  });
});

describe('GAR listing codec', () => {
  it('round-trips base64 values, URL-safe or not, and refuses what is not base64 of UTF-8', () => {
    for (const v of ['ENTA', 'ark:/67890/dico', 'é?&=+/']) {
      assert.equal(decodeGarBase64(garBase64(v)), v);
      assert.equal(decodeGarBase64(garBase64(v).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')), v);
    }
    for (const bad of ['', '***', 'a', '/w==', '%41']) assert.equal(decodeGarBase64(bad), undefined, bad);
  });

  it('writes the listing in the order given, description optional', () => {
    const r = resource({ id: 'ark:/1/a', publisherId: 'P', description: 'd' });
    const body = toGarListing([r, resource({ id: 'ark:/1/b', publisherId: 'P' })], {
      issuer: ISSUER,
      entId: 'E',
      uai: S1,
      badgeUrl: 'https://gar.test/badge.svg',
    });
    assert.deepEqual(
      body.listeRessources.ressource.map((x) => x.idRessource),
      ['ark:/1/a', 'ark:/1/b'],
    );
    assert.equal(body.listeRessources.ressource[0]!.urlSourceEtiquette, 'https://gar.test/badge.svg');
    assert.equal(body.listeRessources.ressource[1]!.description, undefined);
  });
});

describe('GAR-compatible listing when the store fails', () => {
  it('answers 503 and 500 in GAR error bodies, and logs no detail to the client', async () => {
    const inner = createMemoryStore();
    let failure: Error | undefined;
    const store = new Proxy(inner, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (name !== 'listSubscriptions' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (failure) return Promise.reject(failure);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const w = await buildWorld({ data: 'handoff', store });
    const p = path('ENTA', S1, 'eleve-a');
    failure = new StoreError('unavailable', 'connection refused');
    await assertGarError(await get(w, p), 503, 'Service Unavailable', p);
    failure = new Error('secret detail 42');
    const res = await get(w, p);
    const text = await res.clone().text();
    await assertGarError(res, 500, 'Internal Server Error', p);
    assert.ok(!text.includes('secret detail'));
    failure = undefined;
    assert.equal((await get(w, p)).status, 200);
  });
});
