// The demo ENT portal beside the reference service seeded with the demo data, in process: what the portal's tests sign
// in to and call. One fixture for ent-portal.test.ts and console-page.test.ts.
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS, DEMO_REFERENCE_DATE, DEMO_USERS, seedDemo } from '@opengar/server/demo';
import type { Hono } from 'hono';
import { createEntPortal } from '../src/index.js';

export const ISSUER = 'http://127.0.0.1:4000';
/** The demo's reference date: the service and the portal sign and check at that time. */
export const now = () => new Date(DEMO_REFERENCE_DATE);
/** The demo users as the portal lists them. */
export const users = DEMO_USERS.map((u) => ({ key: u.key, personId: u.personId, name: u.name, schools: u.schools }));

/** The portal (a stub widget script) and the service's HTTP app. */
export async function portalWorld(): Promise<{ portal: Hono; service: ReturnType<typeof createHttpApp> }> {
  const portal = await createEntPortal({
    entId: 'ENT-DEMO',
    issuer: ISSUER,
    key: { privateJwk: DEMO_CREDENTIALS.entSigningKey.privateJwk },
    users,
    now,
    widgetScript: () => Promise.resolve('customElements.define("x-test", class extends HTMLElement {})'),
  });
  const store = createMemoryStore();
  await seedDemo(store);
  const service = createHttpApp(createGarService({ store, issuer: ISSUER, clock: { now }, logger: silentLogger }));
  return { portal, service };
}
