import { AUDIT_ACTIONS, type AuditRecord } from '@opengar/core';
import type { AuditEntry, StoreOps } from '../store/types.js';
import { actorName } from '../kernel/authorize.js';
import { randomId } from '../kernel/crypto.js';
import type { Actor } from '../kernel/types.js';

/** What an audit entry records; `id`, `at` and `actor` are filled in. */
export interface AuditInput {
  uai: string;
  action: string;
  subjectType: AuditEntry['subjectType'];
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends an audit entry inside the caller's transaction. */
export async function audit(tx: StoreOps, actor: Actor, at: Date, input: AuditInput): Promise<void> {
  await tx.appendAudit({ id: randomId(), at: at.toISOString(), actor: actorName(actor), ...input });
}

/** The stored entry of an allocation console's record: its action from its kind, the typed record whole in `after`. */
export function auditRecordEntry(
  head: Pick<AuditEntry, 'id' | 'at' | 'actor' | 'uai' | 'subjectType' | 'subjectId'>,
  record: AuditRecord,
): AuditEntry {
  return { ...head, action: AUDIT_ACTIONS[record.kind], after: record };
}
