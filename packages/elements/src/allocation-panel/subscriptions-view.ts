import { html, nothing, type TemplateResult } from 'lit';
import type { SubscriptionStatus } from './localize/year.js';
import type { PanelHost } from './panel-host.js';
import { filterCatalogue, type CatalogueFilters } from './year-data.js';

const STATUSES: readonly SubscriptionStatus[] = ['new', 'delivered', 'ending', 'expired', 'over'];
const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

function statusFlag(h: PanelHost, k: SubscriptionStatus): TemplateResult {
  const tone = k === 'over' || k === 'expired' ? 'danger' : k === 'ending' || k === 'new' ? 'warn' : '';
  return html`<span class="flag ${tone}" part=${`flag status-${k}`}>${h.year.t.statuses[k]}</span>`;
}

/** The read-only list of every subscription of the school, searchable, filtered, sorted, exportable as CSV. */
export function subscriptionsView(h: PanelHost): TemplateResult {
  const y = h.year;
  const t = y.t.catalogue;
  const f = y.filters;
  const publishers = [...new Set(h.subs.map((s) => s.subscription.distributorId))].sort();
  const rows = filterCatalogue(h.subs, f, h.nowMs, y.newIds);
  const statusOptions: [string, string][] = [
    ['', t.any],
    ...STATUSES.map((k): [string, string] => [k, y.t.statuses[k]]),
  ];
  const set = (patch: Partial<CatalogueFilters>) => y.filter(patch);
  const select = (label: string, current: string, options: readonly [string, string][], on: (v: string) => void) =>
    html`<label class="field"><span>${label}</span><select @change=${(e: Event) => on(value(e))}>
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === current}>${text}</option>`)}</select></label>`;
  return html`<section aria-labelledby="catalogue-title" part="catalogue">
    <h3 id="catalogue-title">${t.title}</h3>
    ${y.canAllocate ? nothing : html`<p class="muted" part="read-only">${t.readOnly}</p>`}
    <div class="filters" part="filters">
      <label class="field"><span>${t.search}</span>
        <input type="search" part="search" .value=${f.query} @input=${(e: Event) => set({ query: value(e) })}></label>
      ${select(t.publisher, f.publisher, [['', t.any], ...publishers.map((p): [string, string] => [p, p])], (v) => set({ publisher: v }))}
      ${select(
        t.type,
        f.type,
        [
          ['', t.any],
          ['ETABL', h.t.etabl],
          ['INDIV', h.t.indiv],
        ],
        (v) => set({ type: v as CatalogueFilters['type'] }),
      )}
      ${select(t.status, f.status, statusOptions, (v) => set({ status: v as CatalogueFilters['status'] }))}
      <label class="choice"><input type="checkbox" part="to-allocate" .checked=${f.toAllocate}
        @change=${(e: Event) => set({ toAllocate: (e.target as HTMLInputElement).checked })}>${t.toAllocate}</label>
      ${select(
        t.sort,
        f.sort,
        (['name', 'end', 'status', 'publisher'] as const).map((k): [string, string] => [k, t.sorts[k]]),
        (v) => set({ sort: v as CatalogueFilters['sort'] }),
      )}
    </div>
    <div class="actions" part="exports">
      ${(['subscriptions', 'allocations', 'holders'] as const).map(
        (what) =>
          html`<button part=${`export-button export-${what}`} ?disabled=${y.exporting} @click=${() => y.exportCatalogue(what)}>${
            { subscriptions: t.exportSubscriptions, allocations: t.exportAllocations, holders: t.exportHolders }[what]
          }</button>`,
      )}
      ${y.exporting ? html`<span class="muted" role="status">${t.exporting}</span>` : nothing}
    </div>
    <p class="muted" role="status" part="shown">${t.shown(rows.length, h.subs.length)}</p>
    ${
      rows.length === 0
        ? html`<p class="muted" part="empty">${t.none}</p>`
        : html`<table class="catalogue" part="catalogue-table"><caption class="sr-only">${t.title}</caption>
      <thead><tr><th scope="col">${t.columns.resource}</th><th scope="col">${t.columns.publisher}</th><th scope="col">${t.columns.type}</th>
        <th scope="col">${t.columns.ends}</th><th scope="col">${t.columns.copies}</th><th scope="col">${t.columns.status}</th></tr></thead>
      <tbody>${rows.map(({ sub, statuses }) => {
        const x = sub.subscription;
        const used = sub.usage.reduce((n, u) => n + u.used, 0);
        const licences = sub.usage.some((u) => u.licences === 'ILLIMITE')
          ? h.t.unlimited
          : h.num(sub.usage.reduce((n, u) => n + (u.licences === 'ILLIMITE' ? 0 : u.licences), 0));
        return html`<tr class=${statuses.includes('expired') ? 'expired' : ''} part="catalogue-row" data-id=${x.id}>
          <th scope="row">${x.resourceLabel}</th><td>${x.distributorId}</td><td>${x.type === 'ETABL' ? h.t.etabl : h.t.indiv}</td>
          <td>${h.date(x.validUntil)}</td><td>${h.t.gauge(h.num(used), licences)}</td>
          <td>${statuses.map((k) => statusFlag(h, k))}</td></tr>`;
      })}</tbody></table>`
    }
  </section>`;
}
