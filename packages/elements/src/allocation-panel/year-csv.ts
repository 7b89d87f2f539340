import { type DirectoryPerson, csvText } from '@opengar/core';
import type { YearTranslation } from './localize/year.js';
import type { PanelHost } from './panel-host.js';
import { targetLabel } from './panel-model.js';
import { statusesOf } from './year-data.js';

// The panel's CSV exports: French files use `;` and every file starts with a BOM, so French spreadsheets open them
// right. Cells go through core's `csvCell` (formulas neutralised: names come from feeds and publishers).

function csv(rows: readonly (readonly (string | number)[])[], separator: string): string {
  return csvText(rows, separator === ';' ? ';' : ',');
}

const day = (iso: string) => iso.slice(0, 10);

/** Every subscription of the school, with its status, licences and use. */
export function subscriptionsCsv(p: PanelHost, t: YearTranslation, sep: string, newIds: ReadonlySet<string>): string {
  const rows: (string | number)[][] = [[...t.csv.subscriptions]];
  for (const s of p.subs) {
    const x = s.subscription;
    const licences = s.usage.map((u) => (u.licences === 'ILLIMITE' ? '∞' : u.licences)).join(' + ');
    const used = s.usage.reduce((n, u) => n + u.used, 0);
    const statuses = statusesOf(s, p.nowMs, newIds).map((k) => t.statuses[k]);
    rows.push([
      x.id,
      x.resourceLabel,
      x.distributorId,
      x.type,
      day(x.validFrom),
      day(x.validUntil),
      statuses.join(', '),
      licences,
      used,
      s.allocationCount,
    ]);
  }
  return csv(rows, sep);
}

/** Every allocation of the school: subscription, target in words, copies, date. */
export function allocationsCsv(p: PanelHost, t: YearTranslation, sep: string): string {
  const label = new Map(p.subs.map((s) => [s.subscription.id, s.subscription.resourceLabel]));
  const rows: (string | number)[][] = [[...t.csv.allocations]];
  for (const a of p.allocations)
    rows.push([
      a.subscriptionId,
      label.get(a.subscriptionId) ?? '',
      targetLabel(a.target, p.t, p.names),
      a.copies,
      day(a.createdAt),
    ]);
  return csv(rows, sep);
}

/** Every holder of a copy: one line per person and subscription. */
export function holdersCsv(p: PanelHost, t: YearTranslation, sep: string, people: readonly DirectoryPerson[]): string {
  const label = new Map(p.subs.map((s) => [s.subscription.id, s.subscription.resourceLabel]));
  const rows: (string | number)[][] = [[...t.csv.holders]];
  for (const person of people)
    for (const id of person.subscriptionIds)
      rows.push([
        id,
        label.get(id) ?? '',
        person.lastName,
        person.firstName,
        p.t.audiences[person.audience ?? ''] ?? person.audience ?? '',
      ]);
  return csv(rows, sep);
}

/** Saves CSV text as `name.csv`, with a BOM, through a link clicked in `root`. */
export function downloadCsv(root: Node, text: string, name: string): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.csv`;
  a.hidden = true;
  root.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
