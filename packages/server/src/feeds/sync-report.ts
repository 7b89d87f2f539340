import { csvText } from '@opengar/core';
import type { SyncReport } from '../store/types-directory-feeds.js';
import type { FeedSnapshot } from './feed-collector.js';
import type { SchoolChanges } from './apply-feed.js';
import { primaryAnomalies } from './sync-report-1d.js';

/** Longest list of names an anomaly keeps (the counts stay exact in `counts`). */
const LIST_LIMIT = 500;
/** People read from the staging per call. */
const PAGE = 1000;

const label = (p: { lastName: string; firstName: string; id: string }) => `${p.lastName} ${p.firstName} (${p.id})`;

/**
 * The rentrée check of each school of a feed (the allocation manager's mission letter): people per profile, what the
 * feed changed, and anomalies: pupils without a division or without a MEF, divisions without pupils, teachers in no
 * class or group, managers without an e-mail.
 * Browser-safe.
 *
 * @example
 * ```ts
 * const reports = await buildSyncReports(snapshot, applied.perSchool, { runId, at: clock.now().toISOString() });
 * ```
 */
export async function buildSyncReports(
  snap: FeedSnapshot,
  perSchool: ReadonlyMap<string, SchoolChanges>,
  meta: { runId: string; at: string },
): Promise<SyncReport[]> {
  const out: SyncReport[] = [];
  const counts = new Map<string, Record<string, number>>();
  const pupilsWithout = new Map<string, string[]>();
  const teachersWithout = new Map<string, string[]>();
  const withoutMef = new Map<string, string[]>();
  const note = (m: Map<string, string[]>, uai: string, p: { lastName: string; firstName: string; id: string }) => {
    const list = m.get(uai) ?? [];
    if (list.length < LIST_LIMIT) list.push(label(p));
    m.set(uai, list);
  };
  const heads = new Map<string, { id: string; label: string; email?: string }[]>();
  /** `uai\0code` of the divisions with at least one pupil of their school. */
  const withPupils = new Set<string>();
  const primary = primaryAnomalies(snap);
  // The staged people a page at a time, in feed order, each with the groups they are in.
  for (let after = 0; ; after += PAGE) {
    const page = await snap.staging.peopleInOrder(after, PAGE);
    if (page.length === 0) break;
    const groupsOf = await snap.staging.groupsOf(page);
    for (const p of page) {
      const mine = groupsOf.get(p.id) ?? [];
      const memberAt = (uai: string, divisionsOnly: boolean) =>
        mine.some((g) => g.uai === uai && (!divisionsOnly || snap.groups.get(uai)?.get(g.code)?.status === 'DIVISION'));
      for (const g of mine)
        if (p.profiles.some((x) => x.uai === g.uai && x.profile === 'National_elv'))
          withPupils.add(`${g.uai}\u0000${g.code}`);
      primary.visit(p);
      for (const { uai, profile } of p.profiles) {
        let c = counts.get(uai);
        if (!c) {
          c = {};
          counts.set(uai, c);
        }
        c[profile] = (c[profile] ?? 0) + 1;
        if (profile === 'National_elv' && !memberAt(uai, true)) note(pupilsWithout, uai, p);
        if (profile === 'National_elv' && !p.mefs.some((m) => m.uai === uai)) note(withoutMef, uai, p);
        if (profile === 'National_ens' && !memberAt(uai, false)) note(teachersWithout, uai, p);
        if (profile === 'National_dir')
          heads.set(uai, [
            ...(heads.get(uai) ?? []),
            { id: p.id, label: label(p), ...(p.email ? { email: p.email } : {}) },
          ]);
      }
    }
  }
  const managers = await snap.staging.getPeople([...snap.respAff.keys()]);
  for (const uai of [...snap.schools.keys()].sort()) {
    const divisionsWithoutPupils: string[] = [];
    for (const [code, g] of snap.groups.get(uai) ?? []) {
      if (g.status !== 'DIVISION') continue;
      if (!withPupils.has(`${uai}\u0000${code}`)) divisionsWithoutPupils.push(`${g.label} (${code})`);
    }
    const managersWithoutEmail: string[] = [];
    for (const h of heads.get(uai) ?? [])
      if (!h.email && !snap.respAff.get(h.id)?.email) managersWithoutEmail.push(h.label);
    for (const r of snap.respAff.values()) {
      const p = managers.get(r.personId);
      if (!r.uais.includes(uai) || r.email || p?.email) continue;
      managersWithoutEmail.push(p ? label(p) : r.personId);
    }
    out.push({
      uai,
      entId: snap.entId,
      runId: meta.runId,
      at: meta.at,
      counts: counts.get(uai) ?? {},
      changes: perSchool.get(uai) ?? {
        arrived: 0,
        changed: 0,
        left: 0,
        divisionsAdded: 0,
        divisionsRenamed: 0,
        divisionsRemoved: 0,
        groupsAdded: 0,
        groupsRenamed: 0,
        groupsRemoved: 0,
        membershipChanges: 0,
      },
      anomalies: {
        pupilsWithoutDivision: pupilsWithout.get(uai) ?? [],
        divisionsWithoutPupils: divisionsWithoutPupils.sort().slice(0, LIST_LIMIT),
        managersWithoutEmail: [...new Set(managersWithoutEmail)].slice(0, LIST_LIMIT),
        teachersWithoutClasses: teachersWithout.get(uai) ?? [],
        pupilsWithoutMef: withoutMef.get(uai) ?? [],
        ...primary.at(uai),
      },
    });
  }
  return out;
}

/**
 * A sync report as `;`-separated CSV (section;item;value), safe to open in a spreadsheet.
 *
 * @example
 * ```ts
 * const csv = syncReportCsv(report); // 'section;item;value\r\ncount;National_elv;412\r\n…'
 * ```
 */
export function syncReportCsv(report: SyncReport): string {
  const rows: (string | number)[][] = [['section', 'item', 'value']];
  for (const [profile, n] of Object.entries(report.counts).sort()) rows.push(['count', profile, n]);
  for (const [what, n] of Object.entries(report.changes)) rows.push(['change', what, n]);
  for (const name of report.anomalies.pupilsWithoutDivision) rows.push(['pupil_without_division', name, 1]);
  for (const name of report.anomalies.divisionsWithoutPupils) rows.push(['division_without_pupils', name, 1]);
  for (const name of report.anomalies.managersWithoutEmail) rows.push(['manager_without_email', name, 1]);
  for (const name of report.anomalies.teachersWithoutClasses ?? []) rows.push(['teacher_without_class', name, 1]);
  for (const name of report.anomalies.pupilsWithoutMef ?? []) rows.push(['pupil_without_mef', name, 1]);
  return csvText(rows, ';');
}
