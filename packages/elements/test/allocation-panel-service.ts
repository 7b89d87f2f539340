// A fresh in-page service per test for <gar-allocation-panel> (memory store, demo seed, a support contact, and the
// collège head also named for the lycée in RespAff, so that they manage two schools). Shared with the stories.
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS, DEMO_REFERENCE_DATE, DEMO_USERS, type DemoUser, seedDemo } from '@opengar/server/demo';
import { createGarClient, type FetchLike, type GarClient, type GetToken } from '@opengar/sdk';
import { importSigningKey, signAssertion } from './fixtures/sign-assertion.js';

export const CONSOLE_ISSUER = 'http://opengar.test';
export const COLLEGE = '0561641E';
export const LYCEE = '0561622J';
export const SUPPORT = {
  name: 'Assistance GAR académique',
  email: 'assistance@ac-demo.fr',
  phone: '02 99 00 00 00',
  url: 'https://assistance.ac-demo.fr/gar',
};

export interface ConsoleService {
  fetch: FetchLike;
  tokenFor(user: DemoUser['key']): GetToken;
  clientFor(user: DemoUser['key'], wrap?: (f: FetchLike) => FetchLike): GarClient;
  now: () => Date;
  /** The pupil whose history copy was opened (`opened` option). */
  openedBy?: string | undefined;
}

/** Subscription ids the `fresh`, `overAllocated` and `opened` options touch. */
export const FRESH_ID = 'dico-fresh_0561641E_2026';
export const ATELIER_ID = 'atelier-creation_0561641E_2026';
export const HISTORY_ID = 'histoire-geo-3e_0561641E_2026';

/** A feed's sync report for the collège, and three notifications for its head (one read), as `year` seeds them. */
async function seedYear(store: ReturnType<typeof createMemoryStore>, headId: string, at: string): Promise<void> {
  await store.putSyncReport({
    uai: COLLEGE,
    entId: 'ent-demo',
    runId: 'run-1',
    at,
    counts: { National_elv: 120, National_ens: 14, National_doc: 1 },
    changes: { ...NO_CHANGES, arrived: 3, left: 1 },
    anomalies: {
      pupilsWithoutDivision: ['DURAND Léa (e-999)'],
      divisionsWithoutPupils: [],
      managersWithoutEmail: ['=HYPERLINK("x") (d-9)'],
      teachersWithoutClasses: ['MARTIN Paul (t-9)'],
      pupilsWithoutMef: [],
    },
  });
  const day = (n: number) => new Date(Date.parse(at) - n * 86_400_000).toISOString();
  const note = (
    id: string,
    kind: 'subscription.new' | 'subscription.ending',
    data: Record<string, unknown>,
    n: number,
  ) => store.putNotification({ id, uai: COLLEGE, recipientId: headId, kind, data, createdAt: day(n) });
  await note('n-old', 'subscription.new', { subscriptionId: HISTORY_ID, resourceLabel: 'Histoire' }, 5);
  await note('n-mid', 'subscription.ending', { subscriptionId: ATELIER_ID, days: 20, validUntil: day(-20) }, 2);
  await note('n-new', 'subscription.new', { subscriptionId: FRESH_ID, resourceLabel: '<b>Dico</b>' }, 1);
  await store.markNotificationRead('n-old', headId, at);
}

const NO_CHANGES = {
  arrived: 0,
  changed: 0,
  left: 0,
  divisionsAdded: 0,
  divisionsRenamed: 0,
  divisionsRemoved: 0,
  groupsAdded: 0,
  groupsRenamed: 0,
  groupsRemoved: 0,
  membershipChanges: 0,
};

/**
 * A new service with its own store. `twoSchools` makes the collège head a manager of the lycée too; `fresh` delivers
 * a subscription nobody has yet (the dashboard suggests targets for it); `overAllocated` lowers the atelier's licences
 * below its copies in use; `opened` marks one holder's non-transferable history copy as opened (returns who).
 */
export async function consoleService(
  options: { twoSchools?: boolean; fresh?: boolean; overAllocated?: boolean; opened?: boolean; year?: boolean } = {},
): Promise<ConsoleService> {
  const now = () => new Date(DEMO_REFERENCE_DATE);
  const store = createMemoryStore();
  // The directory written directly: no feed run, so the sync tab has its empty state (`year` puts its own report).
  await seedDemo(store, { directory: 'direct' });
  const head = DEMO_USERS.find((u) => u.key === 'head');
  if (options.twoSchools && head)
    await store.putRespAff({ entId: head.entId, personId: head.personId, uais: [COLLEGE, LYCEE] });
  const subs = await store.listSubscriptions({ uai: COLLEGE });
  const at = now().toISOString();
  const dico = subs.find((x) => x.id.startsWith('dictionnaire_'));
  if (options.fresh && dico) {
    await store.insertSubscription({
      ...dico,
      id: FRESH_ID,
      type: 'INDIV',
      licences: { kind: 'global', count: 300 },
      audiences: ['ELEVE', 'DOCUMENTALISTE'],
      automatic: false,
      createdAt: at,
      updatedAt: at,
    });
  }
  const atelier = subs.find((x) => x.id === ATELIER_ID);
  if (options.overAllocated && atelier)
    await store.updateSubscription({ ...atelier, licences: { kind: 'global', count: 2 }, updatedAt: at });
  let openedBy: string | undefined;
  if (options.opened) {
    openedBy = (await store.listCopies({ subscriptionId: HISTORY_ID })).find(
      (c) => c.audience === 'ELEVE' && c.firstOpenedAt === undefined,
    )?.personId;
    if (openedBy) await store.markCopyOpened(HISTORY_ID, openedBy, at);
  }
  if (options.year && head) await seedYear(store, head.personId, at);
  const service = createGarService({
    store,
    issuer: CONSOLE_ISSUER,
    clock: { now },
    logger: silentLogger,
    supportContact: SUPPORT,
  });
  const app = createHttpApp(service);
  const key = await importSigningKey(DEMO_CREDENTIALS.entSigningKey.privateJwk);
  const kid = DEMO_CREDENTIALS.entSigningKey.privateJwk.kid;
  const fetch: FetchLike = (request) => app.fetch(request);
  const tokenFor = (k: DemoUser['key']): GetToken => {
    const u = DEMO_USERS.find((x) => x.key === k);
    if (!u) throw new Error(`no demo user ${k}`);
    return () =>
      signAssertion(key, kid, {
        iss: u.entId,
        aud: CONSOLE_ISSUER,
        sub: u.personId,
        uai: u.schools[0]?.uai,
        iat: Math.floor(now().getTime() / 1000),
      });
  };
  return {
    openedBy,
    fetch,
    now,
    tokenFor,
    clientFor: (k, wrap = (f) => f) =>
      createGarClient({ baseUrl: CONSOLE_ISSUER, getToken: tokenFor(k), fetch: wrap(fetch), retry: 0 }),
  };
}
