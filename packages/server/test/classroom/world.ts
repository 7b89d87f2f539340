// The classroom world: the allocation world (6A of 12 pupils at S1, INDIV-10 for maths) where prof-a (« M. Martin »)
// teaches 6A and LATIN, LATIN holds p01–p03, pupils p01–p06 hold a maths copy, and prof-b teaches 5B at S2 (ENT B).
import type { Actor } from '../../src/index.js';
import { HEAD_A, pupil, S1, S2, SYSTEM } from '../helpers/fixtures.js';
import { type AllocationWorld, buildWorld } from '../helpers/world.js';

export const TEACHER_A: Actor = { kind: 'ent-user', entId: 'ENTA', personId: 'prof-a' };
export const TEACHER_B: Actor = { kind: 'ent-user', entId: 'ENTB', personId: 'prof-b' };
export const PUPIL = (i: number): Actor => ({ kind: 'ent-user', entId: 'ENTA', personId: pupil(i) });

export async function buildClassroomWorld(pupils = 12): Promise<AllocationWorld> {
  const w = await buildWorld({ data: 'allocation', pupils });
  await w.service.directory.putPerson(SYSTEM, {
    entId: 'ENTA',
    id: 'prof-a',
    lastName: 'Martin',
    firstName: 'Paul',
    civility: 'M.',
    email: 'paul.martin@ent-a.test',
    profiles: [{ uai: S1, profile: 'National_ens' }],
  });
  await w.service.directory.putPerson(SYSTEM, {
    entId: 'ENTB',
    id: 'prof-b',
    lastName: 'Prof',
    firstName: 'B',
    profiles: [{ uai: S2, profile: 'National_ens' }],
  });
  await w.service.directory.putPerson(SYSTEM, {
    entId: 'ENTA',
    id: 'head-a',
    lastName: 'Chef',
    firstName: 'Anne',
    email: 'anne.chef@ent-a.test',
    profiles: [{ uai: S1, profile: 'National_dir' }],
  });
  await w.service.directory.putGroup(SYSTEM, 'ENTB', { uai: S2, code: '5B', label: '5e B', status: 'DIVISION' });
  await w.store.putTeachings([
    { uai: S1, personId: 'prof-a', groupCode: '6A', subject: '020700' },
    { uai: S1, personId: 'prof-a', groupCode: 'LATIN', subject: '020400' },
    { uai: S2, personId: 'prof-b', groupCode: '5B', subject: '020700' },
  ]);
  for (let i = 1; i <= Math.min(3, pupils); i++)
    await w.service.directory.putMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: 'LATIN', personId: pupil(i) });
  await w.service.allocation.allocate(HEAD_A, S1, {
    subscriptionId: 'INDIV-10',
    targets: Array.from({ length: Math.min(6, pupils) }, (_, i) => ({
      kind: 'person' as const,
      personId: pupil(i + 1),
    })),
  });
  return w;
}
