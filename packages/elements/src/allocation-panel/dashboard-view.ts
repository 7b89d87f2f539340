import type { Dashboard } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import { safeHttpUrl } from '../shared/safe-url.js';
import type { PanelHost } from './panel-host.js';
import { safeEmail, suggestionLabel } from './panel-model.js';
import { gauge } from './resource-view.js';

type Ref = { subscriptionId: string; resourceLabel: string };

function section<T extends Ref>(
  title: string,
  items: readonly T[],
  line: (item: T) => TemplateResult | string,
  part: string,
): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<section class="card" part=${`dashboard-card ${part}`}><h3>${title}</h3><ul class="rows">${items.map((i) => html`<li class="row">${line(i)}</li>`)}</ul></section>`;
}

/** The deployment's support contact: one point of contact for every resource. */
export function supportView(h: PanelHost, contact: Dashboard['supportContact']): TemplateResult | typeof nothing {
  if (!contact) return nothing;
  const t = h.t;
  const email = safeEmail(contact.email);
  const url = safeHttpUrl(contact.url);
  const phone = contact.phone && /^\+?[0-9 .()-]{4,30}$/.test(contact.phone) ? contact.phone : undefined;
  return html`<aside class="support" part="support" aria-label=${t.support}>
    <strong>${t.support}${t.colon}</strong> <span>${contact.name}</span>
    ${email ? html` · <a part="support-link" href=${`mailto:${email}`}>${t.supportWrite(contact.name)}</a>` : nothing}
    ${phone ? html` · <a part="support-link" href=${`tel:${phone.replace(/[^+0-9]/g, '')}`}>${phone}</a>` : nothing}
    ${url ? html` · <a part="support-link" href=${url} target="_blank" rel="noopener noreferrer">${t.supportSite}</a>` : nothing}
  </aside>`;
}

/** The dashboard: delivered-not-allocated, new licences, endings, over-allocation, suggestions to accept. */
export function dashboardView(h: PanelHost, accept: (s: Dashboard['suggestions'][number]) => void): TemplateResult {
  const t = h.t;
  const d = h.dashboard;
  if (!d) return html`<p class="muted">${t.loading}</p>`;
  const name = (r: Ref) => html`<span class="grow">${r.resourceLabel}</span>`;
  const empty =
    d.notAllocated.length +
      d.newSubscriptions.length +
      d.endingSoon.length +
      d.overAllocated.length +
      d.beyondPool.length +
      d.suggestions.length ===
    0;
  const audiences = Object.entries(d.allocatedPerAudience);
  return html`<div class="cards">
    ${
      d.suggestions.length > 0
        ? html`<section class="card" part="dashboard-card suggestions"><h3>${t.dashboard.suggestions}</h3>
          <button class="primary" part="accept-all-button" ?disabled=${h.busy} @click=${() => h.acceptAllSuggestions()}>${t.dashboard.acceptAll}</button>
          <ul class="rows">${d.suggestions.map((s) => {
            const label = suggestionLabel(s, t, h.names);
            return html`<li class="row">${name(s)}<span class="muted" part="suggestion">${label} · ${t.dashboard.takes(s.takes)}</span>
            <button part="accept-button" ?disabled=${h.busy} @click=${() => accept(s)}>${t.dashboard.accept(label)}</button></li>`;
          })}</ul></section>`
        : nothing
    }
    ${section(t.dashboard.notAllocated, d.notAllocated, (s) => html`${name(s)}<button part="allocate-button" @click=${() => h.startDraft(s.subscriptionId)}>${t.allocate}</button>`, 'not-allocated')}
    ${section(t.dashboard.newSubscriptions, d.newSubscriptions, (s) => html`${name(s)}<span class="muted">${h.date(s.createdAt)}</span>`, 'new')}
    ${section(t.dashboard.endingSoon, d.endingSoon, (s) => html`${name(s)}<span class="flag warn">${t.endsSoon(h.date(s.validUntil))}</span>`, 'ending')}
    ${section(t.dashboard.overAllocated, d.overAllocated, (s) => html`${name(s)}<span class="flag danger">${t.overAllocated}</span>${s.usage.map((u) => gauge(h, u))}`, 'over')}
    ${
      d.beyondPool.length > 0
        ? html`<section class="card" part="dashboard-card beyond"><ul class="rows">${d.beyondPool.map((b) => html`<li class="row">${name(b)}<span>${t.dashboard.beyondPool(b.personIds.length)}</span></li>`)}</ul></section>`
        : nothing
    }
    ${empty ? html`<p class="muted" part="empty">${t.dashboard.nothing}</p>` : nothing}
    ${
      audiences.length > 0
        ? html`<section class="card" part="dashboard-card per-audience"><h3>${t.dashboard.perAudience}</h3>
          <dl class="pairs">${audiences.map(([a, n]) => html`<dt>${t.audiences[a] ?? a}</dt><dd>${h.num(n)}</dd>`)}</dl></section>`
        : nothing
    }
  </div>`;
}
