import {
  AUDIT_ACTIONS,
  countByAudience,
  readAuditRecord,
  UNDOABLE_KINDS,
  type AuditRecord,
  type LicenceCopy,
} from '@opengar/core';
import type { StoreOps } from '../store/types.js';
import { auditRecordEntry } from './audit.js';
import type { SchoolRole } from './allocation-access.js';
import { AllocationRuleError } from './allocation-rule-error.js';
import { lockSchoolSubscription, restore } from './allocation-engine.js';
import { grantDelegationIn, revokeDelegationIn } from './delegation-rules.js';
import { checkWithdrawal } from '@opengar/core';
import { randomId } from '../kernel/crypto.js';
import { GarServiceError } from '../kernel/errors.js';

/** The actions an undo can reverse. */
export const UNDOABLE: ReadonlySet<string> = new Set(UNDOABLE_KINDS.map((k) => AUDIT_ACTIONS[k]));

type Granted = Pick<
  Extract<AuditRecord, { kind: 'allocate' }>,
  'subscriptionId' | 'allocationIds' | 'assignedAt' | 'granted'
>;
type Removed = { subscriptionId: string; allocationId?: string | undefined; released: LicenceCopy[] };

/** What an undo did (or, previewed, would do): the copies it took back and gave back. */
export interface UndoOutcome {
  /** The undo's own audit entry. */
  auditId: string;
  /** The record of the entry undone. */
  record: Exclude<AuditRecord, { kind: 'undo' }>;
  took: LicenceCopy[];
  gave: LicenceCopy[];
}

/** Takes back the copies and allocations a grant made; refused when a copy can no longer be withdrawn. */
async function ungrant(tx: StoreOps, uai: string, g: Granted, at: string): Promise<LicenceCopy[]> {
  const sub = await lockSchoolSubscription(tx, uai, g.subscriptionId);
  const mine = new Set(g.allocationIds);
  for (const id of g.allocationIds) {
    const a = await tx.getAllocation(id);
    if (a && a.archivedAt === undefined) await tx.archiveAllocation(id, at);
  }
  const current = new Map((await tx.listCopies({ subscriptionId: sub.id })).map((c) => [c.personId, c]));
  const back: LicenceCopy[] = [];
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
    back.push(now);
  }
  if (back.length > 0)
    await tx.deleteCopies(
      sub.id,
      back.map((c) => c.personId),
    );
  return back;
}

/** Gives back copies a withdrawal took (and its allocation); refused when the pools no longer hold them. */
async function unrelease(tx: StoreOps, role: SchoolRole, r: Removed): Promise<LicenceCopy[]> {
  const sub = await lockSchoolSubscription(tx, role.school.uai, r.subscriptionId);
  if (r.allocationId !== undefined) {
    const a = await tx.getAllocation(r.allocationId);
    if (a && a.archivedAt !== undefined) await tx.unarchiveAllocation(a.id);
  }
  return restore(tx, sub, role.school, r.released);
}

/**
 * Reverses one audit entry of the school, inside the caller's transaction, and audits the undo: its record says which
 * entry it reversed, that entry's targets, and the copies taken and given back per audience.
 *
 * @throws {@link GarServiceError} `not-found`, `conflict` (already undone, too old, not undoable, or written without
 * what an undo needs), `forbidden` (a delegate undoing a delegation change), or the rule error that now forbids it.
 */
export async function undoEntry(
  tx: StoreOps,
  role: SchoolRole,
  auditId: string,
  now: Date,
  windowMs: number,
): Promise<UndoOutcome> {
  const entry = await tx.getAudit(auditId);
  const uai = role.school.uai;
  if (!entry || entry.uai !== uai) throw new GarServiceError('not-found', 'no such audit entry at this school');
  if (!UNDOABLE.has(entry.action)) throw new GarServiceError('conflict', 'this change cannot be undone');
  if (entry.undoneBy !== undefined) throw new GarServiceError('conflict', 'this change was already undone');
  if (now.getTime() - Date.parse(entry.at) > windowMs)
    throw new GarServiceError('conflict', 'this change is too old to be undone');
  const record = readAuditRecord(entry);
  if (!record || record.kind === 'undo')
    throw new GarServiceError('conflict', 'this change did not record what an undo needs: it cannot be undone');
  const at = now.toISOString();
  let took: LicenceCopy[] = [];
  let gave: LicenceCopy[] = [];
  switch (record.kind) {
    case 'allocate':
      took = await ungrant(tx, uai, record, at);
      break;
    case 'withdraw':
      gave = await unrelease(tx, role, record);
      break;
    case 'move':
      took = await ungrant(tx, uai, record, at);
      gave = await unrelease(tx, role, { subscriptionId: record.subscriptionId, released: record.released });
      break;
    case 'delegate':
    case 'revoke':
      if (role.role !== 'manager') throw new GarServiceError('forbidden', 'only managers change delegations');
      if (record.kind === 'delegate') await revokeDelegationIn(tx, uai, record.delegateId, at);
      else await grantDelegationIn(tx, role.school, record.delegateId, role.person.id, at);
      break;
  }
  const id = randomId();
  const head = { id, at, uai, actor: role.person.id, subjectType: entry.subjectType, subjectId: entry.subjectId };
  await tx.appendAudit(
    auditRecordEntry(head, {
      v: 2,
      kind: 'undo',
      auditId: entry.id,
      undid: record.kind,
      ...('subscriptionId' in record ? { subscriptionId: record.subscriptionId } : {}),
      targets: record.targets,
      took: countByAudience(took),
      gave: countByAudience(gave),
    }),
  );
  await tx.markAuditUndone(entry.id, id);
  return { auditId: id, record, took, gave };
}
