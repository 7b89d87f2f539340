import { sameTarget, targetKey, type AllocationTarget, type Audience, type LicenceCopy } from '@opengar/core';
import { StoreConflictError, StoreNotFoundError } from '../errors.js';
import type {
  AuditEntry,
  AuditFilter,
  AuditStore,
  DelegationStore,
  LicenceStore,
  StoredSubscription,
  SubscriptionQuery,
  SubscriptionStore,
} from '../types.js';
import { cloneJson, compareText, instant } from '../shared/fold.js';
import { page, type MemoryContext } from './memory-context.js';
import { key } from './table.js';

function subscriptionOrder(q: SubscriptionQuery): (a: StoredSubscription, b: StoredSubscription) => number {
  const dir = q.order === 'DESC' ? -1 : 1;
  const by = q.sortBy ?? 'id';
  return (a, b) => {
    const primary =
      by === 'validUntil'
        ? instant(a.validUntil) - instant(b.validUntil)
        : by === 'createdAt'
          ? instant(a.createdAt) - instant(b.createdAt)
          : 0;
    return dir * (Math.sign(primary) || compareText(a.id, b.id));
  };
}

const copyOrder = (a: LicenceCopy, b: LicenceCopy): number =>
  compareText(a.subscriptionId, b.subscriptionId) || compareText(a.personId, b.personId);

const auditOrder = (a: AuditEntry, b: AuditEntry): number => instant(b.at) - instant(a.at) || compareText(b.id, a.id);

/** Whether an entry passes the audit trail's filters (as the SQL stores' WHERE clause). */
function auditMatches(f: AuditFilter): (a: AuditEntry) => boolean {
  const before = f.before === undefined ? undefined : instant(f.before);
  const to = f.to === undefined ? undefined : instant(f.to);
  const from = f.from === undefined ? undefined : instant(f.from);
  const wanted = f.target === undefined ? undefined : targetKey(f.target);
  const targetsOf = (a: AuditEntry): unknown[] => {
    const t = (a.after as { targets?: unknown } | null | undefined)?.targets;
    return Array.isArray(t) ? t : [];
  };
  return (a) => {
    const at = instant(a.at);
    if (before !== undefined && at >= before) return false;
    if (to !== undefined && at >= to) return false;
    if (from !== undefined && at < from) return false;
    if (f.actor !== undefined && a.actor !== f.actor) return false;
    if (f.after !== undefined && auditOrder(a, { ...a, ...f.after }) <= 0) return false;
    if (wanted === undefined) return true;
    return targetsOf(a).some((t) => typeof t === 'object' && t !== null && targetKey(t as AllocationTarget) === wanted);
  };
}

/** Subscriptions, allocations, licence copies, delegations, the audit trail and favourites. */
export function memoryLicenceOps({
  state: s,
  read,
  write,
  inTransaction,
}: MemoryContext): SubscriptionStore & LicenceStore & DelegationStore & AuditStore {
  const subscriptionsMatching = (q: Omit<SubscriptionQuery, 'offset' | 'limit' | 'sortBy' | 'order'>) => {
    const rows =
      q.uai !== undefined
        ? s.subscriptions.find('uai', q.uai)
        : q.resourceId !== undefined
          ? s.subscriptions.find('resource', q.resourceId)
          : q.distributorId !== undefined
            ? s.subscriptions.find('distributor', q.distributorId)
            : q.projectCode !== undefined
              ? s.subscriptions.find('project', q.projectCode)
              : q.distributorIds !== undefined
                ? [...new Set(q.distributorIds)].flatMap((d) => s.subscriptions.find('distributor', d))
                : [...s.subscriptions.values()];
    return rows.filter(
      (x) =>
        (q.uai === undefined || x.uai === q.uai) &&
        (q.distributorId === undefined || x.distributorId === q.distributorId) &&
        (q.distributorIds === undefined || q.distributorIds.includes(x.distributorId)) &&
        (q.resourceId === undefined || x.resourceId === q.resourceId) &&
        (q.projectCode === undefined || x.projectCode === q.projectCode) &&
        (q.includeDeleted === true || x.deletedAt === undefined),
    );
  };

  return {
    insertSubscription: (sub) =>
      write((j) => {
        if (s.subscriptions.has(sub.id)) throw new StoreConflictError(`subscription ${sub.id} exists`);
        s.subscriptions.set(j, cloneJson(sub));
      }),
    updateSubscription: (sub) =>
      write((j) => {
        if (!s.subscriptions.has(sub.id)) throw new StoreNotFoundError(`no subscription ${sub.id}`);
        s.subscriptions.set(j, cloneJson(sub));
      }),
    getSubscription: (id) => read(() => cloneJson(s.subscriptions.get(id))),
    lockSubscription: (id) => {
      // Inside a transaction the mutex already serialises every writer: holding it is the lock.
      if (!inTransaction) return Promise.reject(new TypeError('lockSubscription is only allowed inside transaction()'));
      return read(() => cloneJson(s.subscriptions.get(id)));
    },
    listSubscriptions: (q) =>
      read(() => page(subscriptionsMatching(q).sort(subscriptionOrder(q)), q.offset, q.limit).map((x) => cloneJson(x))),
    countSubscriptions: (q) => read(() => subscriptionsMatching(q).length),

    insertAllocation: (allocation) =>
      write((j) => {
        if (s.allocations.has(allocation.id)) throw new StoreConflictError(`allocation ${allocation.id} exists`);
        s.allocations.set(j, cloneJson(allocation));
      }),
    insertAllocations: (list) =>
      write((j) => {
        const ids = new Set(list.map((a) => a.id));
        if (ids.size < list.length || list.some((a) => s.allocations.has(a.id)))
          throw new StoreConflictError('an allocation exists');
        for (const a of list) s.allocations.set(j, cloneJson(a));
      }),
    getAllocation: (id) => read(() => cloneJson(s.allocations.get(id))),
    listAllocations: (f) =>
      read(() => {
        const rows =
          f.subscriptionId !== undefined
            ? s.allocations.find('subscription', f.subscriptionId)
            : f.uai !== undefined
              ? s.allocations.find('uai', f.uai)
              : [...s.allocations.values()];
        return rows
          .filter(
            (a) =>
              (f.uai === undefined || a.uai === f.uai) &&
              (f.target === undefined || sameTarget(a.target, f.target)) &&
              (f.includeArchived === true || a.archivedAt === undefined),
          )
          .sort((a, b) => instant(a.createdAt) - instant(b.createdAt) || compareText(a.id, b.id))
          .map((a) => cloneJson(a));
      }),
    archiveAllocation: (id, at) =>
      write((j) => {
        const a = s.allocations.get(id);
        if (!a) throw new StoreNotFoundError(`no allocation ${id}`);
        s.allocations.set(j, { ...a, archivedAt: at });
      }),
    unarchiveAllocation: (id) =>
      write((j) => {
        const a = s.allocations.get(id);
        if (!a) throw new StoreNotFoundError(`no allocation ${id}`);
        const { archivedAt: _, ...rest } = a;
        s.allocations.set(j, rest);
      }),

    insertCopies: (copies) =>
      write((j) => {
        for (const c of copies) {
          const pk = key(c.subscriptionId, c.personId);
          if (s.copies.has(pk)) {
            throw new StoreConflictError(`${c.personId} already holds a copy of ${c.subscriptionId}`);
          }
          s.copies.set(j, cloneJson(c));
        }
      }),
    listCopies: (q) =>
      read(() => {
        const rows =
          q.subscriptionId !== undefined
            ? s.copies.find('subscription', q.subscriptionId)
            : q.personId !== undefined
              ? s.copies.find('person', q.personId)
              : q.uai !== undefined
                ? s.copies.find('uai', q.uai)
                : [...s.copies.values()];
        return rows
          .filter(
            (c) => (q.uai === undefined || c.uai === q.uai) && (q.personId === undefined || c.personId === q.personId),
          )
          .sort(copyOrder)
          .map((c) => cloneJson(c));
      }),
    countCopies: (subscriptionId) =>
      read(() => {
        const counts: Partial<Record<Audience, number>> = {};
        for (const c of s.copies.find('subscription', subscriptionId))
          counts[c.audience] = (counts[c.audience] ?? 0) + 1;
        return counts;
      }),
    deleteCopies: (subscriptionId, personIds) =>
      write((j) => {
        let n = 0;
        for (const personId of new Set(personIds)) if (s.copies.delete(j, key(subscriptionId, personId))) n++;
        return n;
      }),
    markCopyOpened: (subscriptionId, personId, at) =>
      write((j) => {
        const c = s.copies.get(key(subscriptionId, personId));
        if (c && c.firstOpenedAt === undefined) s.copies.set(j, { ...c, firstOpenedAt: at });
      }),

    putDelegation: (d) => write((j) => s.delegations.set(j, cloneJson(d))),
    listDelegations: (f) =>
      read(() => {
        const rows =
          f.uai !== undefined
            ? s.delegations.find('uai', f.uai)
            : f.delegateId !== undefined
              ? s.delegations.find('delegate', f.delegateId)
              : [...s.delegations.values()];
        return rows
          .filter(
            (d) =>
              (f.delegateId === undefined || d.delegateId === f.delegateId) &&
              (f.includeRevoked === true || d.revokedAt === undefined),
          )
          .sort((a, b) => compareText(a.uai, b.uai) || compareText(a.delegateId, b.delegateId))
          .map((d) => cloneJson(d));
      }),
    revokeDelegation: (uai, delegateId, at) =>
      write((j) => {
        const d = s.delegations.get(key(uai, delegateId));
        if (!d || d.revokedAt !== undefined) return false;
        s.delegations.set(j, { ...d, revokedAt: at });
        return true;
      }),

    appendAudit: (entry) =>
      write((j) => {
        if (s.audit.has(entry.id)) throw new StoreConflictError(`audit entry ${entry.id} exists`);
        s.audit.set(j, cloneJson(entry));
      }),
    appendAuditEntries: (list) =>
      write((j) => {
        const ids = new Set(list.map((e) => e.id));
        if (ids.size < list.length || list.some((e) => s.audit.has(e.id)))
          throw new StoreConflictError('an audit entry exists');
        for (const e of list) s.audit.set(j, cloneJson(e));
      }),
    getAudit: (id) => read(() => cloneJson(s.audit.get(id))),
    listAudit: (f) =>
      read(() => {
        const rows =
          f.subjectId !== undefined ? s.audit.find('subject', key(f.uai, f.subjectId)) : s.audit.find('uai', f.uai);
        return page(rows.filter(auditMatches(f)).sort(auditOrder), 0, f.limit).map((a) => cloneJson(a));
      }),
    markAuditUndone: (id, undoneBy) =>
      write((j) => {
        const a = s.audit.get(id);
        if (!a) throw new StoreNotFoundError(`no audit entry ${id}`);
        s.audit.set(j, { ...a, undoneBy });
      }),
    getFavourites: (entId, personId) => read(() => [...(s.favourites.get(key(entId, personId))?.resourceIds ?? [])]),
    setFavourites: (entId, personId, resourceIds) =>
      write((j) => s.favourites.set(j, { entId, personId, resourceIds: [...resourceIds] })),
  };
}
