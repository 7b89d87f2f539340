// The example native app against the demo service on loopback: a simulated system browser follows the redirects, a
// simulated ENT signs the demo pupil's assertion, and the app receives on its loopback port the code it exchanges.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { createGarClient, NativeAppError } from '@opengar/sdk';
import {
  createGarService,
  createHandoffRoutes,
  createHttpApp,
  createKeyManager,
  createMemoryStore,
  generateKeyEncryptionKey,
  silentLogger,
  type GarService,
} from '@opengar/server';
import { DEMO_CREDENTIALS, DEMO_ENT_ID, DEMO_USERS, demoResourceId, seedDemo } from '@opengar/server/demo';
import { decodeJwt, importJWK, SignJWT } from 'jose';
import { runNativeClient } from '../src/index.js';

// Port base of this test (24750–24799).
const PORT = 24750;
const ISSUER = `http://127.0.0.1:${PORT}`;
const pupil = DEMO_USERS.find((u) => u.key === 'pupil')!;
const lyceePupil = DEMO_USERS.find((u) => u.key === 'lycee-pupil')!;
const UAI = pupil.schools[0]!.uai;
let server: ServerType;
let service: GarService;
let resourceId = '';

async function assertion(personId: string, uai: string): Promise<string> {
  const { kid, ...jwk } = DEMO_CREDENTIALS.entSigningKey.privateJwk;
  return new SignJWT({ uai })
    .setProtectedHeader({ alg: 'ES256', typ: 'gar-ent+jwt', kid })
    .setIssuer(DEMO_ENT_ID)
    .setAudience(ISSUER)
    .setSubject(personId)
    .setIssuedAt()
    .setExpirationTime('2m')
    .setJti(crypto.randomUUID())
    .sign(await importJWK(jwk, 'ES256'));
}

/** A system browser with a person signed in at the demo ENT: follows the service's redirects, plays the ENT's part. */
function browserOf(person: { personId: string; schools: readonly { uai: string }[] }) {
  return async (url: string): Promise<void> => {
    const start = await fetch(url, { redirect: 'manual' });
    assert.equal(start.status, 303);
    const atEnt = new URL(start.headers.get('location')!);
    const back = await fetch(atEnt.searchParams.get('return_to')!, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        assertion: await assertion(person.personId, person.schools[0]!.uai),
        state: atEnt.searchParams.get('state')!,
      }),
    });
    assert.equal(back.status, 303, await back.clone().text());
    const landed = await fetch(back.headers.get('location')!);
    assert.equal(landed.status, 200);
    assert.match(await landed.text(), /Connexion terminée/);
  };
}

before(async () => {
  const store = createMemoryStore();
  await seedDemo(store, { referenceDate: new Date().toISOString() });
  service = createGarService({
    store,
    issuer: ISSUER,
    pseudonymSecret: 'native-app-example-pseudonym-secret-0123456789',
    statisticsSecret: 'native-app-example-statistics-secret',
    signingKeys: createKeyManager({ store, kek: generateKeyEncryptionKey() }),
    logger: silentLogger,
  });
  const app = createHttpApp(service, { routes: [createHandoffRoutes({ service })] });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: PORT }, () => resolve(s));
  });
  // The first demo resource the pupil may open at the collège.
  for (const slug of ['maths-6e', 'dictionnaire', 'francais-6e', 'sciences-6e']) {
    let id: string;
    try {
      id = demoResourceId(slug);
    } catch {
      continue;
    }
    const r = await service.handoff.handOff({ entId: DEMO_ENT_ID, personId: pupil.personId, uai: UAI, resourceId: id });
    if (r.ok && r.protocol === 'jwt') {
      resourceId = id;
      break;
    }
  }
  assert.ok(resourceId, 'a demo resource the pupil may open');
  const operator = createGarClient({ baseUrl: ISSUER, token: DEMO_CREDENTIALS.operatorSecret, retry: 0 });
  await operator.admin.apps.create({
    clientId: 'demo-lecteur',
    resourceId,
    name: 'Lecteur de démonstration',
    redirectUris: ['http://127.0.0.1/callback'],
  });
});

after(async () => {
  server.closeAllConnections?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the example native app', () => {
  it('signs the pupil in through the browser and receives exactly the hand-off’s claims', async () => {
    const { claims, tokens } = await runNativeClient({
      serviceUrl: ISSUER,
      clientId: 'demo-lecteur',
      idpHint: DEMO_ENT_ID,
      openBrowser: browserOf(pupil),
      timeoutMs: 30_000,
    });
    const hand = await service.handoff.handOff({ entId: DEMO_ENT_ID, personId: pupil.personId, uai: UAI, resourceId });
    assert.ok(hand.ok && hand.protocol === 'jwt');
    const { iss, aud, iat, nbf, exp, jti, ...handClaims } = decodeJwt(hand.token);
    assert.deepEqual(claims, handClaims);
    assert.equal(decodeJwt(tokens.id_token).aud, 'demo-lecteur');
    assert.equal(decodeJwt(tokens.access_token).aud, resourceId);
  });

  it('is told access_denied when the person has no right to the app’s resource', async () => {
    await assert.rejects(
      runNativeClient({
        serviceUrl: ISSUER,
        clientId: 'demo-lecteur',
        idpHint: DEMO_ENT_ID,
        openBrowser: browserOf(lyceePupil),
        timeoutMs: 30_000,
      }),
      (e: unknown) => e instanceof NativeAppError && e.error === 'access_denied',
    );
  });
});
