import type { LicenceCopy } from '@opengar/core';
import type { AuditEntry, StoreOps } from '../store/types.js';
import type { SchoolRole } from './allocation-access.js';
import { AllocationRuleError } from './allocation-rule-error.js';
import { lockSchoolSubscription, restore } from './allocation-engine.js';
import { grantDelegationIn, revokeDelegationIn } from './delegation-rules.js';
import { checkWithdrawal } from '@opengar/core';
import { randomId } from '../kernel/crypto.js';
import { GarServiceError } from '../kernel/errors.js';

/** The actions an undo can reverse. */
export const UNDOABLE: ReadonlySet<string> = new Set([
  'allocation.create',
  'allocation.withdraw',
  'allocation.move',
  'delegation.grant',
  'delegation.revoke',
]);

interface Granted {
  subscriptionId: string;
  allocationIds: string[];
  assignedAt: string;
  granted: Pick<LicenceCopy, 'personId' | 'allocationId'>[];
}
interface Removed {
  subscriptionId: string;
  allocationId?: string;
  copies: LicenceCopy[];
}

function isGranted(v: unknown): v is Granted {
  const g = v as Partial<Granted> | null;
  return (
    typeof g === 'object' &&
    g !== null &&
    typeof g.subscriptionId === 'string' &&
    typeof g.assignedAt === 'string' &&
    Array.isArray(g.allocationIds) &&
    g.allocationIds.every((x) => typeof x === 'string') &&
    Array.isArray(g.granted) &&
    g.granted.every((c) => typeof c?.personId === 'string' && typeof c.allocationId === 'string')
  );
}

function isRemoved(v: unknown): v is Removed {
  const r = v as Partial<Removed> | null;
  return typeof r === 'object' && r !== null && typeof r.subscriptionId === 'string' && Array.isArray(r.copies);
}

/** An audit entry's record, checked before an undo trusts it (entries written by older versions may differ). */
function recorded<T>(value: unknown, check: (v: unknown) => v is T): T {
  if (!check(value))
    throw new GarServiceError('conflict', 'this change did not record what an undo needs: it cannot be undone');
  return value;
}

/** Takes back the copies and allocations a grant made; refused when a copy can no longer be withdrawn. */
async function ungrant(tx: StoreOps, uai: string, g: Granted, at: string): Promise<void> {
  const sub = await lockSchoolSubscription(tx, uai, g.subscriptionId);
  const mine = new Set(g.allocationIds);
  for (const id of g.allocationIds) {
    const a = await tx.getAllocation(id);
    if (a && a.archivedAt === undefined) await tx.archiveAllocation(id, at);
  }
  const current = new Map((await tx.listCopies({ subscriptionId: sub.id })).map((c) => [c.personId, c]));
  const back: string[] = [];
  for (const c of g.granted) {
    const now = current.get(c.personId);
    if (!now || now.assignedAt !== g.assignedAt || (now.allocationId !== c.allocationId && !mine.has(now.allocationId)))
      continue;
    const ok = checkWithdrawal(sub, now);
    if (!ok.ok) {
      throw new AllocationRuleError(
        'not-withdrawable',
        'a copy this change gave was opened and is not transferable: it cannot be taken back',
        {
          personId: c.personId,
          openedAt: ok.openedAt,
        },
      );
    }
    back.push(c.personId);
  }
  if (back.length > 0) await tx.deleteCopies(sub.id, back);
}

/** Gives back copies a withdrawal took (and its allocation); refused when the pools no longer hold them. */
async function unrelease(tx: StoreOps, role: SchoolRole, r: Removed): Promise<void> {
  const sub = await lockSchoolSubscription(tx, role.school.uai, r.subscriptionId);
  if (r.allocationId !== undefined) {
    const a = await tx.getAllocation(r.allocationId);
    if (a && a.archivedAt !== undefined) await tx.unarchiveAllocation(a.id);
  }
  await restore(tx, sub, role.school, r.copies);
}

/**
 * Reverses one audit entry of the school, inside the caller's transaction, and audits the undo.
 *
 * @throws {@link GarServiceError} `not-found`, `conflict` (already undone, too old, not undoable), `forbidden`
 * (a delegate undoing a delegation change), or the rule error that now forbids it.
 */
export async function undoEntry(
  tx: StoreOps,
  role: SchoolRole,
  auditId: string,
  now: Date,
  windowMs: number,
): Promise<string> {
  const entry = await tx.getAudit(auditId);
  const uai = role.school.uai;
  if (!entry || entry.uai !== uai) throw new GarServiceError('not-found', 'no such audit entry at this school');
  if (!UNDOABLE.has(entry.action)) throw new GarServiceError('conflict', 'this change cannot be undone');
  if (entry.undoneBy !== undefined) throw new GarServiceError('conflict', 'this change was already undone');
  if (now.getTime() - Date.parse(entry.at) > windowMs)
    throw new GarServiceError('conflict', 'this change is too old to be undone');
  const at = now.toISOString();
  switch (entry.action) {
    case 'allocation.create':
      await ungrant(tx, uai, recorded(entry.after, isGranted), at);
      break;
    case 'allocation.withdraw':
      await unrelease(tx, role, recorded(entry.before, isRemoved));
      break;
    case 'allocation.move':
      await ungrant(tx, uai, recorded(entry.after, isGranted), at);
      await unrelease(tx, role, recorded(entry.before, isRemoved));
      break;
    case 'delegation.grant':
    case 'delegation.revoke': {
      if (role.role !== 'manager') throw new GarServiceError('forbidden', 'only managers change delegations');
      if (entry.action === 'delegation.grant') await revokeDelegationIn(tx, uai, entry.subjectId, at);
      else await grantDelegationIn(tx, role.school, entry.subjectId, role.person.id, at);
      break;
    }
  }
  const id = randomId();
  const undo: AuditEntry = {
    id,
    at,
    uai,
    actor: role.person.id,
    action: 'undo',
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    before: { auditId: entry.id, action: entry.action },
  };
  await tx.appendAudit(undo);
  await tx.markAuditUndone(entry.id, id);
  return id;
}
