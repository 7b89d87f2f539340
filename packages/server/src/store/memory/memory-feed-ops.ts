import type { AuditEntry } from '../types.js';
import type {
  ConsoleNotification,
  DepartureRecord,
  FeedRun,
  FeedStagingStore,
  FeedStoreOps,
  OutboxMessage,
  RolloverRecord,
  SyncReport,
} from '../types-directory-feeds.js';
import { foldText, sameJson } from '@opengar/core';
import { cloneJson, compareText, instant, personSearchText } from '../shared/fold.js';
import { page, type MemoryContext } from './memory-context.js';
import type { MemoryState } from './memory-state.js';
import { Table, key, type Journal } from './table.js';

function createFeedTables() {
  return {
    outbox: new Table((m: OutboxMessage) => m.id, { status: (m) => [m.status] }),
    notifications: new Table((n: ConsoleNotification) => n.id, {
      uai: (n) => [n.uai],
      recipient: (n) => [n.recipientId],
    }),
    feedRuns: new Table((r: FeedRun) => r.id, { ent: (r) => [r.entId] }),
    syncReports: new Table((r: SyncReport) => r.uai),
    departures: new Table((d: DepartureRecord) => key(d.entId, d.personId)),
    rollovers: new Table((r: RolloverRecord) => key(r.uai, r.year)),
  };
}

// The feed tables live beside the core tables of one memory state (shared by its root and transaction operations).
const tablesByState = new WeakMap<MemoryState, ReturnType<typeof createFeedTables>>();
/** The feed tables of a memory state (made on first use). */
export function tablesOf(state: MemoryState) {
  let t = tablesByState.get(state);
  if (!t) {
    t = createFeedTables();
    tablesByState.set(state, t);
  }
  return t;
}

const newestFirst = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  instant(b.createdAt) - instant(a.createdAt) || compareText(b.id, a.id);

function replaceId(value: unknown, from: string, to: string): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  const quoted = JSON.stringify(from);
  return text.includes(quoted) ? (JSON.parse(text.split(quoted).join(JSON.stringify(to))) as unknown) : value;
}

/** Outbox, console notifications, feed runs, sync reports, departures, rollovers (and `deleteMef`). */
export function memoryFeedOps({
  state,
  read,
  write,
  inTransaction,
}: MemoryContext): Omit<FeedStoreOps, keyof FeedStagingStore> {
  const t = tablesOf(state);
  // Inside a transaction, a batch is written a slice at a time (the transaction keeps it atomic), so that no single
  // statement's undo journal grows with the size of a feed.
  const batched = async <T>(rows: readonly T[], fn: (j: Journal, row: T) => void): Promise<void> => {
    const size = inTransaction ? 1000 : Math.max(rows.length, 1);
    for (let i = 0; i < rows.length; i += size) {
      const slice = rows.slice(i, i + size);
      await write((j) => {
        for (const row of slice) fn(j, row);
      });
    }
  };
  return {
    deleteMef: (uai, code) => write((j) => void state.mefs.delete(j, key(uai, code))),
    putPeople: (people) =>
      batched(people, (j, person) => {
        const value = cloneJson(person);
        state.people.set(j, {
          value,
          lastKey: foldText(value.lastName),
          firstKey: foldText(value.firstName),
          search: personSearchText(value),
        });
      }),
    putMemberships: (ms) => batched(ms, (j, m) => state.memberships.set(j, cloneJson(m))),
    deleteMemberships: (ms) =>
      batched(ms, (j, m) => void state.memberships.delete(j, key(m.uai, m.groupCode, m.personId))),

    enqueueOutbox: (message) =>
      write((j) => {
        if (t.outbox.has(message.id)) return false;
        t.outbox.set(j, cloneJson(message));
        return true;
      }),
    claimOutbox: ({ holder, now, until, limit }) =>
      write((j) => {
        const at = instant(now);
        const due = t.outbox
          .find('status', 'pending')
          .filter(
            (m) => instant(m.nextAttemptAt) <= at && (m.claimedUntil === undefined || instant(m.claimedUntil) <= at),
          )
          .sort((a, b) => instant(a.createdAt) - instant(b.createdAt) || compareText(a.id, b.id))
          .slice(0, limit);
        const out: OutboxMessage[] = [];
        for (const m of due) {
          const claimed = { ...m, claimedBy: holder, claimedUntil: until, attempts: m.attempts + 1 };
          t.outbox.set(j, claimed);
          out.push(cloneJson(claimed));
        }
        return out;
      }),
    markOutboxSent: (id, holder, at) =>
      write((j) => {
        const m = t.outbox.get(id);
        if (m?.status !== 'pending' || m.claimedBy !== holder) return false;
        const { claimedBy: _b, claimedUntil: _u, ...rest } = m;
        t.outbox.set(j, { ...rest, status: 'sent', sentAt: at });
        return true;
      }),
    markOutboxFailed: (id, holder, { error, retryAt, giveUp }) =>
      write((j) => {
        const m = t.outbox.get(id);
        if (m?.status !== 'pending' || m.claimedBy !== holder) return false;
        const { claimedBy: _b, claimedUntil: _u, ...rest } = m;
        t.outbox.set(j, {
          ...rest,
          status: giveUp ? 'failed' : 'pending',
          nextAttemptAt: retryAt,
          lastError: error.slice(0, 500),
        });
        return true;
      }),
    listOutbox: (f) =>
      read(() => {
        let rows = f.status !== undefined ? t.outbox.find('status', f.status) : [...t.outbox.values()];
        if (f.uai !== undefined) rows = rows.filter((m) => m.uai === f.uai);
        return page(rows.sort(newestFirst), 0, f.limit).map((m) => cloneJson(m));
      }),

    putNotification: (n) =>
      write((j) => {
        if (t.notifications.has(n.id)) return false;
        t.notifications.set(j, cloneJson(n));
        return true;
      }),
    listNotifications: (f) =>
      read(() => {
        let rows =
          f.recipientId !== undefined
            ? t.notifications.find('recipient', f.recipientId)
            : f.uai !== undefined
              ? t.notifications.find('uai', f.uai)
              : [...t.notifications.values()];
        rows = rows.filter(
          (n) =>
            (f.uai === undefined || n.uai === f.uai) &&
            (!f.unreadOnly || n.readAt === undefined) &&
            (!f.unmailedOnly || n.mailedAt === undefined),
        );
        return page(rows.sort(newestFirst), 0, f.limit).map((n) => cloneJson(n));
      }),
    markNotificationRead: (id, recipientId, at) =>
      write((j) => {
        const n = t.notifications.get(id);
        if (!n || n.recipientId !== recipientId) return false;
        if (n.readAt === undefined) t.notifications.set(j, { ...n, readAt: at });
        return true;
      }),
    markNotificationsMailed: (ids, at) =>
      write((j) => {
        for (const id of ids) {
          const n = t.notifications.get(id);
          if (n && n.mailedAt === undefined) t.notifications.set(j, { ...n, mailedAt: at });
        }
      }),

    putFeedRun: (run) => write((j) => t.feedRuns.set(j, cloneJson(run))),
    getFeedRun: (id) => read(() => cloneJson(t.feedRuns.get(id))),
    listFeedRuns: (f) =>
      read(() => {
        const rows = f.entId !== undefined ? t.feedRuns.find('ent', f.entId) : [...t.feedRuns.values()];
        return page(
          rows.sort((a, b) => instant(b.startedAt) - instant(a.startedAt) || compareText(b.id, a.id)),
          0,
          f.limit,
        ).map((r) => cloneJson(r));
      }),
    putSyncReport: (report) => write((j) => t.syncReports.set(j, cloneJson(report))),
    getSyncReport: (uai) => read(() => cloneJson(t.syncReports.get(uai))),

    putDeparture: (d) => write((j) => t.departures.set(j, cloneJson(d))),
    getDeparture: (entId, personId) => read(() => cloneJson(t.departures.get(key(entId, personId)))),
    listDepartures: (f) =>
      read(() => {
        const rows = [...t.departures.values()].filter(
          (d) =>
            (f.entId === undefined || d.entId === f.entId) &&
            (f.leftBefore === undefined || instant(d.leftAt) < instant(f.leftBefore)),
        );
        rows.sort((a, b) => instant(a.leftAt) - instant(b.leftAt) || compareText(a.personId, b.personId));
        return page(rows, 0, f.limit).map((d) => cloneJson(d));
      }),
    deleteDeparture: (entId, personId) => write((j) => void t.departures.delete(j, key(entId, personId))),
    pseudonymizeAudit: ({ uais, personId, pseudonym }) =>
      write((j) => {
        let changed = 0;
        for (const uai of new Set(uais)) {
          for (const entry of state.audit.find('uai', uai)) {
            const next: AuditEntry = {
              ...entry,
              actor: entry.actor === personId ? pseudonym : entry.actor,
              subjectId: entry.subjectId === personId ? pseudonym : entry.subjectId,
            };
            const before = replaceId(entry.before, personId, pseudonym);
            const after = replaceId(entry.after, personId, pseudonym);
            if (before !== undefined) next.before = before;
            if (after !== undefined) next.after = after;
            if (!sameJson(next, entry)) {
              state.audit.set(j, next);
              changed++;
            }
          }
        }
        return changed;
      }),

    getRollover: (uai, year) => read(() => cloneJson(t.rollovers.get(key(uai, year)))),
    putRollover: (r) => write((j) => t.rollovers.set(j, cloneJson(r))),
  };
}
