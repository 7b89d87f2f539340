// The national bench's measured school, the same on every database: the tests' S1 of ENT A (the allocation world,
// 125 pupils in division 6A) and 25 more resources held by the pupil `eleve-a` (the statement budgets' world,
// docs/architecture.md). Four operations are timed in blocks: the médiacentre listing, a hand-off, an allocation
// preview and an allocation of the division (each on a new unlimited subscription, removed after its block so that
// every block starts from the same rows).
import type { AllocationTarget } from '@opengar/core';
import type { AdminClient } from './national-plans.js';
import type { Store } from '../../packages/server/src/store/types.js';
import { HEAD_A, R_MATHS, S1, copy, resource, subscription } from '../../packages/server/test/helpers/fixtures.js';
import { buildWorld } from '../../packages/server/test/helpers/world.js';

export type Op = 'listing' | 'handoff' | 'preview' | 'allocation';
export const OPS: Op[] = ['listing', 'handoff', 'preview', 'allocation'];
const SIZE = 125; // pupils of the measured school's division

/** Builds the measured school in `store` and returns how to time its operations (`admin` tidies the bench's rows). */
export async function measuredSchool(store: Store, admin: AdminClient) {
  const w = await buildWorld({ data: 'allocation', pupils: SIZE, store, handoff: true });
  for (let i = 0; i < SIZE / 5; i++) {
    const id = `ark:/99999/r${i}`;
    await store.putResource(resource({ id }));
    await store.insertSubscription(subscription({ id: `ABO-R${i}`, resourceId: id }));
    await store.insertCopies([copy({ subscriptionId: `ABO-R${i}`, personId: 'eleve-a' })]);
  }
  const unlimited = (id: string) => subscription({ id, licences: { kind: 'global', count: 'ILLIMITE' } });
  await store.insertSubscription(unlimited('ILLIMITE-P'));
  const user = { kind: 'ent-user', entId: 'ENTA', personId: 'eleve-a' } as const;
  const targets: AllocationTarget[] = [{ kind: 'division', code: '6A' }];
  let allocations = 0;
  const run: Record<Op, (id?: string) => Promise<() => Promise<void>>> = {
    listing: async () => async () => {
      const m = await w.service.mediacentre.resources(user, { uai: S1 });
      if (m.resources.length < SIZE / 5) throw new Error('the listing lost resources');
    },
    handoff: async () => async () => {
      const r = await w.service.handoff.handOff({ entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_MATHS });
      if (!r.ok) throw new Error(`hand-off refused: ${r.reason}`);
    },
    preview: async () => async () => {
      await w.service.allocation.preview(HEAD_A, S1, { subscriptionId: 'ILLIMITE-P', targets });
    },
    allocation: async (id = `ALLOC-${++allocations}`) => {
      await store.insertSubscription(unlimited(id));
      return async () => {
        const r = await w.service.allocation.allocate(HEAD_A, S1, { subscriptionId: id, targets });
        if (r.granted.length !== SIZE) throw new Error(`allocation granted ${r.granted.length}`);
      };
    },
  };
  return {
    /** One call of `op`, set up (an allocation's subscription `id`, or a new one) and ready to run. */
    prepare: (op: Op, id?: string) => run[op](id),
    /** Removes the bench's allocations and copies (their subscriptions stay), or with `all` the subscriptions too. */
    tidy: (all = true) => tidy(admin, all),
    /** One timed call of `op` (its setup, such as a new subscription, untimed), in ms. */
    async once(op: Op): Promise<number> {
      const call = await run[op]();
      const t = performance.now();
      await call();
      return performance.now() - t;
    },
    /** `n` timed calls of `op`, then the allocations' rows removed; durations in ms. */
    async block(op: Op, n: number): Promise<number[]> {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(await this.once(op));
      if (op === 'allocation') await tidy(admin);
      return out;
    },
  };
}

/** Removes the bench's allocations, their copies and (with `all`) subscriptions, and vacuums: untimed, between blocks. */
async function tidy(admin: AdminClient, all = true): Promise<void> {
  await admin.query(`DELETE FROM licence_copies WHERE subscription_id LIKE 'ALLOC-%'`);
  await admin.query(`DELETE FROM allocations WHERE subscription_id LIKE 'ALLOC-%'`);
  if (all) await admin.query(`DELETE FROM subscriptions WHERE id LIKE 'ALLOC-%'`);
  // Without it the dead rows would linger until autovacuum came by, at a different moment in each database: the next
  // blocks' index scans (the listing reads the pupil's copies) would walk them.
  await admin.query('VACUUM licence_copies, allocations, subscriptions');
}
