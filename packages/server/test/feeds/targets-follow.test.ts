// The feed keeps subjects and teachings; ETABL allocations to a level and to a subject's teachers follow the feed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedFiles, generateFeedModel, type FeedModel } from '@opengar/test-support';
import type { StoredSubscription } from '../../src/store/index.js';
import { sources } from './feed-sources.js';
import { FEED_ENT as ENT, SYSTEM as system } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

function subscription(id: string, uai: string, over: Partial<StoredSubscription>): StoredSubscription {
  return {
    id,
    distributorId: 'D_0000000000000001',
    resourceId: `ark:/1/${id}`,
    resourceIdType: 'ark',
    resourceLabel: id,
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2027-08-15T21:59:59Z',
    uai,
    category: 'transferable',
    type: 'ETABL',
    licences: { kind: 'global', count: 100 },
    audiences: ['ELEVE', 'ENSEIGNANT'],
    automatic: false,
    createdAt: '2026-08-01T00:00:00Z',
    updatedAt: '2026-08-01T00:00:00Z',
    ...over,
  };
}

test('subjects and teachings are kept, and level and subject-teacher allocations follow the next feed', async () => {
  const { service, store, clock } = await buildWorld({ data: 'feed' });
  const model = generateFeedModel({ schools: 1, pupilsPerSchool: 112, pupilsPerDivision: 28 });
  const uai = model.schools[0]!.uai;
  assert.equal((await service.feeds.import(system, ENT, sources([...feedFiles(model)]))).run.status, 'applied');
  assert.deepEqual(await store.listSubjects(uai), [{ uai, code: '030201', label: 'ANGLAIS LV1' }]);
  const teachings = await store.listTeachings({ uai, subject: '030201' });
  const teacher = model.staff.find((s) => s.profile === 'National_ens' && s.divisions.length > 0)!;
  assert.deepEqual(
    teachings.filter((t) => t.personId === teacher.id).map((t) => t.groupCode),
    [...teacher.divisions].sort(),
  );

  // The head gives one subscription to the 6e pupils (a level) and to the English teachers of the teacher's classes.
  const head = {
    kind: 'ent-user',
    entId: ENT,
    personId: model.staff.find((s) => s.profile === 'National_dir')!.id,
  } as const;
  await store.insertSubscription(subscription('S', uai, {}));
  const sixth = model.pupils.filter((p) => p.division.startsWith('6')).map((p) => p.id);
  assert.ok(sixth.length > 0);
  const result = await service.allocation.allocate(head, uai, {
    subscriptionId: 'S',
    targets: [
      { kind: 'level', mefStat4: '1001' },
      { kind: 'subjectTeachers', subject: '030201', divisions: teacher.divisions },
    ],
  });
  assert.deepEqual([...result.granted].sort(), [...sixth, teacher.id].sort());
  const refused = service.allocation.allocate(head, uai, {
    subscriptionId: 'S',
    targets: [{ kind: 'level', mefStat4: '2021' }],
  });
  await assert.rejects(refused, (e: { code?: string }) => e.code === 'validation');

  // Next export: a 6e pupil moves to 5e, a 5e pupil to 6e, the teacher stops teaching English.
  const next: FeedModel = structuredClone(model);
  next.exportedAt = '20260908_060000';
  const mef = (label: string) => model.mefs.find((x) => x.label === label)!.code;
  const leaving = next.pupils.find((p) => p.id === sixth[0])!;
  const joining = next.pupils.find((p) => p.division.startsWith('5'))!;
  const fifthDivision = joining.division;
  joining.division = leaving.division;
  joining.mef = leaving.mef;
  leaving.division = fifthDivision;
  leaving.mef = mef('5EME');
  next.staff.find((s) => s.id === teacher.id)!.divisions = [];
  clock.set('2026-09-08T06:00:00Z');
  assert.equal((await service.feeds.import(system, ENT, sources([...feedFiles(next)]))).run.status, 'applied');
  const holders = (await store.listCopies({ subscriptionId: 'S' })).map((c) => c.personId).sort();
  const expected = [...sixth.filter((id) => id !== leaving.id), joining.id].sort();
  assert.deepEqual(
    holders,
    expected,
    'the level follows the pupils; the teacher who no longer teaches gives the copy back',
  );
  assert.deepEqual(await store.listTeachings({ uai, personId: teacher.id }), []);
});
