// A fresh in-page service per test for <gar-allocation-panel> (memory store, demo seed, a support contact, and the
// collège head also named for the lycée in RespAff, so that they manage two schools). Shared with the stories.
import { createGarService, createHttpApp, createMemoryStore, DEMO_CREDENTIALS, DEMO_REFERENCE_DATE, DEMO_USERS, type DemoUser, seedDemo, silentLogger } from '@opengar/server';
import { createGarClient, type FetchLike, type GarClient, type GetToken } from '@opengar/sdk';
import { importSigningKey, signAssertion } from './fixtures/sign-assertion.js';

export const CONSOLE_ISSUER = 'http://opengar.test';
export const COLLEGE = '0561641E';
export const LYCEE = '0561622J';
export const SUPPORT = { name: 'Assistance GAR académique', email: 'assistance@ac-demo.fr', url: 'https://assistance.ac-demo.fr/gar' };

export interface ConsoleService {
  fetch: FetchLike;
  tokenFor(user: DemoUser['key']): GetToken;
  clientFor(user: DemoUser['key'], wrap?: (f: FetchLike) => FetchLike): GarClient;
  now: () => Date;
}

/** A new service with its own store; `twoSchools` makes the collège head a manager of the lycée too. */
export async function consoleService(options: { twoSchools?: boolean } = {}): Promise<ConsoleService> {
  const now = () => new Date(DEMO_REFERENCE_DATE);
  const store = createMemoryStore();
  await seedDemo(store);
  const head = DEMO_USERS.find((u) => u.key === 'head');
  if (options.twoSchools && head) await store.putRespAff({ entId: head.entId, personId: head.personId, uais: [COLLEGE, LYCEE] });
  const service = createGarService({ store, issuer: CONSOLE_ISSUER, pseudonymSecret: 'opengar-console-secret-in-the-browser', clock: { now }, logger: silentLogger, supportContact: SUPPORT });
  const app = createHttpApp(service);
  const key = await importSigningKey(DEMO_CREDENTIALS.entSigningKey.privateJwk);
  const kid = DEMO_CREDENTIALS.entSigningKey.privateJwk.kid;
  const fetch: FetchLike = (request) => app.fetch(request);
  const tokenFor = (k: DemoUser['key']): GetToken => {
    const u = DEMO_USERS.find((x) => x.key === k);
    if (!u) throw new Error(`no demo user ${k}`);
    return () => signAssertion(key, kid, { iss: u.entId, aud: CONSOLE_ISSUER, sub: u.personId, uai: u.schools[0]?.uai, iat: Math.floor(now().getTime() / 1000) });
  };
  return {
    fetch,
    now,
    tokenFor,
    clientFor: (k, wrap = (f) => f) => createGarClient({ baseUrl: CONSOLE_ISSUER, getToken: tokenFor(k), fetch: wrap(fetch), retry: 0 }),
  };
}
