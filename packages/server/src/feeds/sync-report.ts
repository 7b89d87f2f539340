import { csvText } from '@opengar/core';
import type { SyncReport } from '../store/types-directory-feeds.js';
import type { FeedSnapshot } from './feed-collector.js';
import type { SchoolChanges } from './apply-feed.js';
import { primaryAnomalies } from './sync-report-1d.js';

/** Longest list of names an anomaly keeps (the counts stay exact in `counts`). */
const LIST_LIMIT = 500;

const label = (p: { lastName: string; firstName: string; id: string }) => `${p.lastName} ${p.firstName} (${p.id})`;

/**
 * The rentrée check of each school of a feed (the allocation manager's mission letter): people per profile, what the
 * feed changed, and anomalies: pupils without a division or without a MEF, divisions without pupils, teachers in no
 * class or group, managers without an e-mail.
 * Browser-safe.
 *
 * @example
 * ```ts
 * const reports = buildSyncReports(snapshot, applied.perSchool, { runId, at: clock.now().toISOString() });
 * ```
 */
export function buildSyncReports(
  snap: FeedSnapshot,
  perSchool: ReadonlyMap<string, SchoolChanges>,
  meta: { runId: string; at: string },
): SyncReport[] {
  const out: SyncReport[] = [];
  const counts = new Map<string, Record<string, number>>();
  // Looked up in the school's groups as each person is read (no set of every member of every school at once).
  const membersOf = (uai: string, id: string, divisionsOnly: boolean) => {
    const members = snap.memberships.get(uai);
    if (!members) return false;
    for (const [code, ids] of members) {
      if (!ids.has(id)) continue;
      if (!divisionsOnly || snap.groups.get(uai)?.get(code)?.status === 'DIVISION') return true;
    }
    return false;
  };
  const pupilsWithout = new Map<string, string[]>();
  const teachersWithout = new Map<string, string[]>();
  const withoutMef = new Map<string, string[]>();
  const note = (m: Map<string, string[]>, uai: string, p: { lastName: string; firstName: string; id: string }) => {
    const list = m.get(uai) ?? [];
    if (list.length < LIST_LIMIT) list.push(label(p));
    m.set(uai, list);
  };
  const heads = new Map<string, { id: string; label: string; email?: string }[]>();
  for (const p of snap.people.values()) {
    for (const { uai, profile } of p.profiles) {
      let c = counts.get(uai);
      if (!c) {
        c = {};
        counts.set(uai, c);
      }
      c[profile] = (c[profile] ?? 0) + 1;
      if (profile === 'National_elv' && !membersOf(uai, p.id, true)) note(pupilsWithout, uai, p);
      if (profile === 'National_elv' && !p.mefs.some((m) => m.uai === uai)) note(withoutMef, uai, p);
      if (profile === 'National_ens' && !membersOf(uai, p.id, false)) note(teachersWithout, uai, p);
      if (profile === 'National_dir')
        heads.set(uai, [
          ...(heads.get(uai) ?? []),
          { id: p.id, label: label(p), ...(p.email ? { email: p.email } : {}) },
        ]);
    }
  }
  const primary = primaryAnomalies(snap);
  for (const uai of [...snap.schools.keys()].sort()) {
    const divisionsWithoutPupils: string[] = [];
    for (const [code, g] of snap.groups.get(uai) ?? []) {
      if (g.status !== 'DIVISION') continue;
      const members = snap.memberships.get(uai)?.get(code);
      const pupils = [...(members ?? [])].some((id) =>
        snap.people.get(id)?.profiles.some((x) => x.uai === uai && x.profile === 'National_elv'),
      );
      if (!pupils) divisionsWithoutPupils.push(`${g.label} (${code})`);
    }
    const managersWithoutEmail: string[] = [];
    for (const h of heads.get(uai) ?? [])
      if (!h.email && !snap.respAff.get(h.id)?.email) managersWithoutEmail.push(h.label);
    for (const r of snap.respAff.values()) {
      const p = snap.people.get(r.personId);
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
        ...primary(uai),
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
