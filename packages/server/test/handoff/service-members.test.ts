// The hand-off's use cases as service members, without HTTP: what the routes translate, refusals included, and a
// service made without the hand-off's secrets and keys.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairwisePseudonym } from '@opengar/core';
import {
  MIN_SECRET_BYTES,
  ServiceConfigError,
  createGarService,
  createMemoryStore,
  silentLogger,
} from '../../src/index.js';
import { createHandoffRoutes } from '../../src/handoff/index.js';
import {
  ASSERTION_ENDPOINT,
  CAS_SERVICE,
  ISSUER,
  R_CAS,
  R_MATHS,
  R_OLD,
  S1,
  S2,
  S3,
  SECRET,
} from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

const ENTA_CLIENT = { kind: 'ent-client', entId: 'ENTA' } as const;
const unconfigured = (e: unknown) => e instanceof ServiceConfigError && e.code === 'handoff-not-configured';

describe('hand-off service members', () => {
  it('hands off and refuses as results, recording the copies opened with the event', async () => {
    const w = await buildWorld({ data: 'handoff' });
    assert.equal(w.service.handoff.canHandOff(), true);
    const ok = await w.service.handoff.handOff({ entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_MATHS });
    assert.ok(ok.ok && ok.protocol === 'jwt');
    const [opened] = await w.store.listCopies({ uai: S1, personId: 'eleve-a', subscriptionId: 'ABO-MATHS-S1' });
    assert.equal(opened?.firstOpenedAt, w.clock.now().toISOString());
    const refused = await w.service.handoff.handOff({ entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_OLD });
    assert.deepEqual(refused, { ok: false, reason: 'outside_validity' });
    const foreign = await w.service.handoff.handOff({
      entId: 'ENTA',
      personId: 'eleve-a',
      uai: S2,
      resourceId: R_MATHS,
    });
    assert.deepEqual(foreign, { ok: false, reason: 'unknown_school' });
    const stranger = await w.service.handoff.handOff({
      entId: 'ENTA',
      personId: 'nobody',
      uai: S1,
      resourceId: R_MATHS,
    });
    assert.deepEqual(stranger, { ok: false, reason: 'unknown_person' });
    const wrongService = await w.service.handoff.handOff({
      entId: 'ENTA',
      personId: 'eleve-a',
      uai: S1,
      resourceId: R_CAS,
      service: 'https://elsewhere.test/cas',
    });
    assert.deepEqual(wrongService, { ok: false, reason: 'invalid_service' });
    const events = await w.store.listHandoffEvents({ uai: S1 });
    assert.deepEqual(events.map((e) => e.reason ?? e.outcome).sort(), [
      'invalid_service',
      'outside_validity',
      'success',
      'unknown_person',
    ]);
  });

  it('starts a launch at the ENT with a state it reads back once, and refuses unknown parts', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const start = await w.service.handoff.startLaunch({ entId: 'ENTA', uai: S1, resourceId: R_MATHS });
    assert.ok(start.ok);
    const location = new URL(start.location);
    assert.equal(`${location.origin}${location.pathname}`, `${new URL(ASSERTION_ENDPOINT).origin}/gar/assertion`);
    assert.equal(location.searchParams.get('return_to'), `${ISSUER}/launch/callback`);
    const read = await w.service.handoff.readLaunchState(location.searchParams.get('state')!);
    assert.deepEqual(read?.payload, { entId: 'ENTA', uai: S1, resourceId: R_MATHS });
    assert.equal(await w.service.handoff.spendLaunchState(read!), true);
    assert.equal(await w.service.handoff.spendLaunchState(read!), false, 'a state is spent once');
    assert.equal(await w.service.handoff.readLaunchState(`${location.searchParams.get('state')}x`), undefined);
    assert.equal(await w.service.handoff.readLaunchState(''), undefined);
    w.clock.advance(301_000);
    assert.equal(await w.service.handoff.readLaunchState(location.searchParams.get('state')!), undefined, 'expired');

    const refusal = async (entId: string, uai: string, resourceId: string) => {
      const r = await w.service.handoff.startLaunch({ entId, uai, resourceId });
      return r.ok ? 'ok' : r.reason;
    };
    assert.equal(await refusal('ENTX', S1, R_MATHS), 'unknown_ent');
    assert.equal(await refusal('ENTA', S2, R_MATHS), 'unknown_school');
    assert.equal(await refusal('ENTA', S1, 'ark:/0/none'), 'unknown_resource');
    assert.equal(await refusal('ENTB', S2, R_MATHS), 'no_assertion_endpoint');
  });

  it('tells a launch posted from a site the ENT did not register', async () => {
    const w = await buildWorld({ data: 'handoff' });
    assert.equal(await w.service.handoff.isForeignLaunch('ENTA', { origin: 'https://ent-a.test' }), false);
    assert.equal(await w.service.handoff.isForeignLaunch('ENTA', { origin: 'https://evil.test' }), true);
    assert.equal(await w.service.handoff.isForeignLaunch('ENTA', { secFetchSite: 'cross-site' }), true);
    assert.equal(await w.service.handoff.isForeignLaunch('ENTA', {}), false);
    assert.equal(await w.service.handoff.isForeignLaunch('ENT-GONE', {}), true, 'an ENT that is gone');
  });

  it('publishes the public keys only', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const { keys } = await w.service.handoff.jwks();
    assert.ok(keys.length > 0);
    for (const k of keys) assert.equal('d' in k, false, 'no private part');
  });

  it('lists the GAR-compatible resources of a person, and refuses what the ENT may not see', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const ok = await w.service.handoff.listGarResources(ENTA_CLIENT, { entId: 'ENTA', uai: S1, personId: 'eleve-a' });
    assert.ok(ok.ok);
    const ids = ok.resources.map((r) => r.id);
    assert.ok(ids.includes(R_MATHS));
    assert.ok(!ids.includes(R_OLD), 'an expired subscription is not listed');
    const reason = async (entId: string, uai: string, personId: string) => {
      const r = await w.service.handoff.listGarResources(ENTA_CLIENT, { entId, uai, personId });
      return r.ok ? 'ok' : r.reason;
    };
    assert.equal(await reason('ENTB', S2, 'eleve-a'), 'foreign_ent');
    assert.equal(await reason('ENTA', S2, 'eleve-a'), 'unknown_school');
    assert.equal(await reason('ENTA', S1, 'nobody'), 'unknown_person');
    await w.store.putSchool({ uai: '0000009Z', entId: 'ENTA', name: 'Ailleurs', degree: '2D' });
    assert.equal(await reason('ENTA', '0000009Z', 'eleve-a'), 'not_at_school');
    assert.equal(await reason('ENTA', S3, 'eleve-a'), 'ok');
  });

  it('finds the CAS resource of a service URL and redeems its tickets once', async () => {
    const w = await buildWorld({ data: 'handoff' });
    assert.equal((await w.service.cas.casResourceForService(CAS_SERVICE))?.id, R_CAS);
    assert.equal(await w.service.cas.casResourceForService('https://elsewhere.test/cas'), undefined);
    const r = await w.service.handoff.handOff({ entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_CAS });
    assert.ok(r.ok && r.protocol === 'cas');
    const ticket = new URL(r.location).searchParams.get('ticket')!;
    const redeemed = await w.service.cas.redeemCasTicket(ticket, CAS_SERVICE);
    assert.ok(redeemed.ok);
    assert.equal(
      redeemed.payload.user,
      pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: R_CAS }),
    );
    assert.deepEqual(await w.service.cas.redeemCasTicket(ticket, CAS_SERVICE), { ok: false, code: 'INVALID_TICKET' });
    assert.deepEqual(await w.service.cas.redeemCasTicket('ST-short', CAS_SERVICE), {
      ok: false,
      code: 'INVALID_TICKET',
    });
  });
});

describe('CAS service members', () => {
  it('lists the ENTs a person may sign in through, by name, and seals a session only it opens', async () => {
    const w = await buildWorld({ data: 'handoff' });
    assert.deepEqual(
      await w.service.cas.loginEnts(),
      [{ id: 'ENTA', name: 'ENT A' }],
      'ENT B has no assertion endpoint',
    );
    const session = { entId: 'ENTA', services: [{ service: CAS_SERVICE, ticket: 'ST-abc' }] };
    const sealed = await w.service.cas.sealSession(session);
    assert.ok(!sealed.includes('ST-abc'), 'the cookie hides its tickets');
    assert.deepEqual(await w.service.cas.openSession(sealed), session);
    assert.equal(await w.service.cas.openSession(`${sealed.slice(0, -2)}xx`), undefined, 'tampered');
    assert.equal(await w.service.cas.openSession(undefined), undefined);
    const pseudonymSecret = 'another-pseudonym-secret-of-32-bytes-at-least';
    const other = createGarService({
      store: w.store,
      clock: w.clock,
      issuer: ISSUER,
      pseudonymSecret,
      logger: silentLogger,
    });
    assert.equal(await other.cas.openSession(sealed), undefined, 'another secret opens nothing');
  });
});

describe('a service made without the hand-off secrets and keys', () => {
  const bare = () => createGarService({ store: createMemoryStore(), issuer: ISSUER, logger: silentLogger });

  it('cannot hand off, and says so with a typed error', async () => {
    const service = bare();
    assert.equal(service.handoff.canHandOff(), false);
    await assert.rejects(
      service.handoff.handOff({ entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_MATHS }),
      unconfigured,
    );
    await assert.rejects(service.handoff.readLaunchState('x'), unconfigured);
    await assert.rejects(service.handoff.jwks(), unconfigured);
    await assert.rejects(service.cas.openSession('x'), unconfigured);
    assert.throws(() => createHandoffRoutes({ service }), unconfigured);
  });

  it('still answers what needs no secret', async () => {
    const service = bare();
    assert.equal(await service.cas.casResourceForService(CAS_SERVICE), undefined);
    assert.deepEqual(
      await service.handoff.listGarResources(ENTA_CLIENT, { entId: 'ENTA', uai: S1, personId: 'eleve-a' }),
      {
        ok: false,
        reason: 'unknown_school',
      },
    );
  });

  it('refuses a pseudonym secret under 32 bytes, counted in bytes', () => {
    assert.equal(MIN_SECRET_BYTES, 32);
    const make = (pseudonymSecret: string | Uint8Array) =>
      createGarService({ store: createMemoryStore(), issuer: ISSUER, logger: silentLogger, pseudonymSecret });
    const short = (e: unknown) => e instanceof ServiceConfigError && e.code === 'secret-too-short';
    assert.throws(() => make(new Uint8Array(31)), short);
    assert.throws(() => make('é'.repeat(15)), short, '30 bytes in UTF-8');
    assert.equal(make('é'.repeat(16)).handoff.canHandOff(), false, '32 bytes, but no statistics secret nor keys');
    assert.doesNotThrow(() => make(new Uint8Array(32)));
  });
});
