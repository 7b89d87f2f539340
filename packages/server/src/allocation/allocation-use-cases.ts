import {
  allocateRequestSchema,
  allocationListQuerySchema,
  auditQuerySchema,
  countByAudience,
  describeAuditTarget,
  type AllocationTarget,
  type AuditEntryView,
  type UndoPreview,
  type AuditRecord,
  isOverAllocated,
  isSubscriptionValidAt,
  licenceUsage,
  moveRequestSchema,
  withdrawRequestSchema,
  type AllocationResult,
  type SchoolSubscription,
} from '@opengar/core';
import type { AuditEntry, StoredAllocation } from '../store/types.js';
import { auditRecordEntry } from './audit.js';
import { requireSchoolReader, requireSchoolRole } from './allocation-access.js';
import { allocationBatches } from './allocation-batch.js';
import {
  archive,
  expandTargets,
  findSchoolSubscription,
  grant,
  lockSchoolSubscription,
  release,
} from './allocation-engine.js';
import { UNDOABLE, undoEntry, type UndoOutcome } from './allocation-undo.js';
import { auditCsv, auditFilter, cursorAfter, entryView, namesFor, withRecord } from './audit-history.js';
import { actorName } from '../kernel/authorize.js';
import { validate, type ServiceContext } from '../kernel/context.js';
import { randomId } from '../kernel/crypto.js';
import { GarServiceError, invalid } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';

/** Writers of one subscription queue for a connection together (they would only wait on its row lock). */
const onSubscription = (id: string) => ({ queueKey: `subscription:${id}` });

/** The rows of a CSV export at most (a school's year is a few thousand entries). */
export const AUDIT_CSV_MAX_ROWS = 20_000;

/** Thrown to roll an undo's dry run back (see `undoPreview`). */
class DryRun {
  outcome: UndoOutcome | undefined;
}

/** How long a change stays undoable (our rule). */
export const UNDO_WINDOW_MS = 30 * 86_400_000;

/**
 * The allocation console's use cases for a school's managers and delegates: its subscriptions with their accounting,
 * allocating (one target or many, all or nothing), withdrawing, moving copies, the audit trail and undo. Each change
 * locks the subscription inside one transaction, so that concurrent changes are counted exactly on every store.
 */
export function allocationUseCases(ctx: ServiceContext) {
  const { store, clock } = ctx;
  const batches = allocationBatches(ctx);

  async function write(
    tx: Parameters<Parameters<typeof store.transaction>[0]>[0],
    actor: Actor,
    uai: string,
    record: AuditRecord,
  ) {
    const id = randomId();
    const head = { id, at: clock.now().toISOString(), actor: actorName(actor), uai };
    const subjectId = 'subscriptionId' in record && record.subscriptionId ? record.subscriptionId : '';
    await tx.appendAudit(auditRecordEntry({ ...head, subjectType: 'allocation', subjectId }, record));
    return id;
  }

  /**
   * The school's audit trail, most recent first, filtered (subscription, target, author, dates) and paged (`next`
   * is the cursor of the following page), each entry with its targets named, its copies per audience, and whether
   * it can still be undone.
   *
   * @example
   * ```ts
   * const { items, next } = await service.allocation.audit(manager, '0561641E', { target: 'division:5A', limit: '20' });
   * ```
   */
  async function listSchoolAudit(
    actor: Actor,
    uai: string,
    query: unknown = {},
  ): Promise<{ items: AuditEntryView[]; next?: string }> {
    const { school } = await requireSchoolRole(store, actor, uai);
    const q = validate(auditQuerySchema, query, 'query');
    const limit = q.limit ?? 50;
    const rows = await store.listAudit(auditFilter(uai, q, limit + 1));
    const page = rows.slice(0, limit).map(withRecord);
    const names = await namesFor(store, school, page);
    const now = clock.now().getTime();
    const items = page.map((r) =>
      entryView(
        r,
        names,
        UNDOABLE.has(r.entry.action) && !r.entry.undoneBy && now - Date.parse(r.entry.at) <= UNDO_WINDOW_MS,
      ),
    );
    const last = rows.length > limit ? page.at(-1)?.entry : undefined;
    return last ? { items, next: cursorAfter(last) } : { items };
  }

  return {
    /**
     * The school's subscriptions (not deleted) with copies used and left per pool.
     *
     * @example
     * ```ts
     * (await service.allocation.subscriptions(manager, '0561641E')).filter((s) => s.overAllocated);
     * ```
     */
    async listSchoolSubscriptions(actor: Actor, uai: string): Promise<SchoolSubscription[]> {
      await requireSchoolReader(store, actor, uai);
      const now = clock.now();
      // Three reads whatever the number of subscriptions: a subscription's copies and allocations are at its school.
      const [subs, schoolCopies, schoolAllocations] = await Promise.all([
        store.listSubscriptions({ uai }),
        store.listCopies({ uai }),
        store.listAllocations({ uai }),
      ]);
      const out: SchoolSubscription[] = [];
      for (const s of subs) {
        const copies = schoolCopies.filter((c) => c.subscriptionId === s.id);
        const allocations = schoolAllocations.filter((a) => a.subscriptionId === s.id);
        const { createdAt: _c, updatedAt: _u, deletedAt: _d, ...subscription } = s;
        out.push({
          subscription,
          usage: licenceUsage(s, copies),
          overAllocated: isOverAllocated(s, copies),
          allocationCount: allocations.length,
          valid: isSubscriptionValidAt(s, now),
        });
      }
      return out;
    },
    /**
     * The school's allocations, with how many copies each gave.
     *
     * @example
     * ```ts
     * await service.allocation.allocations(manager, '0561641E', { subscriptionId: 'ABO-1' });
     * ```
     */
    async listAllocations(actor: Actor, uai: string, query: unknown = {}) {
      await requireSchoolReader(store, actor, uai);
      const q = validate(allocationListQuerySchema, query, 'query');
      const rows = await store.listAllocations({
        uai,
        ...(q.subscriptionId ? { subscriptionId: q.subscriptionId } : {}),
        includeArchived: q.includeArchived === 'true',
      });
      const copies = await store.listCopies({ uai });
      const count = new Map<string, number>();
      for (const c of copies) count.set(c.allocationId, (count.get(c.allocationId) ?? 0) + 1);
      return rows.map((a: StoredAllocation) => ({ ...a, copies: count.get(a.id) ?? 0 }));
    },
    /**
     * Gives a subscription to targets (an audience, a division, a group, a person; many at once), all or nothing.
     *
     * @example
     * ```ts
     * await service.allocation.allocate(manager, '0561641E', { subscriptionId: 'ABO-1', targets: [{ kind: 'division', code: '3A' }] });
     * ```
     * @throws {@link AllocationRuleError} `insufficient-licences` (with `remaining`) or `over-allocated`.
     */
    async allocate(actor: Actor, uai: string, input: unknown): Promise<AllocationResult> {
      const req = validate(allocateRequestSchema, input, 'allocation');
      // Checked before the lock, each request on its own: the caller's role and the people the targets cover. Then
      // the request joins its subscription's next batch (group commit): the lock serialises every writer of the
      // subscription on every instance, so a burst of a school's morning takes a few lock turns rather than one each.
      const { school } = await requireSchoolRole(store, actor, uai);
      await findSchoolSubscription(store, uai, req.subscriptionId);
      const expanded = await expandTargets(store, school, req.targets);
      return batches.submit(req.subscriptionId, { actor, uai, req, school, expanded });
    },
    /**
     * Withdraws an allocation (its copies come back, except opened non-transferable ones) or some people's copies
     * (all or nothing).
     *
     * @example
     * ```ts
     * await service.allocation.withdraw(manager, '0561641E', { subscriptionId: 'ABO-1', personIds: ['eleve-1'] });
     * ```
     * @throws {@link AllocationRuleError} `not-withdrawable`.
     */
    async withdraw(actor: Actor, uai: string, input: unknown): Promise<AllocationResult> {
      const req = validate(withdrawRequestSchema, input, 'withdrawal');
      return store.transaction(async (tx) => {
        await requireSchoolRole(tx, actor, uai);
        const sub = await lockSchoolSubscription(tx, uai, req.subscriptionId);
        let copies: Awaited<ReturnType<typeof release>>;
        let kept: string[] = [];
        let targets: AllocationTarget[];
        if (req.allocationId !== undefined) {
          const allocation = await tx.getAllocation(req.allocationId);
          if (!allocation || allocation.subscriptionId !== sub.id || allocation.archivedAt !== undefined) {
            throw invalid('/allocationId', 'not_found', 'no such active allocation of this subscription');
          }
          ({ released: copies, kept } = await archive(tx, sub, allocation, clock.now().toISOString()));
          targets = [allocation.target];
        } else {
          copies = await release(tx, sub, req.personIds ?? []);
          targets = (req.personIds ?? []).map((personId) => ({ kind: 'person', personId }));
        }
        const auditId = await write(tx, actor, uai, {
          v: 2,
          kind: 'withdraw',
          subscriptionId: sub.id,
          ...(req.allocationId !== undefined ? { allocationId: req.allocationId } : {}),
          targets,
          released: copies,
          kept,
          counts: countByAudience(copies),
        });
        return {
          auditId,
          allocationIds: req.allocationId ? [req.allocationId] : [],
          granted: [],
          alreadyHolding: [],
          released: copies.map((c) => c.personId),
          kept,
        };
      }, onSubscription(req.subscriptionId));
    },
    /**
     * Moves copies: withdraws some people's copies and gives the subscription to other targets, in one transaction.
     *
     * @example
     * ```ts
     * await service.allocation.move(manager, '0561641E', { subscriptionId: 'ABO-1', fromPersonIds: ['e1'], to: [{ kind: 'person', personId: 'e2' }] });
     * ```
     */
    async moveCopies(actor: Actor, uai: string, input: unknown): Promise<AllocationResult> {
      const req = validate(moveRequestSchema, input, 'move');
      return store.transaction(async (tx) => {
        const { school } = await requireSchoolRole(tx, actor, uai);
        const sub = await lockSchoolSubscription(tx, uai, req.subscriptionId);
        const removed = await release(tx, sub, req.fromPersonIds);
        const before = new Set((await tx.listAllocations({ subscriptionId: sub.id })).map((a) => a.id));
        const at = clock.now().toISOString();
        const out = await grant(tx, sub, school, req.to, actorName(actor), at);
        const created = out.allocations.filter((a) => !before.has(a.id)).map((a) => a.id);
        const auditId = await write(tx, actor, uai, {
          v: 2,
          kind: 'move',
          subscriptionId: sub.id,
          targets: req.to,
          allocationIds: created,
          assignedAt: at,
          granted: out.granted.map((c) => ({
            personId: c.personId,
            allocationId: c.allocationId,
            audience: c.audience,
          })),
          counts: countByAudience(out.granted),
          released: removed,
          releasedCounts: countByAudience(removed),
        });
        return {
          auditId,
          allocationIds: out.allocations.map((a) => a.id),
          granted: out.granted.map((c) => c.personId),
          alreadyHolding: out.alreadyHolding,
          released: removed.map((c) => c.personId),
          kept: [],
        };
      }, onSubscription(req.subscriptionId));
    },
    listSchoolAudit,
    /**
     * The school's audit trail as CSV (French headers, `;`-separated, cells safe from formula injection), with the
     * filters of {@link listSchoolAudit} (paging ignored), at most `AUDIT_CSV_MAX_ROWS` rows.
     *
     * @example
     * ```ts
     * await service.allocation.audit(manager, '0561641E', { limit: '20' });
     * const csv = await service.allocation.auditCsv(manager, '0561641E', { subscriptionId: 'ABO-1' });
     * ```
     */
    async auditCsv(actor: Actor, uai: string, query: unknown = {}): Promise<string> {
      await requireSchoolRole(store, actor, uai);
      const { cursor: _c, limit: _l, ...filters } = validate(auditQuerySchema, query, 'query');
      const views: AuditEntryView[] = [];
      let cursor: string | undefined;
      do {
        const page = await listSchoolAudit(actor, uai, { ...filters, limit: 500, ...(cursor ? { cursor } : {}) });
        views.push(...page.items);
        cursor = page.next;
      } while (cursor !== undefined && views.length < AUDIT_CSV_MAX_ROWS);
      const subs = new Map((await store.listSubscriptions({ uai })).map((s) => [s.id, s.resourceLabel]));
      return auditCsv(views.slice(0, AUDIT_CSV_MAX_ROWS), (id) => subs.get(id) ?? id);
    },
    /**
     * What undoing an entry would do now, before doing it: the undo is played in a transaction that is then rolled
     * back, so the copies it would take and give back, or the refusal it would meet, are exactly the undo's.
     *
     * @example
     * ```ts
     * const preview = await service.allocation.undoPreview(manager, '0561641E', auditId);
     * if (preview.possible) console.log(preview.took);
     * ```
     * @throws {@link GarServiceError} `not-found` when the entry is not the school's; other refusals are answered as
     * `possible: false` with their `reason`.
     */
    async undoPreview(actor: Actor, uai: string, auditId: string): Promise<UndoPreview> {
      const { school } = await requireSchoolRole(store, actor, uai);
      const entry = await store.getAudit(auditId);
      if (!entry || entry.uai !== uai) throw new GarServiceError('not-found', 'no such audit entry at this school');
      const read = withRecord(entry);
      const names = await namesFor(store, school, [read]);
      const record = read.record;
      const about = {
        auditId,
        ...(record && record.kind !== 'undo' ? { kind: record.kind } : {}),
        ...(record && 'subscriptionId' in record && record.subscriptionId
          ? { subscriptionId: record.subscriptionId }
          : {}),
        targets: read.targets.map((t) => describeAuditTarget(t, names)),
      };
      const rollback = new DryRun();
      try {
        await store.transaction(async (tx) => {
          const role = await requireSchoolRole(tx, actor, uai);
          rollback.outcome = await undoEntry(tx, role, auditId, clock.now(), UNDO_WINDOW_MS);
          throw rollback;
        });
      } catch (error) {
        if (error === rollback && rollback.outcome) {
          const { took, gave } = rollback.outcome;
          return { ...about, possible: true, took: countByAudience(took), gave: countByAudience(gave) };
        }
        if (!(error instanceof GarServiceError) || error.code === 'not-found') throw error;
        return {
          ...about,
          possible: false,
          took: {},
          gave: {},
          reason: { code: error.problem, detail: error.publicDetail },
        };
      }
      throw new Error('unreachable: the dry run always rolls back');
    },
    /**
     * Undoes a recent change when the rules still allow it; the undo is itself audited, its record saying which
     * entry it reversed and the copies taken and given back.
     *
     * @example
     * ```ts
     * await service.allocation.undo(manager, '0561641E', result.auditId);
     * ```
     * @throws {@link GarServiceError} `conflict` when already undone, too old or not undoable; rule errors otherwise.
     */
    async undo(actor: Actor, uai: string, auditId: string): Promise<{ auditId: string }> {
      return store.transaction(async (tx) => {
        const role = await requireSchoolRole(tx, actor, uai);
        const { auditId: id } = await undoEntry(tx, role, auditId, clock.now(), UNDO_WINDOW_MS);
        return { auditId: id };
      });
    },
  };
}
