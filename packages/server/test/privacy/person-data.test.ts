// The operator's access export and erasure report, through the service and over HTTP: what a person's export holds,
// what is left after the erasure (only what the rules keep), escaping in the page, and that nobody else may ask.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GarServiceError } from '../../src/index.js';
import { R_DICO, S1, person } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

const OPERATOR = { kind: 'operator', operatorId: 'op-1' } as const;
/** What an erasure keeps, by rule: the audit trail and the records of allocations under a pseudonym, and access
 * events under the statistics pseudonym until they expire. */
const KEPT = new Set(['audit_entries', 'allocations', 'delegations', 'handoff_events', 'stats_people']);

async function world() {
  const w = await buildWorld({ data: 'allocation', handoff: true });
  // A hand-off, so that the person has access events; a favourite; a hostile name for the page.
  const handed = await w.service.handoff.handOff({ entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_DICO });
  assert.ok(handed.ok);
  await w.service.mediacentre.setFavourites(
    { kind: 'ent-user', entId: 'ENTA', personId: 'eleve-a' },
    { resourceIds: [R_DICO] },
  );
  const lea = await w.store.getPerson('ENTA', 'eleve-a');
  assert.ok(lea);
  await w.store.putPerson({ ...lea, lastName: '<script>alert(1)</script>' });
  return w;
}

const nonEmpty = (tables: { table: string; rows: unknown[] }[]) =>
  tables.filter((t) => t.rows.length > 0).map((t) => t.table);

describe('access export (droit d’accès)', () => {
  it('gives every table holding the person, with their access events', async () => {
    const w = await world();
    const data = await w.service.privacy.exportPerson(OPERATOR, 'ENTA', 'eleve-a');
    const found = nonEmpty(data.tables);
    for (const t of ['people', 'person_schools', 'memberships', 'licence_copies', 'favourites', 'handoff_events'])
      assert.ok(found.includes(t), `${t} missing from ${found.join(', ')}`);
    assert.equal(data.handoffRetentionMonths, 13);
    assert.deepEqual(
      data.notSearched.map((s) => s.reason),
      data.notSearched.map(() => 'transient'),
    );
    const events = data.tables.find((t) => t.table === 'handoff_events')?.rows ?? [];
    assert.ok(
      events.every((e) => !JSON.stringify(e).includes('eleve-a')),
      'events carry only the pseudonym',
    );
  });

  it('after the erasure, only what the rules keep is left, under pseudonyms', async () => {
    const w = await world();
    const report = await w.service.privacy.erasePerson(OPERATOR, 'ENTA', 'eleve-a');
    assert.match(report.pseudonym, /^erased:[0-9a-f]{24}$/);
    assert.ok(nonEmpty(report.before.tables).includes('people'));
    const left = nonEmpty(report.after.tables);
    assert.deepEqual(
      left.filter((t) => !KEPT.has(t)),
      [],
      `left: ${left.join(', ')}`,
    );
    assert.ok(left.includes('handoff_events'));
    const rows = JSON.stringify(report.after.tables.map((t) => t.rows));
    assert.ok(
      !rows.includes('"eleve-a"') && !rows.includes('Durand') && !rows.includes('alert(1)'),
      rows.slice(0, 400),
    );
    // The export of the erased person says the same later on.
    const later = await w.service.privacy.exportPerson(OPERATOR, 'ENTA', 'eleve-a');
    assert.deepEqual(nonEmpty(later.tables), left);
    await assert.rejects(w.service.privacy.erasePerson(OPERATOR, 'ENTA', 'eleve-a'), (e: unknown) => {
      return e instanceof GarServiceError && e.code === 'not-found';
    });
  });

  it('is refused to everyone but the operator', async () => {
    const w = await world();
    const callers = [
      { kind: 'ent-user', entId: 'ENTA', personId: 'head-a' },
      { kind: 'ent-user', entId: 'ENTA', personId: 'eleve-a' },
      { kind: 'ent-client', entId: 'ENTA' },
      { kind: 'publisher', publisherId: 'X', distributorIds: ['X_0000000000000001'] },
    ] as const;
    for (const actor of callers) {
      for (const call of [w.service.privacy.exportPerson, w.service.privacy.erasePerson])
        await assert.rejects(
          call(actor, 'ENTA', 'eleve-a'),
          (e: unknown) => e instanceof GarServiceError && e.code === 'forbidden',
          `${actor.kind} was let in`,
        );
    }
    assert.ok(await w.store.getPerson('ENTA', 'eleve-a'), 'nobody erased the person');
    await assert.rejects(
      w.service.privacy.exportPerson(OPERATOR, 'NOPE', 'eleve-a'),
      (e: unknown) => e instanceof GarServiceError && e.code === 'not-found',
    );
  });
});

describe('HTTP: /api/v1/admin/people/{entId}/{personId}/data and /erasure', () => {
  it('answers JSON and an escaped printable page to the operator, 401 to anyone else', async () => {
    const w = await world();
    const op = { authorization: `Bearer ${w.operatorSecret}` };
    const json = await w.app.request('/api/v1/admin/people/ENTA/eleve-a/data', { headers: op });
    assert.equal(json.status, 200);
    assert.ok(((await json.json()) as { tables: unknown[] }).tables.length > 10);
    const page = await w.app.request('/api/v1/admin/people/ENTA/eleve-a/data?format=html&lang=en', { headers: op });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const text = await page.text();
    assert.ok(text.includes('&lt;script&gt;alert(1)&lt;/script&gt;') && !text.includes('<script>'), 'escaped');
    assert.match(text, /<html lang="en">/);
    assert.match(text, /Data held about eleve-a/);
    for (const auth of [undefined, `Bearer ${w.apiKeyX}`, `Bearer ${await w.assertion({ sub: 'head-a' })}`]) {
      const r = await w.app.request(
        '/api/v1/admin/people/ENTA/eleve-a/data',
        auth ? { headers: { authorization: auth } } : {},
      );
      assert.equal(r.status, 401, `${auth?.slice(0, 12)} got ${r.status}`);
    }
  });

  it('refuses a bad format before erasing anything, then erases with a French report page', async () => {
    const w = await world();
    const op = { authorization: `Bearer ${w.operatorSecret}` };
    const bad = await w.app.request('/api/v1/admin/people/ENTA/eleve-a/erasure?format=pdf', {
      method: 'POST',
      headers: op,
    });
    assert.equal(bad.status, 400);
    assert.ok(await w.store.getPerson('ENTA', 'eleve-a'), 'not erased');
    const done = await w.app.request('/api/v1/admin/people/ENTA/eleve-a/erasure?format=html', {
      method: 'POST',
      headers: op,
    });
    assert.equal(done.status, 200);
    const text = await done.text();
    assert.match(text, /Après l’effacement/);
    assert.ok(!text.includes('<script>'));
    assert.equal(await w.store.getPerson('ENTA', 'eleve-a'), undefined);
  });
});

void person;
