import { statisticsPseudonym } from '@opengar/core';
import { erasurePseudonym } from '../feeds/feed-use-cases.js';
import { requireOperator } from '../kernel/authorize.js';
import type { ServiceContext } from '../kernel/context.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';
import { PERSON_DATA_TABLES, type PersonDataHolding } from '../store/person-data-coverage.js';

/** How long hand-off events are kept (GAR reference, statistics): the export shows all of them, within this window. */
export const HANDOFF_RETENTION_MONTHS = 13;

/** One table of an access export: what it holds of a person, why, and the person's rows in it. */
export interface PersonDataTableView {
  table: string;
  holds: PersonDataHolding;
  why: string;
  rows: Record<string, unknown>[];
}

/** A table the export did not read, and why (transient rows; no statistics secret to find pseudonymous ones). */
export interface PersonDataSkipped {
  table: string;
  holds: PersonDataHolding;
  why: string;
  reason: 'transient' | 'no-statistics-secret';
}

/** The access export (droit d'accès) of one person: every row of every table that holds them. */
export interface PersonDataExport {
  entId: string;
  personId: string;
  generatedAt: string;
  handoffRetentionMonths: number;
  tables: PersonDataTableView[];
  notSearched: PersonDataSkipped[];
}

/** What an erasure did: the person's rows before, and what is left after (what the rules keep). */
export interface ErasureReport {
  entId: string;
  personId: string;
  pseudonym: string;
  erasedAt: string;
  before: PersonDataExport;
  after: PersonDataExport;
}

/**
 * A row as the person may read it: a school's sync report is one row for everyone, so only the anomalies that name
 * the person are kept (never the other pupils it lists).
 */
function trim(table: string, row: Record<string, unknown>, personId: string): Record<string, unknown> {
  if (table !== 'sync_reports') return row;
  const anomalies = (row.anomalies ?? {}) as Record<string, unknown>;
  const naming = Object.entries(anomalies)
    .filter(([, ids]) => Array.isArray(ids) && ids.includes(personId))
    .map(([kind]) => kind);
  return { uai: row.uai, at: row.at, anomalies: naming };
}

/**
 * The operator's data-protection use cases: the access export of a person and the erasure with its report. Only the
 * operator (or the service itself, for the CLI) may call them. `statisticsSecret` lets the export find the hand-off
 * events and statistics rows kept under the person's statistics pseudonym.
 */
export function personDataUseCases(
  ctx: ServiceContext,
  statisticsSecret: string | Uint8Array | undefined,
  erase: (actor: Actor, entId: string, personId: string) => Promise<{ pseudonym: string }>,
) {
  const { store, clock } = ctx;

  async function exportPerson(actor: Actor, entId: string, personId: string): Promise<PersonDataExport> {
    requireOperator(actor);
    if (typeof entId !== 'string' || typeof personId !== 'string' || !entId || !personId)
      throw new GarServiceError('validation', 'entId and personId are required');
    if (!(await store.getEnt(entId))) throw new GarServiceError('not-found', 'no such ENT');
    const [person, departure, respAff] = await Promise.all([
      store.getPerson(entId, personId),
      store.getDeparture(entId, personId),
      store.listRespAff({ entId, personId }),
    ]);
    const emails = [person?.email, departure?.person.email, ...respAff.map((r) => r.email)];
    const records = await store.exportPersonData({
      entId,
      personId,
      emails: [...new Set(emails.filter((e): e is string => e !== undefined))],
      // Without the secret no pseudonym can match: a value no row has (pseudonyms are hex).
      statsPseudonym:
        statisticsSecret === undefined
          ? 'no-statistics-secret'
          : statisticsPseudonym(statisticsSecret, entId, personId),
      auditPseudonym: await erasurePseudonym(entId, personId),
    });
    const tables: PersonDataTableView[] = [];
    const notSearched: PersonDataSkipped[] = [];
    for (const t of PERSON_DATA_TABLES) {
      const { table, holds, why } = t;
      if (holds === 'none') continue;
      if (holds === 'transient') notSearched.push({ table, holds, why, reason: 'transient' });
      else if (holds === 'pseudonym' && statisticsSecret === undefined)
        notSearched.push({ table, holds, why, reason: 'no-statistics-secret' });
      else tables.push({ table, holds, why, rows: (records[table] ?? []).map((r) => trim(table, r, personId)) });
    }
    return {
      entId,
      personId,
      generatedAt: clock.now().toISOString(),
      handoffRetentionMonths: HANDOFF_RETENTION_MONTHS,
      tables,
      notSearched,
    };
  }

  return {
    /**
     * Every record of every store table that holds the person (directory, copies, allocations, audit trail,
     * notifications, mail, departures…), and the hand-off events kept under their statistics pseudonym. Operator only.
     *
     * @example
     * ```ts
     * const data = await service.privacy.exportPerson(operator, 'ENTBRE', 'eleve-12');
     * data.tables.filter((t) => t.rows.length > 0).map((t) => t.table);
     * ```
     * @throws {@link GarServiceError} `forbidden` (not the operator), `not-found` (no such ENT), `validation`.
     */
    exportPerson,
    /**
     * Erases the person now (as `service.feeds.erasePerson`) and reports it: the export before, and the export after —
     * what the rules keep (the audit trail under a pseudonym, hand-off events under the statistics pseudonym until
     * they expire). Operator only.
     *
     * @example
     * ```ts
     * const report = await service.privacy.erasePerson(operator, 'ENTBRE', 'eleve-12');
     * report.after.tables.filter((t) => t.rows.length > 0).map((t) => t.table); // ['audit_entries', 'handoff_events'…]
     * ```
     * @throws {@link GarServiceError} `forbidden`, `not-found` (no such ENT or person).
     */
    async erasePerson(actor: Actor, entId: string, personId: string): Promise<ErasureReport> {
      const before = await exportPerson(actor, entId, personId);
      const { pseudonym } = await erase(actor, entId, personId);
      const after = await exportPerson(actor, entId, personId);
      return { entId, personId, pseudonym, erasedAt: after.generatedAt, before, after };
    },
  };
}
