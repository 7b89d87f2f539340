// Two service instances on one PostgreSQL database: a CAS ticket and a launch state issued by one are redeemed
// through the other, and a second redemption through either is refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { garLaunchUrl } from '../../src/gar/index.js';
import { createPostgresStore } from '../../src/node/stores.js';
import type { Store } from '../../src/store/types.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { CAS_SERVICE, ISSUER, R_CAS, R_MATHS, S1 } from '../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../helpers/world.js';
import { assertProblem, form, readLaunchPage } from './fixtures/http.js';

const pg = await startTestPostgres();
const skip = 'skip' in pg ? pg.skip : false;

describe('two instances on one PostgreSQL', { skip }, () => {
  let server: TestPostgres;
  const stores: Store[] = [];
  let one: HandoffWorld;
  let two: HandoffWorld;

  before(async () => {
    server = pg as TestPostgres;
    const { url } = await server.createDatabase();
    for (let i = 0; i < 2; i++) {
      const store = await createPostgresStore({ url });
      await store.migrate();
      stores.push(store);
    }
    one = await buildWorld({ data: 'handoff', store: stores[0]! });
    two = await buildWorld({ data: 'none', store: stores[1]!, instanceOf: one });
  });

  after(async () => {
    for (const s of stores) await s.close();
    await server?.stop();
  });

  const validate = async (w: HandoffWorld, ticket: string) =>
    (
      await w.app.request(
        `/cas/p3/serviceValidate?service=${encodeURIComponent(CAS_SERVICE)}&ticket=${encodeURIComponent(ticket)}`,
      )
    ).text();

  it('redeems a CAS ticket issued by one instance through the other, once', async () => {
    const res = await one.app.request('/launch', form({ assertion: await one.assertion(), resource: R_CAS, uai: S1 }));
    assert.equal(res.status, 303);
    const ticket = new URL(res.headers.get('location')!).searchParams.get('ticket')!;
    assert.match(await validate(two, ticket), /<cas:authenticationSuccess>/);
    assert.match(await validate(two, ticket), /code="INVALID_TICKET"/);
    assert.match(await validate(one, ticket), /code="INVALID_TICKET"/);
  });

  it('lets exactly one of two simultaneous redemptions through different instances succeed', async () => {
    const res = await one.app.request('/launch', form({ assertion: await one.assertion(), resource: R_CAS, uai: S1 }));
    const ticket = new URL(res.headers.get('location')!).searchParams.get('ticket')!;
    const answers = await Promise.all([
      validate(one, ticket),
      validate(two, ticket),
      validate(one, ticket),
      validate(two, ticket),
    ]);
    assert.equal(answers.filter((a) => a.includes('<cas:authenticationSuccess>')).length, 1);
  });

  it('accepts a launch state issued by one instance at the other, once', async () => {
    const link = new URL(garLaunchUrl(ISSUER, 'ENTA', S1, R_MATHS));
    const redirect = await one.app.request(`${link.pathname}${link.search}`);
    const state = new URL(redirect.headers.get('location')!).searchParams.get('state')!;
    const page = await two.app.request('/launch/callback', form({ assertion: await two.assertion(), state }));
    assert.equal(page.status, 200);
    readLaunchPage(await page.text());
    await assertProblem(
      await one.app.request('/launch/callback', form({ assertion: await one.assertion(), state })),
      400,
      'bad-request',
    );
    await assertProblem(
      await two.app.request('/launch/callback', form({ assertion: await two.assertion(), state })),
      400,
      'bad-request',
    );
    const events = await stores[0]!.listHandoffEvents({ resourceId: R_MATHS });
    assert.deepEqual(
      events.map((e) => e.outcome),
      ['success'],
    );
  });
});
