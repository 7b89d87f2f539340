import {
  countByAudience,
  targetKey,
  type AllocateRequest,
  type AllocationResult,
  type Candidate,
  type LicenceCopy,
  type School,
} from '@opengar/core';
import type { AuditEntry, StoredAllocation, StoreOps } from '../store/types.js';
import { planGrant, schoolSubscription } from './allocation-engine.js';
import { auditRecordEntry } from './audit.js';
import { actorName } from '../kernel/authorize.js';
import type { ServiceContext } from '../kernel/context.js';
import { randomId } from '../kernel/crypto.js';
import { GroupCommit, type Settled } from './group-commit.js';
import type { Actor } from '../kernel/types.js';

/** An allocation request checked before the lock (role, subscription, targets), waiting for its batch. */
export interface QueuedAllocation {
  actor: Actor;
  uai: string;
  req: AllocateRequest;
  school: School;
  /** The people each target covers, read before the lock. */
  expanded: Candidate[][];
}

/** Requests of one subscription decided in one transaction at most (a burst of a school's morning: a few batches). */
const MAX_BATCH = 100;

/**
 * Group commit of allocations: the requests of one subscription queued while its previous batch holds the lock are
 * taken together into one transaction. It locks the subscription once, reads its copies and allocations once, decides
 * each request in arrival order with the rules of one at a time ({@link planGrant}, each all or nothing: one that does
 * not fit gets its own refusal and takes nothing), then writes the copies in one statement and one audit entry per
 * accepted request. A burst of 200 requests thus waits on a few lock turns instead of 200.
 *
 * @example
 * ```ts
 * const batches = allocationBatches(ctx);
 * const result = await batches.submit(queued.req.subscriptionId, queued);
 * ```
 */
export function allocationBatches(ctx: ServiceContext): GroupCommit<QueuedAllocation, AllocationResult> {
  const { store, clock } = ctx;
  return new GroupCommit<QueuedAllocation, AllocationResult>(
    (subscriptionId, inputs) =>
      store.transaction((tx) => decide(tx, subscriptionId, inputs, () => clock.now().toISOString()), {
        queueKey: `subscription:${subscriptionId}`,
      }),
    MAX_BATCH,
  );
}

async function decide(
  tx: StoreOps,
  subscriptionId: string,
  inputs: readonly QueuedAllocation[],
  now: () => string,
): Promise<Settled<AllocationResult>[]> {
  const locked = await tx.lockSubscription(subscriptionId);
  const copies: LicenceCopy[] = locked ? await tx.listCopies({ subscriptionId }) : [];
  const active = locked ? await activeAllocations(tx, subscriptionId, inputs) : new Map<string, StoredAllocation>();
  const newAllocations: StoredAllocation[] = [];
  const newCopies: LicenceCopy[] = [];
  const audit: AuditEntry[] = [];
  const results = inputs.map(({ actor, uai, req, school, expanded }): Settled<AllocationResult> => {
    try {
      const sub = schoolSubscription(locked, uai);
      const at = now();
      const by = actorName(actor);
      const out = planGrant({ sub, school, targets: req.targets, expanded, copies, active, by, at });
      // Accepted: the next requests of the batch see its copies and allocations, as they would one at a time.
      for (const a of out.allocations) {
        if (!out.created.includes(a.id)) continue;
        newAllocations.push(a);
        active.set(targetKey(a.target), a);
      }
      copies.push(...out.granted);
      newCopies.push(...out.granted);
      const auditId = randomId();
      const granted = out.granted.map((c) => ({
        personId: c.personId,
        allocationId: c.allocationId,
        audience: c.audience,
      }));
      audit.push(
        auditRecordEntry(
          { id: auditId, at, actor: by, uai, subjectType: 'allocation', subjectId: sub.id },
          {
            v: 2,
            kind: 'allocate',
            subscriptionId: sub.id,
            targets: req.targets,
            allocationIds: out.created,
            assignedAt: at,
            granted,
            counts: countByAudience(out.granted),
          },
        ),
      );
      return {
        ok: true,
        value: {
          auditId,
          allocationIds: out.allocations.map((a) => a.id),
          granted: out.granted.map((c) => c.personId),
          alreadyHolding: out.alreadyHolding,
          released: [],
          kept: [],
        },
      };
    } catch (error) {
      return { ok: false, error };
    }
  });
  if (newAllocations.length > 0) await tx.insertAllocations(newAllocations);
  if (newCopies.length > 0) await tx.insertCopies(newCopies);
  if (audit.length > 0) await tx.appendAuditEntries(audit);
  return results;
}

/** The subscription's active allocations by target; only the one target's when the whole batch names one. */
async function activeAllocations(
  tx: StoreOps,
  subscriptionId: string,
  inputs: readonly QueuedAllocation[],
): Promise<Map<string, StoredAllocation>> {
  const targets = new Map(inputs.flatMap((i) => i.req.targets.map((t) => [targetKey(t), t] as const)));
  const only = targets.size === 1 ? [...targets.values()][0] : undefined;
  const rows = await tx.listAllocations(only ? { subscriptionId, target: only } : { subscriptionId });
  return new Map(rows.map((a) => [targetKey(a.target), a]));
}
