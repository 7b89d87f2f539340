import type { PersonDataRecords, PersonDataStore } from '../types-person-data.js';
import { EXPORTED_TABLES } from '../person-data-coverage.js';
import { cloneJson } from '../shared/fold.js';
import type { MemoryContext } from './memory-context.js';
import { tablesOf } from './memory-feed-ops.js';
import type { MemoryState } from './memory-state.js';
import { key, type Journal } from './table.js';
import { statsTablesOf } from './memory-stats-ops.js';

/** Every table of a memory state, by its memory name: the core tables, the feed tables and the statistics tables. */
export function memoryTables(state: MemoryState): Record<string, { values(): IterableIterator<unknown> }> {
  return { ...state, ...tablesOf(state), ...statsTablesOf(state) };
}

const has = (value: unknown, needle: string) => value !== undefined && JSON.stringify(value).includes(needle);

/** The access export over the memory store: the same predicates as the SQL store's, on its tables. */
export function memoryPersonDataOps({ state: s, read, write }: MemoryContext): PersonDataStore {
  return {
    exportPersonData: (query) =>
      read(() => {
        const { entId, personId, statsPseudonym, auditPseudonym } = query;
        const quoted = JSON.stringify(personId);
        // What the erasure leaves in allocations and delegations: their id, or the pseudonym that replaced it.
        const ids = new Set([personId, auditPseudonym]);
        const quotedPseudonym = JSON.stringify(auditPseudonym);
        const schools = new Set([...s.schools.values()].filter((x) => x.entId === entId).map((x) => x.uai));
        const emails = new Set(query.emails);
        const feeds = tablesOf(s);
        const stats = statsTablesOf(s);
        const all = <T>(t: { values(): IterableIterator<T> }, keep: (v: T) => boolean) =>
          [...t.values()].filter(keep).map((v) => cloneJson(v) as Record<string, unknown>);
        const found: PersonDataRecords = {
          people: all(s.people, (p) => p.value.entId === entId && p.value.id === personId).map(
            (p) => p.value as Record<string, unknown>,
          ),
          person_schools: [],
          memberships: all(s.memberships, (m) => m.personId === personId && schools.has(m.uai)),
          teachings: all(s.teachings, (t) => t.personId === personId && schools.has(t.uai)),
          resp_aff: all(s.respAff, (r) => r.entId === entId && r.personId === personId),
          allocations: all(
            s.allocations,
            (a) =>
              schools.has(a.uai) &&
              (ids.has(a.createdBy) || (a.target.kind === 'person' && ids.has(a.target.personId))),
          ),
          licence_copies: all(s.copies, (c) => c.personId === personId && schools.has(c.uai)),
          delegations: all(
            s.delegations,
            (d) => schools.has(d.uai) && (d.delegateId === personId || ids.has(d.grantedBy)),
          ),
          audit_entries: all(
            s.audit,
            (a) =>
              (schools.has(a.uai) &&
                ([personId, auditPseudonym].includes(a.actor) ||
                  [personId, auditPseudonym].includes(a.subjectId) ||
                  has(a.before, quoted) ||
                  has(a.after, quoted) ||
                  has(a.before, quotedPseudonym) ||
                  has(a.after, quotedPseudonym))) ||
              (a.uai === '' && a.subjectId === auditPseudonym),
          ),
          favourites: all(s.favourites, (f) => f.entId === entId && f.personId === personId),
          console_notifications: all(
            feeds.notifications,
            (n) => schools.has(n.uai) && (n.recipientId === personId || has(n.data, quoted)),
          ),
          mail_outbox: all(feeds.outbox, (m) => emails.has(m.to)),
          departures: all(feeds.departures, (d) => d.entId === entId && d.personId === personId),
          sync_reports: all(feeds.syncReports, (r) => r.entId === entId && has(r.anomalies, quoted)),
          handoff_events: all(s.handoffs, (h) => h.statsPseudonym === statsPseudonym),
          stats_people: all(stats.seen, (r) => r.pseudonym === statsPseudonym),
          pins: all(s.pins, (p) => p.entId === entId && ids.has(p.teacherId)),
          class_requests: all(
            s.classRequests,
            (r) => r.entId === entId && (ids.has(r.teacherId) || ids.has(r.decidedBy ?? '')),
          ),
        };
        // The SQL store's per-school index rows: the memory store indexes people by school instead.
        found.person_schools = (found.people ?? []).flatMap((p) =>
          [...new Set((p as { profiles: { uai: string }[] }).profiles.map((x) => x.uai))].map((uai) => ({
            uai,
            ent_id: entId,
            person_id: personId,
          })),
        );
        for (const table of EXPORTED_TABLES) if (!found[table]) throw new TypeError(`no export predicate for ${table}`);
        return found;
      }),
    erasePersonTraces: (input) =>
      write((j) => {
        const { entId, personId, pseudonym } = input;
        const schools = new Set([...s.schools.values()].filter((x) => x.entId === entId).map((x) => x.uai));
        const [from, to] = [JSON.stringify(personId), JSON.stringify(pseudonym)];
        const swap = <T>(v: T): T => JSON.parse(JSON.stringify(v).split(from).join(to)) as T;
        const emails = new Set(input.emails);
        const feeds = tablesOf(s);
        let changed = 0;
        const drop = <T>(
          t: { values(): IterableIterator<T>; delete(j: Journal, pk: string): unknown },
          pk: (v: T) => string,
          when: (v: T) => boolean,
        ) => {
          for (const v of [...t.values()]) if (when(v)) t.delete(j, pk(v)), changed++;
        };
        const edit = <T>(
          t: { values(): IterableIterator<T>; set(j: Journal, v: T): void },
          when: (v: T) => boolean,
          change: (v: T) => T,
        ) => {
          for (const v of [...t.values()]) if (when(v)) t.set(j, change(cloneJson(v))), changed++;
        };
        drop(
          s.favourites,
          (v) => key(v.entId, v.personId),
          (v) => v.entId === entId && v.personId === personId,
        );
        drop(
          s.teachings,
          (v) => key(v.uai, v.groupCode, v.personId, v.subject),
          (v) => v.personId === personId && schools.has(v.uai),
        );
        drop(
          feeds.notifications,
          (v) => v.id,
          (v) => v.recipientId === personId && schools.has(v.uai),
        );
        drop(
          s.delegations,
          (v) => key(v.uai, v.delegateId),
          (v) => v.delegateId === personId && schools.has(v.uai),
        );
        drop(
          feeds.outbox,
          (v) => v.id,
          (v) => emails.has(v.to),
        );
        edit(
          s.delegations,
          (v) => v.grantedBy === personId && schools.has(v.uai),
          (v) => ({ ...v, grantedBy: pseudonym }),
        );
        edit(
          s.allocations,
          (v) => v.createdBy === personId && schools.has(v.uai),
          (v) => ({ ...v, createdBy: pseudonym }),
        );
        edit(
          s.allocations,
          (v) => v.target.kind === 'person' && v.target.personId === personId && schools.has(v.uai),
          (v) => ({ ...v, target: { kind: 'person' as const, personId: pseudonym } }),
        );
        edit(feeds.notifications, (v) => schools.has(v.uai) && has(v.data, from), swap);
        edit(feeds.syncReports, (v) => v.entId === entId && has(v.anomalies, from), swap);
        return changed;
      }),
  };
}
