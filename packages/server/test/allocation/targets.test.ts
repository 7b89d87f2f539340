// Targets with a population, levels and subject teachers through the service and HTTP: pupils unless asked, the
// preview per audience, refusals with their ways out, and the dashboard's suggestions — the same as the e-mail's —
// accepted at once, each an ordinary allocation that can be undone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptSuggestionsResultSchema, allocationPreviewSchema } from '@opengar/core';
import { scanAlerts, NEW_SUBSCRIPTIONS_WATERMARK } from '../../src/notifications/scan-alerts.js';
import { assertProblem } from '../http/helpers.js';
import { HEAD_A, PROF_A, R_MATHS, S1, SYSTEM, pupil } from '../helpers/fixtures.js';
import { buildWorld, failure, holders, type AllocationWorld } from '../helpers/world.js';

const BASE = `/api/v1/schools/${S1}`;

async function world(pupils = 4): Promise<AllocationWorld> {
  const w = await buildWorld({ data: 'allocation', pupils });
  await w.service.directory.putMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: '6A', personId: 'prof-a' });
  await w.store.putSubjects([{ uai: S1, code: '020700', label: 'FRANCAIS' }]);
  await w.store.putTeachings([{ uai: S1, groupCode: '6A', personId: 'prof-a', subject: '020700' }]);
  await w.store.putResource({
    ...(await w.store.getResource(R_MATHS))!,
    levels: [{ uri: 'http://data.education.fr/voc/scolomfr/concept/6e', nom: '6e' }],
    teachingDomains: [{ uri: 'http://data.education.fr/voc/scolomfr/concept/francais', nom: 'Français' }],
  });
  return w;
}

async function headers(w: AllocationWorld) {
  return {
    authorization: `Bearer ${await w.assertion({ sub: 'head-a', uai: S1 })}`,
    'content-type': 'application/json',
  };
}

describe('targets with a population', () => {
  it('gives a class to its pupils, and to its teachers only when asked', async () => {
    const w = await world(3);
    const pupils = [pupil(1), pupil(2), pupil(3)];
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A' }],
    });
    assert.deepEqual(await holders(w.store, 'INDIV-10'), pupils);
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A', audiences: ['ENSEIGNANT'] }],
    });
    assert.deepEqual(await holders(w.store, 'INDIV-10'), [...pupils, 'prof-a'].sort());
    const list = await w.service.allocation.allocations(HEAD_A, S1, { subscriptionId: 'INDIV-10' });
    assert.deepEqual(
      list.map((a) => a.target).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      [
        { kind: 'division', code: '6A', audiences: ['ENSEIGNANT'] },
        { kind: 'division', code: '6A' },
      ],
    );
  });

  it('gives a level and a subject’s teachers, and refuses a level or a division the school does not have', async () => {
    const w = await world(3);
    const r = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [
        { kind: 'level', mefStat4: '1001' },
        { kind: 'subjectTeachers', subject: '020700', divisions: ['6A'] },
      ],
    });
    assert.deepEqual([...r.granted].sort(), [pupil(1), pupil(2), pupil(3), 'prof-a'].sort());
    assert.equal(
      (
        await failure(
          w.service.allocation.allocate(HEAD_A, S1, {
            subscriptionId: 'INDIV-10',
            targets: [{ kind: 'level', mefStat4: '1011' }],
          }),
        )
      ).code,
      'validation',
    );
    assert.equal(
      (
        await failure(
          w.service.allocation.allocate(HEAD_A, S1, {
            subscriptionId: 'INDIV-10',
            targets: [{ kind: 'subjectTeachers', subject: '020700', divisions: ['9Z'] }],
          }),
        )
      ).code,
      'validation',
    );
  });

  it('previews per audience, and a refusal says the way out in the problem', async () => {
    const w = await world(4);
    const sub = (await w.store.getSubscription('INDIV-10'))!;
    await w.store.updateSubscription({
      ...sub,
      licences: { kind: 'perAudience', counts: { ELEVE: 10, ENSEIGNANT: 0, DOCUMENTALISTE: 0, 'AUTRE PERSONNEL': 0 } },
    });
    const body = JSON.stringify({
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A', audiences: ['ELEVE', 'ENSEIGNANT'] }],
    });
    const preview = allocationPreviewSchema.parse(
      await (
        await w.app.request(`${BASE}/allocations/preview`, { method: 'POST', headers: await headers(w), body })
      ).json(),
    );
    assert.deepEqual(
      preview.audiences.map((a) => [a.audience, a.people, a.takes, a.remainingAfter]),
      [
        ['ELEVE', 4, 4, 6],
        ['ENSEIGNANT', 1, 1, -1],
      ],
    );
    assert.equal(preview.refusal?.code, 'insufficient-licences');
    assert.deepEqual(preview.refusal?.advice, [{ kind: 'only-audience', audience: 'ELEVE', takes: 4 }]);
    const res = await w.app.request(`${BASE}/allocations`, { method: 'POST', headers: await headers(w), body });
    const problem = await assertProblem(res, 409, 'insufficient-licences');
    assert.deepEqual(problem['advice'], [{ kind: 'only-audience', audience: 'ELEVE', takes: 4 }]);
    assert.deepEqual(await holders(w.store, 'INDIV-10'), []);
  });
});

describe('suggestions', () => {
  it('suggests the 6e pupils and the French teachers of the 6e classes, the same as the e-mail, and accepts them all', async () => {
    const w = await world(4);
    const d = await w.service.allocation.dashboard(HEAD_A, S1);
    const mine = d.suggestions.filter((s) => s.subscriptionId === 'ETABL-5');
    assert.deepEqual(
      mine.map((s) => [s.target, s.text]),
      [
        [{ kind: 'level', mefStat4: '1001' }, 'Tous les élèves de 6e (4\u00a0licences)'],
        [
          { kind: 'subjectTeachers', subject: '020700', divisions: ['6A'] },
          'Les enseignants de FRANCAIS des classes 6e A (1\u00a0licence)',
        ],
      ],
    );
    assert.ok(d.suggestions.every((s) => !/\blevel\b/.test(s.text)));

    // The new-subscription e-mail carries exactly the dashboard's suggestions.
    await w.store.putSetting(NEW_SUBSCRIPTIONS_WATERMARK, '2000-01-01T00:00:00.000Z');
    await scanAlerts(w.store, { at: w.clock.now(), mode: 'immediate' });
    const mail = (await w.store.listNotifications({ uai: S1, recipientId: 'head-a' })).find(
      (n) => n.kind === 'subscription.new' && n.data['subscriptionId'] === 'ETABL-5',
    );
    assert.equal(mail?.data['suggestion'], mine.map((s) => s.text).join('\u00a0; '));

    const res = await w.app.request(`${BASE}/suggestions/accept`, {
      method: 'POST',
      headers: await headers(w),
      body: JSON.stringify({ subscriptionId: 'ETABL-5' }),
    });
    assert.equal(res.status, 200);
    const accepted = acceptSuggestionsResultSchema.parse(await res.json()).items;
    assert.equal(accepted.length, 2);
    assert.ok(accepted.every((i) => i.auditId && !i.refusal));
    assert.deepEqual(await holders(w.store, 'ETABL-5'), [pupil(1), pupil(2), pupil(3), pupil(4), 'prof-a'].sort());
    // Each is an ordinary allocation: undoing the teachers' leaves the pupils'.
    await w.service.allocation.undo(HEAD_A, S1, accepted[1]!.auditId!);
    assert.deepEqual(await holders(w.store, 'ETABL-5'), [pupil(1), pupil(2), pupil(3), pupil(4)]);
    const after = await w.service.allocation.dashboard(HEAD_A, S1);
    assert.equal(after.suggestions.filter((s) => s.subscriptionId === 'ETABL-5').length, 0);
  });

  it('never suggests pupils for a teachers-only resource, stays within the pool, and refuses what it must', async () => {
    const w = await world(8);
    const sub = (await w.store.getSubscription('INDIV-10'))!;
    await w.store.updateSubscription({ ...sub, audiences: ['ENSEIGNANT'] });
    const etabl = (await w.store.getSubscription('ETABL-5'))!;
    const d = await w.service.allocation.dashboard(HEAD_A, S1);
    assert.deepEqual(
      d.suggestions.filter((s) => s.subscriptionId === 'INDIV-10').map((s) => s.audience),
      ['ENSEIGNANT'],
    );
    // ETABL-5 holds 5 pupils: the 8 of the 6e do not fit, so neither the level nor its one class is suggested.
    assert.ok(d.suggestions.filter((s) => s.subscriptionId === etabl.id).every((s) => s.audience !== 'ELEVE'));
    assert.equal((await failure(w.service.allocation.acceptSuggestions(PROF_A, S1, {}))).code, 'forbidden');
    assert.equal(
      (await failure(w.service.allocation.acceptSuggestions(HEAD_A, S1, { subscriptionId: 'NOPE' }))).code,
      'not-found',
    );
    assert.equal((await failure(w.service.allocation.acceptSuggestions(HEAD_A, S1, { extra: 1 }))).code, 'validation');
  });
});

describe('people identifiable', () => {
  it('lists each person with their class, and homonyms with the end of their identifier', async () => {
    const w = await world(2);
    for (const id of ['twin-0001', 'twin-0002'])
      await w.service.directory.putPerson(SYSTEM, {
        entId: 'ENTA',
        id,
        lastName: 'Benali',
        firstName: 'Corentin',
        profiles: [{ uai: S1, profile: 'National_elv' }],
      });
    await w.service.directory.putMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: '6A', personId: 'twin-0001' });
    const page = await w.service.allocation.directory(HEAD_A, S1, { search: 'benali', kind: 'person' });
    assert.deepEqual(
      page.people.map((p) => [p.id, p.classes, p.detail]),
      [
        ['twin-0001', ['6e A'], '…0001'],
        ['twin-0002', [], '…0002'],
      ],
    );
    const one = await w.service.allocation.directory(HEAD_A, S1, { personIds: pupil(1) });
    assert.deepEqual([one.people[0]!.classes, one.people[0]!.detail], [['6e A'], undefined]);
  });
});
