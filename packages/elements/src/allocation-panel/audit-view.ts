import type { AudienceCounts, AuditEntryView } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { AuditFilters } from './audit-history.js';
import type { PanelHost } from './panel-host.js';

const AUDIENCES = ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'] as const;

/** Copies per audience in words: `28 élèves, 1 enseignant`. */
export function countsText(h: PanelHost, c: AudienceCounts): string {
  return AUDIENCES.filter((a) => (c[a] ?? 0) > 0)
    .map((a) => `${h.num(c[a] ?? 0)} ${c[a] === 1 ? h.t.audit.one[a] : h.t.audiences[a]}`)
    .join(', ');
}

/** An entry's targets in words: a name, with its population when it gives to some audiences only. */
export function targetsText(h: PanelHost, targets: AuditEntryView['targets']): string {
  return targets
    .map((x) => {
      const pop = x.population?.map((a) => h.t.audiences[a]).join(', ');
      if (x.kind === 'audience') return pop ?? x.name;
      return pop && x.kind !== 'person' ? `${x.name} (${pop})` : x.name;
    })
    .join(', ');
}

const actionOf = (h: PanelHost, e: AuditEntryView) => h.t.audit.actions[e.action] ?? e.action;
const resourceOf = (h: PanelHost, id: string | undefined) =>
  id ? (h.subs.find((s) => s.subscription.id === id)?.subscription.resourceLabel ?? id) : '';
const authorOf = (h: PanelHost, e: AuditEntryView) => (e.actor === 'system' ? h.t.audit.system : e.author);
const when = (h: PanelHost, iso: string) =>
  new Date(iso).toLocaleString(h.t.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** What an undo would do, in the words of its preview. */
function previewText(h: PanelHost): string {
  const p = h.history.ask?.preview;
  const a = h.t.audit;
  if (!p) return h.t.loading;
  if (!p.possible) {
    const why = p.reason ? a.why[p.reason.code] : undefined;
    return why ? `${a.cannot}${h.t.colon} ${why}.` : `${a.cannot}.`;
  }
  const took = countsText(h, p.took);
  const gave = countsText(h, p.gave);
  const parts = [took ? a.willTake(took) : '', gave ? a.willGive(gave) : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : a.changesNothing;
}

function askView(h: PanelHost, e: AuditEntryView): TemplateResult {
  const a = h.t.audit;
  const p = h.history.ask?.preview;
  const onKey = (ev: KeyboardEvent) => ev.key === 'Escape' && h.cancelUndo();
  return html`<div class="ask" part="undo-ask" role="group" tabindex="-1" aria-labelledby="ask-q" aria-describedby="ask-what"
    @keydown=${onKey}>
    <p id="ask-q"><strong>${a.ask(actionOf(h, e), targetsText(h, e.targets))}</strong></p>
    <p id="ask-what" aria-live="polite">${previewText(h)}</p>
    <button part="confirm-undo-button" ?disabled=${h.busy || !p?.possible} @click=${() => h.undo(e.id)}>${a.confirm}</button>
    <button part="keep-button" @click=${() => h.cancelUndo()}>${a.keep}</button>
  </div>`;
}

function entryView(h: PanelHost, e: AuditEntryView): TemplateResult {
  const a = h.t.audit;
  const action = actionOf(h, e);
  const resource = resourceOf(h, e.subscriptionId);
  const targets = targetsText(h, e.targets);
  const gave = countsText(h, e.gave);
  const took = countsText(h, e.took);
  const undid = e.undid ? h.t.audit.actions[AUDIT_ACTION[e.undid.kind]] : undefined;
  const subject = [resource, targets].filter(Boolean).join(' · ');
  return html`<li class="row" part="audit-entry">
    <span class="grow"><strong>${action}</strong>${subject ? html` · ${subject}` : nothing}
      ${gave ? html` <span part="counts">${a.gave(gave)}</span>` : nothing}${took ? html` <span part="counts">${a.took(took)}</span>` : nothing}
      ${undid ? html` <span part="undid">${a.undid(undid)}</span>` : nothing}
      <span class="muted">${a.by(authorOf(h, e), when(h, e.at))}</span>${e.undoneBy ? html` <span class="flag">${a.undone}</span>` : nothing}</span>
    ${
      e.undoable && !e.undoneBy
        ? html`<button part="undo-button" ?disabled=${h.busy} aria-label=${`${h.t.undo}${h.t.colon} ${action} ${subject}`}
            aria-expanded=${h.history.ask?.entry.id === e.id ? 'true' : 'false'} @click=${() => h.askUndo(e)}>${h.t.undo}</button>`
        : nothing
    }
    ${h.history.ask?.entry.id === e.id ? askView(h, e) : nothing}
  </li>`;
}

const AUDIT_ACTION: Record<NonNullable<AuditEntryView['undid']>['kind'], string> = {
  allocate: 'allocation.create',
  withdraw: 'allocation.withdraw',
  move: 'allocation.move',
  delegate: 'delegation.grant',
  revoke: 'delegation.revoke',
};

function filtersView(h: PanelHost): TemplateResult {
  const a = h.t.audit;
  const f = h.history.filters;
  const authors = new Map(h.audit.map((e) => [e.actor, authorOf(h, e)]));
  const targets = new Map(h.audit.flatMap((e) => e.targets.map((x) => [x.key, targetsText(h, [x])] as const)));
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value=${value} ?selected=${value === current}>${label}</option>`;
  const submit = (ev: SubmitEvent) => {
    ev.preventDefault();
    const data = new FormData(ev.target as HTMLFormElement);
    const filters: AuditFilters = {};
    for (const k of ['subscriptionId', 'target', 'author', 'from', 'to'] as const) {
      const v = data.get(k);
      if (typeof v === 'string' && v) filters[k] = v;
    }
    h.filterAudit(filters);
  };
  return html`<form class="filters" part="audit-filters" aria-label=${a.filters} @submit=${submit}>
    <label>${a.resource} <select name="subscriptionId">${option('', a.any, f.subscriptionId)}
      ${h.subs.map((s) => option(s.subscription.id, s.subscription.resourceLabel, f.subscriptionId))}</select></label>
    <label>${a.target} <select name="target">${option('', a.any, f.target)}
      ${[...targets].map(([k, label]) => option(k, label, f.target))}</select></label>
    <label>${a.author} <select name="author">${option('', a.anyone, f.author)}
      ${[...authors].map(([id, name]) => option(id, name, f.author))}</select></label>
    <label>${a.from} <input type="date" name="from" .value=${f.from ?? ''}></label>
    <label>${a.to} <input type="date" name="to" .value=${f.to ?? ''}></label>
    <button type="submit" part="filter-button">${a.apply}</button>
    <button type="button" part="export-button" @click=${() => h.exportAudit()}>${a.exportCsv}</button>
  </form>`;
}

/** The history: filters, CSV export, the entries most recent first (each undo asked with its preview), more pages. */
export function auditView(h: PanelHost): TemplateResult {
  const t = h.t;
  const list = h.audit.length
    ? html`<ul class="rows" part="audit">${h.audit.map((e) => entryView(h, e))}</ul>`
    : html`<p class="muted" part="empty">${t.audit.empty}</p>`;
  return html`<section aria-labelledby="audit-title"><h3 id="audit-title">${t.audit.title}</h3>
    ${filtersView(h)}${list}
    ${h.history.next ? html`<button part="more-button" ?disabled=${h.busy} @click=${() => h.moreAudit()}>${t.audit.more}</button>` : nothing}
  </section>`;
}
