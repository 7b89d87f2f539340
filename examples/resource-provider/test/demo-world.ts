// The demo as the example provider's tests meet it, in process: the reference service on a memory store seeded with
// the demo data (JWT, SAML and LTI hand-offs), the demo provider talking to it through `fetch`, and the demo ENT's
// assertions. One fixture for the demo-provider, SAML-resource and LTI-tool tests.
import {
  createGarService,
  createHttpApp,
  createKeyManager,
  createMemoryStore,
  generateKeyEncryptionKey,
  silentLogger,
  type Store,
} from '@opengar/server';
import { DEMO_CREDENTIALS, seedDemo } from '@opengar/server/demo';
import { createSamlCrypto } from '@opengar/server/node';
import { SignJWT, importJWK } from 'jose';
import { createHandoffRoutes } from '../../../packages/server/src/handoff/create-handoff-routes.js';
import { createDemoProvider } from '../src/index.js';

export const ISSUER = 'http://127.0.0.1:4000';
export const PROVIDER = 'http://127.0.0.1:4100';
/** The demo collège. */
export const UAI = '0561641E';

/** The service's app, the provider and the store they share. */
export interface DemoWorld {
  app: ReturnType<typeof createHttpApp>;
  provider: ReturnType<typeof createDemoProvider>;
  store: Store;
}

/** Builds a fresh demo world (about a second: the seed). */
export async function demoWorld(): Promise<DemoWorld> {
  const store = createMemoryStore();
  const statisticsSecret = 'demo-statistics-secret-for-tests';
  await seedDemo(store, { providerBaseUrl: PROVIDER, referenceDate: new Date().toISOString(), statisticsSecret });
  const keys = createKeyManager({ store, kek: generateKeyEncryptionKey() });
  let provider: ReturnType<typeof createDemoProvider> | undefined;
  const service = createGarService({
    store,
    issuer: ISSUER,
    pseudonymSecret: 'demo-pseudonym-secret-for-tests-0123456789',
    statisticsSecret,
    signingKeys: keys,
    samlCrypto: createSamlCrypto({ keys }),
    logger: silentLogger,
    // opengar fetches the LTI tool's keys (its Deep Linking responses) from the provider, in process.
    jwks: { fetch: (input, init) => Promise.resolve(provider!.fetch(new Request(input, init))) },
  });
  const app = createHttpApp(service, { routes: [createHandoffRoutes({ service })] });
  provider = createDemoProvider({
    issuer: ISSUER,
    baseUrl: PROVIDER,
    fetch: (input, init) => Promise.resolve(app.fetch(new Request(input, init))),
  });
  return { app, provider, store };
}

/** The demo ENT's signed assertion for a person of the demo collège. */
export async function entAssertion(personId: string): Promise<string> {
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
