// The allocation world: the service fixtures' two ENTs, three schools and two publishers, plus a head of school at
// S1 and at S2, a RespAff manager, staff, a division of pupils with MEF, and subscriptions of every kind at S1.
import { createHttpApp, type Actor, type Store, type StoredSubscription } from '../../src/index.js';
import { R_MATHS, S1, S2, buildWorld, subscription, type World } from '../service/fixtures.js';

export { R_DICO, R_MATHS, R_OLD, S1, S2, S3 } from '../service/fixtures.js';

export const SYSTEM: Actor = { kind: 'system' };
export const HEAD_A: Actor = { kind: 'ent-user', entId: 'ENTA', personId: 'head-a' };
export const HEAD_B: Actor = { kind: 'ent-user', entId: 'ENTB', personId: 'head-b' };
export const RESP_A: Actor = { kind: 'ent-user', entId: 'ENTA', personId: 'respaff-a' };
export const DOC_A: Actor = { kind: 'ent-user', entId: 'ENTA', personId: 'doc-a' };
export const PROF_A: Actor = { kind: 'ent-user', entId: 'ENTA', personId: 'prof-a' };
export const PUPIL_A: Actor = { kind: 'ent-user', entId: 'ENTA', personId: 'eleve-a' };
export const X: Actor = { kind: 'publisher', publisherId: 'X', distributorIds: ['X_0000000000000001'] };
export const Y: Actor = { kind: 'publisher', publisherId: 'Y', distributorIds: ['Y_0000000000000001'] };

/** Pupils of division 6A at S1 (`p01`…), with the 6e MEF. */
export const pupil = (i: number) => `p${String(i).padStart(2, '0')}`;

export interface AllocationWorld extends World {
  app: ReturnType<typeof createHttpApp>;
}

/**
 * Builds the world. `pupils` pupils join 6A (MEF 6e); subscriptions at S1: `INDIV-10` (global 10, transferable, INDIV,
 * pupils and teachers), `ETABL-5` (5 pupil licences per audience, ETABL), `NT-5` (non transferable, INDIV, 5).
 */
export async function buildAllocationWorld(options: { store?: Store; pupils?: number } = {}): Promise<AllocationWorld> {
  const w = await buildWorld(options.store ? { store: options.store } : {});
  const s = w.service;
  await s.directory.putPerson(SYSTEM, {
    entId: 'ENTA',
    id: 'head-a',
    lastName: 'Chef',
    firstName: 'Anne',
    profiles: [{ uai: S1, profile: 'National_dir' }],
  });
  await s.directory.putPerson(SYSTEM, {
    entId: 'ENTA',
    id: 'respaff-a',
    lastName: 'Resp',
    firstName: 'Rémi',
    profiles: [{ uai: S1, profile: 'National_eta' }],
  });
  await s.directory.putPerson(SYSTEM, {
    entId: 'ENTA',
    id: 'doc-a',
    lastName: 'Doc',
    firstName: 'Inès',
    profiles: [{ uai: S1, profile: 'National_doc' }],
  });
  await s.directory.putPerson(SYSTEM, {
    entId: 'ENTB',
    id: 'head-b',
    lastName: 'Chef',
    firstName: 'Bruno',
    profiles: [{ uai: S2, profile: 'National_dir' }],
  });
  await w.store.putRespAff({ entId: 'ENTA', personId: 'respaff-a', uais: [S1] });
  await s.directory.putMef(SYSTEM, 'ENTA', { uai: S1, code: '10010012110', label: '6EME', mefStat11: '10010001110' });
  await s.directory.putGroup(SYSTEM, 'ENTA', { uai: S1, code: '6A', label: '6e A', status: 'DIVISION' });
  await s.directory.putGroup(SYSTEM, 'ENTA', { uai: S1, code: 'LATIN', label: 'Latin', status: 'GROUPE' });
  const n = options.pupils ?? 12;
  for (let i = 1; i <= n; i++) {
    await s.directory.putPerson(SYSTEM, {
      entId: 'ENTA',
      id: pupil(i),
      lastName: `Élève${i}`,
      firstName: 'Test',
      profiles: [{ uai: S1, profile: 'National_elv' }],
      mefs: [{ uai: S1, code: '10010012110' }],
    });
    await s.directory.putMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: '6A', personId: pupil(i) });
  }
  const at = w.clock.now().toISOString();
  const add = (sub: StoredSubscription) => w.store.insertSubscription({ ...sub, createdAt: at, updatedAt: at });
  await add(subscription('INDIV-10', S1, R_MATHS, { licences: { kind: 'global', count: 10 } }));
  await add(
    subscription('ETABL-5', S1, R_MATHS, {
      type: 'ETABL',
      audiences: ['ELEVE', 'ENSEIGNANT'],
      licences: {
        kind: 'perAudience',
        counts: { ELEVE: 5, ENSEIGNANT: 'ILLIMITE', DOCUMENTALISTE: 0, 'AUTRE PERSONNEL': 0 },
      },
    }),
  );
  await add(
    subscription('NT-5', S1, R_MATHS, { category: 'non transferable', licences: { kind: 'global', count: 5 } }),
  );
  return { ...w, app: createHttpApp(w.service) };
}

/** The error code a promise rejects with (`validation`, `conflict`…), and its problem code for licence rules. */
export async function failure(
  p: Promise<unknown>,
): Promise<{ code: string; problem?: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: string; problem?: string; details?: Record<string, unknown> };
    return { code: err.code, ...(err.problem ? { problem: err.problem, details: err.details } : {}) };
  }
  throw new Error('expected a failure');
}

/** Copies of a subscription, person ids sorted. */
export async function holders(store: Store, subscriptionId: string): Promise<string[]> {
  return (await store.listCopies({ subscriptionId })).map((c) => c.personId).sort();
}
