import { delegationRequestSchema, type Delegation } from '@opengar/core';
import { requireSchoolRole } from './allocation-access.js';
import type { StoreOps } from '../store/types.js';
import { auditRecordEntry } from './audit.js';
import { actorName } from '../kernel/authorize.js';
import { randomId } from '../kernel/crypto.js';
import { validate, type ServiceContext } from '../kernel/context.js';
import { grantDelegationIn, revokeDelegationIn } from './delegation-rules.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';

/**
 * Delegation of the allocation-manager role: a school's managers (its head and the people RespAff names) delegate to
 * staff of the same school and revoke; a delegate cannot delegate further. Changes are audited.
 */
export function delegationUseCases(ctx: ServiceContext) {
  const { store, clock } = ctx;

  return {
    /**
     * The school's delegations (revoked ones too), for its managers and delegates.
     *
     * @example
     * ```ts
     * await service.allocation.delegations(head, '0561641E');
     * ```
     */
    async listSchoolDelegations(actor: Actor, uai: string): Promise<Delegation[]> {
      await requireSchoolRole(store, actor, uai);
      return store.listDelegations({ uai, includeRevoked: true });
    },
    /**
     * Delegates the role to a staff member of the school (managers only).
     *
     * @example
     * ```ts
     * await service.allocation.delegate(head, '0561641E', { delegateId: 'prof-1' });
     * ```
     */
    async grantDelegation(actor: Actor, uai: string, input: unknown): Promise<Delegation & { auditId: string }> {
      const { delegateId } = validate(delegationRequestSchema, input, 'delegation');
      return store.transaction(async (tx) => {
        const role = await requireSchoolRole(tx, actor, uai);
        if (role.role !== 'manager') throw new GarServiceError('forbidden', 'a delegate cannot delegate further');
        const at = clock.now();
        const d = await grantDelegationIn(tx, role.school, delegateId, role.person.id, at.toISOString());
        const entries = await auditAndId(tx, actor, at, uai, 'delegate', delegateId);
        return { ...d, auditId: entries };
      });
    },
    /**
     * Revokes a delegation (managers only).
     *
     * @example
     * ```ts
     * await service.allocation.revokeDelegation(head, '0561641E', 'prof-1');
     * ```
     */
    async revokeDelegation(actor: Actor, uai: string, delegateId: string): Promise<{ auditId: string }> {
      return store.transaction(async (tx) => {
        const role = await requireSchoolRole(tx, actor, uai);
        if (role.role !== 'manager') throw new GarServiceError('forbidden', 'only managers revoke delegations');
        const at = clock.now();
        await revokeDelegationIn(tx, uai, delegateId, at.toISOString());
        return {
          auditId: await auditAndId(tx, actor, at, uai, 'revoke', delegateId),
        };
      });
    },
  };
}

async function auditAndId(
  tx: StoreOps,
  actor: Actor,
  at: Date,
  uai: string,
  kind: 'delegate' | 'revoke',
  delegateId: string,
): Promise<string> {
  const id = randomId();
  const head = {
    id,
    at: at.toISOString(),
    actor: actorName(actor),
    uai,
    subjectType: 'delegation',
    subjectId: delegateId,
  } as const;
  await tx.appendAudit(
    auditRecordEntry(head, { v: 2, kind, delegateId, targets: [{ kind: 'person', personId: delegateId }] }),
  );
  return id;
}
