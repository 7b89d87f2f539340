// End to end, in-process: the demo's SAML resource (a stock node-saml SP) receives the médiacentre click, and starts
// its own sign-in at the GAR's /saml/sso, which goes to the ENT and comes back as a response it accepts.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  createGarService,
  createHttpApp,
  createKeyManager,
  createMemoryStore,
  generateKeyEncryptionKey,
  silentLogger,
} from '@opengar/server';
import { createSamlCrypto } from '@opengar/server/node';
import { DEMO_CREDENTIALS, demoResourceId, seedDemo } from '@opengar/server/demo';
import { createHandoffRoutes } from '../../../packages/server/src/handoff/create-handoff-routes.js';
import { SignJWT, importJWK } from 'jose';
import { createDemoProvider } from '../src/index.js';

const ISSUER = 'http://127.0.0.1:4000';
const PROVIDER = 'http://127.0.0.1:4100';
const UAI = '0561641E';
const PUPIL = 'eleve-0001';
const QUIZ = demoResourceId('quiz-sciences');

let app: ReturnType<typeof createHttpApp>;
let provider: ReturnType<typeof createDemoProvider>;

async function assertion(personId: string): Promise<string> {
  const key = await importJWK(DEMO_CREDENTIALS.entSigningKey.privateJwk, 'ES256');
  return new SignJWT({ uai: UAI })
    .setProtectedHeader({ alg: 'ES256', typ: 'gar-ent+jwt', kid: DEMO_CREDENTIALS.entSigningKey.privateJwk.kid })
    .setIssuer('ENT-DEMO')
    .setAudience(ISSUER)
    .setSubject(personId)
    .setIssuedAt()
    .setExpirationTime('2m')
    .setJti(crypto.randomUUID())
    .sign(key);
}

const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&');

/** Posts a SAML page's form to the provider and returns its claims. */
async function postToProvider(html: string): Promise<Map<string, string>> {
  const action = /<form id="gar-post" method="post" action="([^"]+)"/.exec(html)?.[1];
  const samlResponse = field(html, 'SAMLResponse');
  assert.ok(action && samlResponse, 'the SAML page posts SAMLResponse');
  const res = await provider.request(new URL(action).pathname, {
    method: 'POST',
    body: new URLSearchParams({ SAMLResponse: samlResponse }),
  });
  const page = await res.text();
  assert.equal(res.status, 200, page);
  const claims = new Map<string, string>();
  for (const m of page.matchAll(/<tr data-claim="([A-Z_0-9]+)">.*?<td>(.*?)<\/td><\/tr>/gs)) claims.set(m[1]!, m[2]!);
  return claims;
}

before(async () => {
  const store = createMemoryStore();
  await seedDemo(store, { providerBaseUrl: PROVIDER, referenceDate: new Date().toISOString() });
  const keys = createKeyManager({ store, kek: generateKeyEncryptionKey() });
  const service = createGarService({
    store,
    issuer: ISSUER,
    pseudonymSecret: 'demo-pseudonym-secret-for-tests-0123456789',
    statisticsSecret: 'demo-statistics-secret-for-tests',
    signingKeys: keys,
    samlCrypto: createSamlCrypto({ keys }),
    logger: silentLogger,
  });
  app = createHttpApp(service, { routes: [createHandoffRoutes({ service })] });
  provider = createDemoProvider({
    issuer: ISSUER,
    baseUrl: PROVIDER,
    fetch: (input, init) => Promise.resolve(app.fetch(new Request(input, init))),
  });
});

describe('the demo SAML resource', () => {
  it('is in the pupil’s médiacentre, and the click signs the pupil in with the declared attributes', async () => {
    const listing = await app.request(`/api/v1/me/resources?uai=${UAI}`, {
      headers: { authorization: `Bearer ${await assertion(PUPIL)}` },
    });
    const ids = ((await listing.json()) as { resources: { id: string }[] }).resources.map((r) => r.id);
    assert.ok(ids.includes(QUIZ));
    const res = await app.request('/launch', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ assertion: await assertion(PUPIL), resource: QUIZ, uai: UAI }),
    });
    assert.equal(res.status, 200);
    const claims = await postToProvider(await res.text());
    assert.deepEqual([...claims.keys()].sort(), ['DIV', 'IDO', 'NOM', 'PRE', 'PRO', 'UAI']);
  });

  it('starts its own sign-in (SP-initiated) through the GAR and the ENT', async () => {
    const login = await provider.request('/resources/quiz-sciences/login');
    assert.equal(login.status, 303);
    const sso = new URL(login.headers.get('location')!);
    assert.equal(`${sso.origin}${sso.pathname}`, `${ISSUER}/saml/sso`);
    const toEnt = await app.request(`${sso.pathname}${sso.search}&idp_hint=ENT-DEMO`);
    assert.equal(toEnt.status, 303);
    const state = new URL(toEnt.headers.get('location')!).searchParams.get('state')!;
    const back = await app.request('/launch/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ assertion: await assertion(PUPIL), state }),
    });
    assert.equal(back.status, 200);
    const claims = await postToProvider(await back.text());
    assert.ok(claims.has('IDO'));
  });

  it('refuses a forged response', async () => {
    const res = await provider.request('/resources/quiz-sciences', {
      method: 'POST',
      body: new URLSearchParams({ SAMLResponse: Buffer.from('<x/>').toString('base64') }),
    });
    assert.equal(res.status, 401);
  });
});
