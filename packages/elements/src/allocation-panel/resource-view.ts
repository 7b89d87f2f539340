import type { SchoolSubscription } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { PanelHost } from './panel-host.js';
import { endsSoon, personIdentity, personName, targetLabel } from './panel-model.js';
import { draftView, moreButton, searchField } from './picker-view.js';
import { existsHere, quickGiveView } from './ecole-view.js';

/** One pool's gauge: a meter for a finite pool, a plain count for an unlimited one. */
export function gauge(h: PanelHost, u: SchoolSubscription['usage'][number]): TemplateResult {
  const t = h.t;
  const name = t.audiences[u.pool] ?? u.pool;
  if (u.licences === 'ILLIMITE') {
    return html`<div class="gauge" part="gauge"><span class="gauge-name">${t.pool(name)}</span><span>${t.gauge(h.num(u.used), t.unlimited)}</span></div>`;
  }
  const over = u.used > u.licences;
  const left = typeof u.remaining === 'number' ? Math.max(0, u.remaining) : 0;
  return html`<div class="gauge ${over ? 'over' : ''}" part="gauge">
    <span class="gauge-name">${t.pool(name)}</span>
    <meter part="gauge-meter" min="0" max=${Math.max(u.licences, 1)} value=${Math.min(u.used, Math.max(u.licences, 1))} low=${Math.floor(u.licences * 0.8)} high=${Math.floor(u.licences * 0.95)} optimum="0" aria-label=${`${t.pool(name)}${t.colon} ${t.gauge(h.num(u.used), h.num(u.licences))}`}></meter>
    <span>${t.gauge(h.num(u.used), h.num(u.licences))} · ${t.left(h.num(left))}</span>
  </div>`;
}

/** The warnings of a subscription: over-allocated, ending soon, outside its validity. */
export function flags(h: PanelHost, s: SchoolSubscription): TemplateResult {
  const t = h.t;
  return html`${s.overAllocated ? html`<span class="flag danger" part="flag flag-over">${t.overAllocated}</span>` : nothing}
  ${!s.valid ? html`<span class="flag" part="flag">${t.notValid}</span>` : endsSoon(s, h.nowMs) ? html`<span class="flag warn" part="flag flag-ending">${t.endsSoon(h.date(s.subscription.validUntil))}</span>` : nothing}`;
}

function kind(h: PanelHost, s: SchoolSubscription): string {
  const t = h.t;
  return `${s.subscription.type === 'ETABL' ? t.etabl : t.indiv}${s.subscription.category === 'non transferable' ? ` · ${t.nonTransferable}` : ''}`;
}

function detail(h: PanelHost, s: SchoolSubscription): TemplateResult {
  const t = h.t;
  const id = s.subscription.id;
  const allocations = h.allocations.filter((a) => a.subscriptionId === id);
  const drafting = h.draft?.subscriptionId === id;
  return html`<section class="detail" part="subscription-detail" aria-labelledby="detail-title">
    <h3 id="detail-title">${s.subscription.resourceLabel}</h3>
    <p class="muted">${kind(h, s)} · ${t.endsOn(h.date(s.subscription.validUntil))} ${flags(h, s)}</p>
    <div class="gauges">${s.usage.filter((u) => existsHere(h)(u.pool)).map((u) => gauge(h, u))}</div>
    ${drafting ? nothing : quickGiveView(h, s)}
    ${h.releasedData?.(s.subscription.resourceId) ?? nothing}
    ${
      drafting
        ? draftView(h, s)
        : html`<button class="primary" part="allocate-button" ?disabled=${h.busy || !s.valid} @click=${() => h.startDraft(id)}>${t.allocateTo(s.subscription.resourceLabel)}</button>`
    }
    <h4>${t.allocationsOf(s.subscription.resourceLabel)}</h4>
    ${
      allocations.length === 0
        ? html`<p class="muted">${t.noAllocations}</p>`
        : html`<ul class="rows" part="allocations">
          ${allocations.map((a) => {
            const label = targetLabel(a.target, t, h.names);
            return html`<li class="row" part="allocation">
              <span class="grow">${label}</span><span class="muted">${t.copies(a.copies)} · ${h.date(a.createdAt)}</span>
              <button part="withdraw-button" ?disabled=${h.busy} aria-label=${t.withdrawLabel(label)} @click=${() => h.withdrawAllocation(a)}>${t.withdraw}</button>
            </li>`;
          })}
        </ul>`
    }
    ${holders(h, s)}
  </section>`;
}

/** Who holds a copy, searched and paged on the server, each with a withdraw button. */
function holders(h: PanelHost, s: SchoolSubscription): TemplateResult {
  const t = h.t;
  const found = h.searches.holders;
  const name = s.subscription.resourceLabel;
  return html`<h4 id="holders-title">${t.holdersTitle(found.totalPeople)}</h4>
    ${searchField(h, 'holders', found, t.searchHolders)}
    <ul class="rows" part="holders" aria-labelledby="holders-title">
      ${found.people.map((p) => {
        const who = personName(p);
        return html`<li class="row" part="holder"><span class="grow">${who}</span><span class="muted" part="identity">${personIdentity(p, t)}</span>
          <button part="transfer-button" ?disabled=${h.busy || !s.valid} aria-label=${t.transferLabel(who)} @click=${() => h.startDraft(s.subscription.id, [], { personId: p.id, name: who })}>${t.transfer}</button>
          <button part="withdraw-button" ?disabled=${h.busy} aria-label=${t.withdrawLabel(`${who} (${name})`)} @click=${() => h.withdrawPeople(s.subscription.id, [p.id])}>${t.withdraw}</button></li>`;
      })}
    </ul>
    ${moreButton(h, 'holders', found)}`;
}

/** The "by resource" view: every subscription with its gauges; the chosen one with its allocations. */
export function resourceView(h: PanelHost): TemplateResult {
  const t = h.t;
  if (h.subs.length === 0) return html`<p class="empty" part="empty">${t.noSubscriptions}</p>`;
  const selected = h.subs.find((s) => s.subscription.id === h.selectedSubId);
  return html`<div class="split">
    <ul class="subs" part="subscriptions" aria-label=${t.subscriptionsLabel}>
      ${h.subs.map(
        (s) => html`<li class="sub ${s.subscription.id === h.selectedSubId ? 'current' : ''}" part="subscription">
          <button class="sub-name" part="subscription-button" aria-current=${s.subscription.id === h.selectedSubId ? 'true' : 'false'} @click=${() => h.selectSubscription(s.subscription.id)}>${s.subscription.resourceLabel}</button>
          <span class="muted">${kind(h, s)}</span> ${flags(h, s)}
          <div class="gauges">${s.usage.filter((u) => existsHere(h)(u.pool)).map((u) => gauge(h, u))}</div>
        </li>`,
      )}
    </ul>
    ${selected ? detail(h, selected) : nothing}
  </div>`;
}
