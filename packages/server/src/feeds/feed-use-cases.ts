import { schoolsOf } from '@opengar/core';
import { eraseFromClassroom } from '../classroom/erase-classroom.js';
import type { SupportContact } from '../allocation/dashboard-use-cases.js';
import { requireSchoolRole } from '../allocation/allocation-access.js';
import { audit } from '../allocation/audit.js';
import { requireDirectoryWriter, requireOperator } from '../kernel/authorize.js';
import type { ServiceContext } from '../kernel/context.js';
import { randomId, sha256Hex } from '../kernel/crypto.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';
import { releaseDeparted } from '../directory/directory-reactions.js';
import type { StoreOps } from '../store/types.js';
import type { FeedRun, SyncReport } from '../store/types-directory-feeds.js';
import { notifyManagers } from '../notifications/notify.js';
import { applyFeed } from './apply-feed.js';
import { createPace } from './pace.js';
import type { FeedFileParser } from './parse-feed-file.js';
import type { FeedSnapshot } from './feed-collector.js';
import { readFeed, type FeedSource, type ReadFeedOptions, type ReadFeedResult } from './read-feed.js';
import { buildSyncReports } from './sync-report.js';

/** Options of the feed use cases. */
export interface FeedOptions {
  /** Days a departed person's data is kept before erasure (default 90). */
  erasureGraceDays?: number;
  /** How e-mails about feed problems go out (default `digest`). */
  mailMode?: 'digest' | 'immediate';
  /** The allocation console's URL, linked from e-mails when the ENT registered none (default: none). */
  consoleUrl?: string;
  /** The support contact named in the e-mails (default: the service's `supportContact`). */
  supportContact?: SupportContact;
  /** How feed files are parsed (default in-process; on Node, `parseFeedFileInWorker` keeps the event loop free). */
  parseFile?: FeedFileParser;
}

/** Options of one import. */
export interface FeedImportOptions {
  /** How its files are parsed (default: the service's `feeds.parseFile`, else in-process). */
  parseFile?: FeedFileParser;
  /** Cancels the import (shutdown, client gone): it stops at the next slice or batch, and nothing is applied. */
  signal?: AbortSignal;
}

/** Progress of an import, for a progress bar. */
export interface FeedProgress {
  phase: 'read' | 'apply' | 'done';
  records: number;
  file?: string;
}

/** The outcome of an import: the run as recorded; a refused run lists its problems and changed nothing. */
export interface FeedImportResult {
  run: FeedRun;
  reports: SyncReport[];
}

/**
 * Directory-feed use cases: import a complete feed (checked as a whole, then applied as one transaction), read a
 * school's sync report, erase people who left after the grace period or on request.
 */
/**
 * The pseudonym an erased person's id becomes where a record of them is kept (the audit trail): stable, so that an
 * access export after the erasure still finds what was kept.
 *
 * @example `await erasurePseudonym('ENTBRE', 'eleve-12'); // 'erased:…'`
 */
export async function erasurePseudonym(entId: string, personId: string): Promise<string> {
  return `erased:${(await sha256Hex(`${entId}\u0000${personId}`)).slice(0, 24)}`;
}

/** Thrown inside the import's transaction to roll it back when the feed is refused. */
const REFUSED = new Error('feed refused');

export function feedUseCases(ctx: ServiceContext, options: FeedOptions = {}) {
  const { store, clock } = ctx;
  const graceDays = options.erasureGraceDays ?? 90;

  async function erase(
    tx: StoreOps,
    actor: Actor,
    entId: string,
    personId: string,
    uais: readonly string[],
    emails: readonly string[] = [],
  ) {
    const pseudonym = await erasurePseudonym(entId, personId);
    const changed = await tx.pseudonymizeAudit({ uais, personId, pseudonym });
    await eraseFromClassroom(tx, { entId, personId, uais, pseudonym });
    // The sweep drops the favourites row itself (an empty list would still name the person).
    await tx.erasePersonTraces({ entId, personId, pseudonym, emails });
    await tx.deleteDeparture(entId, personId);
    await audit(tx, actor, clock.now(), {
      uai: '',
      action: 'person.erase',
      subjectType: 'ent',
      subjectId: pseudonym,
      after: { entId, auditEntries: changed },
    });
    return pseudonym;
  }

  return {
    /**
     * Imports a complete feed of an ENT. A feed with any problem is refused as a whole (nothing applied, every problem
     * reported with file, line and element); a good one is applied in one transaction, in bounded batches that yield
     * to the event loop, and each school gets its sync report. An aborted `signal` stops it (the transaction rolls
     * back) with the signal's reason.
     *
     * @example
     * ```ts
     * const { run } = await service.feeds.import({ kind: 'system' }, 'ENTBRE', sources);
     * run.status; // 'applied' | 'refused'
     * ```
     */
    async importFeed(
      actor: Actor,
      entId: string,
      sources: readonly FeedSource[],
      onProgress?: (p: FeedProgress) => void,
      importOptions: FeedImportOptions = {},
    ): Promise<FeedImportResult> {
      const { signal } = importOptions;
      const parseFile = importOptions.parseFile ?? options.parseFile;
      requireDirectoryWriter(actor, entId);
      if (!(await store.getEnt(entId))) throw new GarServiceError('not-found', 'no such ENT');
      const startedAt = clock.now().toISOString();
      const runId = randomId();
      const owners = new Map((await store.listSchools()).map((s) => [s.uai, s.entId]));
      let records = 0;
      const readOptions: ReadFeedOptions = {
        schoolOwner: (uai) => owners.get(uai),
        onRecords: (n) => {
          records = n;
          onProgress?.({ phase: 'read', records });
        },
        onFile: (f) => onProgress?.({ phase: 'read', records, file: f.name }),
        ...(parseFile ? { parseFile } : {}),
        ...(signal ? { signal } : {}),
      };
      const base = (read: ReadFeedResult) => ({
        id: runId,
        entId,
        startedAt,
        files: read.files,
        problems: read.problems.list,
        problemCount: read.problems.count,
      });
      const refuse = async (read: ReadFeedResult): Promise<FeedImportResult> => {
        const run: FeedRun = { ...base(read), status: 'refused', finishedAt: clock.now().toISOString() };
        await store.transaction(async (tx) => {
          await tx.putFeedRun(run);
          const at = clock.now();
          for (const school of await tx.listSchools({ entId })) {
            await notifyManagers(tx, {
              uai: school.uai,
              kind: 'feed.problems',
              key: runId,
              data: { runId, problemCount: run.problemCount },
              at,
              mode: options.mailMode ?? 'digest',
              ...(options.consoleUrl ? { consoleUrl: options.consoleUrl } : {}),
              ...(options.supportContact ? { supportContact: options.supportContact } : {}),
            });
          }
        });
        return { run, reports: [] };
      };
      const apply = async (tx: StoreOps, read: ReadFeedResult, snapshot: FeedSnapshot): Promise<FeedImportResult> => {
        onProgress?.({ phase: 'apply', records });
        const at = clock.now();
        const applied = await applyFeed(tx, snapshot, { actor, at, runId, pace: createPace(signal) });
        const reports = await buildSyncReports(snapshot, applied.perSchool, { runId, at: at.toISOString() });
        for (const r of reports) await tx.putSyncReport(r);
        signal?.throwIfAborted();
        const run: FeedRun = {
          ...base(read),
          status: 'applied',
          finishedAt: clock.now().toISOString(),
          summary: applied.summary,
        };
        await tx.putFeedRun(run);
        onProgress?.({ phase: 'done', records });
        return { run, reports };
      };
      if (store.kind !== 'postgres') {
        // Staged in memory: read first, then applied in one transaction.
        const read = await readFeed(entId, sources, readOptions);
        if (!read.snapshot) return refuse(read);
        const snapshot = read.snapshot;
        return store.transaction((tx) => apply(tx, read, snapshot));
      }
      // PostgreSQL: read and applied in one transaction, the feed staged in its temporary tables (dropped at its end,
      // so that a pooler in transaction mode keeps working); a refused feed rolls it back and records its run apart.
      let refused: ReadFeedResult | undefined;
      const applied = await store
        .transaction(async (tx) => {
          const staging = await tx.openFeedStaging(entId);
          const read = await readFeed(entId, sources, { ...readOptions, ...(staging ? { staging } : {}) });
          if (!read.snapshot) {
            refused = read;
            throw REFUSED;
          }
          return apply(tx, read, read.snapshot);
        })
        .catch((error: unknown) => {
          if (error === REFUSED) return undefined;
          throw error;
        });
      return applied ?? refuse(refused!);
    },

    /**
     * A school's latest sync report (its managers and delegates).
     *
     * @example
     * ```ts
     * const report = await service.feeds.syncReport(user, '0561641E');
     * ```
     */
    async getSyncReport(actor: Actor, uai: string): Promise<SyncReport> {
      await requireSchoolRole(store, actor, uai);
      const report = await store.getSyncReport(uai);
      if (!report) throw new GarServiceError('not-found', 'no feed has been imported for this school yet');
      return report;
    },

    /**
     * The ENT's or every feed import, newest first (operator, or the ENT's back end for its own).
     *
     * @example
     * ```ts
     * await service.feeds.runs({ kind: 'system' }, 'ENTBRE');
     * ```
     */
    async listFeedRuns(actor: Actor, entId: string): Promise<FeedRun[]> {
      requireDirectoryWriter(actor, entId);
      return store.listFeedRuns({ entId, limit: 50 });
    },

    /**
     * Erases the data of people who left more than the grace period ago (audit entries keep a pseudonym). The
     * scheduled job calls it under a lease; returns how many were erased.
     *
     * @example
     * ```ts
     * await service.feeds.eraseDeparted({ kind: 'system' });
     * ```
     */
    async eraseDeparted(actor: Actor, limit = 500): Promise<number> {
      requireOperator(actor);
      const leftBefore = new Date(clock.now().getTime() - graceDays * 86_400_000).toISOString();
      const due = await store.listDepartures({ leftBefore, limit });
      for (const d of due)
        await store.transaction((tx) =>
          erase(tx, actor, d.entId, d.personId, d.uais, d.person?.email ? [d.person.email] : []),
        );
      return due.length;
    },

    /**
     * Erases one person now, on request (operator): removed from the directory if still there (copies back to their
     * pools), audit entries pseudonymised. Audited.
     *
     * @example
     * ```ts
     * await service.feeds.erasePerson(operator, 'ENTBRE', 'eleve-12');
     * ```
     */
    async erasePerson(actor: Actor, entId: string, personId: string): Promise<{ pseudonym: string }> {
      requireOperator(actor);
      return store.transaction(async (tx) => {
        const person = await tx.getPerson(entId, personId);
        const departure = await tx.getDeparture(entId, personId);
        if (!person && !departure) throw new GarServiceError('not-found', 'no such person');
        const uais = new Set<string>([...(person ? schoolsOf(person) : []), ...(departure?.uais ?? [])]);
        if (person) {
          const at = clock.now();
          for (const uai of schoolsOf(person)) {
            for (const m of await tx.listMemberships({ uai, personId })) await tx.deleteMembership(m);
            await releaseDeparted(tx, actor, uai, personId, at);
          }
          await tx.deletePerson(entId, personId);
        }
        const respAff = await tx.listRespAff({ entId, personId });
        for (const r of respAff) await tx.deleteRespAff(r.entId, r.personId);
        const emails = [person?.email, departure?.person.email, ...respAff.map((r) => r.email)];
        const known = [...new Set(emails.filter((e): e is string => e !== undefined))];
        return { pseudonym: await erase(tx, actor, entId, personId, [...uais], known) };
      });
    },
  };
}
