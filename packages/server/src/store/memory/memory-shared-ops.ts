import { StoreConflictError } from '../errors.js';
import type { SharedStateStore } from '../types.js';
import { cloneJson, compareText, instant } from '../shared/fold.js';
import type { MemoryContext } from './memory-context.js';
import { key, type Journal, type Table } from './table.js';

function purge<V extends { expiresAt: string }, I extends string>(table: Table<V, I>, j: Journal, now: number): number {
  const expired = [...table.values()].filter((row) => instant(row.expiresAt) <= now);
  for (const row of expired) table.delete(j, table.primaryKey(row));
  return expired.length;
}

/** Tickets, replay keys, rate limits, leases, signing keys, settings and hand-off events. */
export function memorySharedOps({ state: s, read, write }: MemoryContext): SharedStateStore {
  return {
    putTicket: (ticket) => write((j) => s.tickets.set(j, { ...ticket, payload: cloneJson(ticket.payload) ?? null })),
    consumeTicket: (id, kind, now) =>
      write((j) => {
        const t = s.tickets.get(id);
        if (!t || t.kind !== kind) return undefined;
        s.tickets.delete(j, id);
        return instant(t.expiresAt) > instant(now) ? cloneJson(t) : undefined;
      }),
    useOnce: (namespace, k, expiresAt, now) =>
      write((j) => {
        const used = s.replay.get(key(namespace, k));
        if (used && instant(used.expiresAt) > instant(now)) return false;
        s.replay.set(j, { namespace, key: k, expiresAt });
        return true;
      }),
    hit: (k, windowStart, expiresAt) =>
      write((j) => {
        const window = s.hits.get(key(k, windowStart));
        const count = (window?.count ?? 0) + 1;
        s.hits.set(j, { key: k, windowStart, expiresAt: window?.expiresAt ?? expiresAt, count });
        return count;
      }),
    acquireLease: (name, holder, until, now) =>
      write((j) => {
        const lease = s.leases.get(name);
        if (lease && lease.holder !== holder && instant(lease.until) > instant(now)) return false;
        s.leases.set(j, { name, holder, until });
        return true;
      }),
    releaseLease: (name, holder) =>
      write((j) => {
        if (s.leases.get(name)?.holder === holder) s.leases.delete(j, name);
      }),
    putSigningKey: (k) => write((j) => s.signingKeys.set(j, cloneJson(k))),
    listSigningKeys: () =>
      read(() =>
        [...s.signingKeys.values()]
          .sort((a, b) => instant(a.createdAt) - instant(b.createdAt) || compareText(a.kid, b.kid))
          .map((k) => cloneJson(k)),
      ),
    deleteSigningKey: (kid) => write((j) => void s.signingKeys.delete(j, kid)),
    getSetting: (name) => read(() => s.settings.get(name)?.value),
    putSetting: (name, value) => write((j) => s.settings.set(j, { name, value })),
    appendHandoffEvent: (event) =>
      write((j) => {
        if (s.handoffs.has(event.id)) throw new StoreConflictError(`hand-off event ${event.id} exists`);
        s.handoffs.set(j, cloneJson(event));
      }),
    listHandoffEvents: (f) =>
      read(() => {
        const from = f.from === undefined ? undefined : instant(f.from);
        const to = f.to === undefined ? undefined : instant(f.to);
        const rows =
          f.uai !== undefined
            ? s.handoffs.find('uai', f.uai)
            : f.resourceId !== undefined
              ? s.handoffs.find('resource', f.resourceId)
              : [...s.handoffs.values()];
        const matching = rows
          .filter((h) => {
            const at = instant(h.at);
            return (
              (f.resourceId === undefined || h.resourceId === f.resourceId) &&
              (from === undefined || at >= from) &&
              (to === undefined || at < to)
            );
          })
          .sort((a, b) => instant(a.at) - instant(b.at) || compareText(a.id, b.id));
        return (f.limit === undefined ? matching : matching.slice(0, f.limit)).map((h) => cloneJson(h));
      }),
    purgeExpired: (now) =>
      write((j) => {
        const t = instant(now);
        const codes = [...s.authorizationCodes.values()].filter((c) => instant(c.keepUntil) <= t);
        for (const c of codes) s.authorizationCodes.delete(j, c.id);
        return purge(s.tickets, j, t) + purge(s.replay, j, t) + purge(s.hits, j, t) + codes.length;
      }),
  };
}
