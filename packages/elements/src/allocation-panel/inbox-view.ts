import { html, nothing, type TemplateResult } from 'lit';
import type { PanelHost } from './panel-host.js';

const GROUPS = ['subscriptions', 'copies', 'feeds'] as const;

/** The caller's e-mail choices per group of kinds (shown once read from the service). */
function preferencesView(h: PanelHost): TemplateResult | typeof nothing {
  const y = h.year;
  const prefs = y.prefs;
  if (!prefs) return nothing;
  return html`<fieldset part="preferences"><legend>${y.t.inbox.preferences}</legend>
    ${GROUPS.map(
      (
        g,
      ) => html`<label class="choice"><input type="checkbox" part="preference" data-group=${g} .checked=${prefs.email[g]}
        @change=${(e: Event) => y.setEmail(g, (e.target as HTMLInputElement).checked)}>${y.t.inbox.groups[g]}</label>`,
    )}</fieldset>`;
}

/** The notifications tab: newest first, unread ones marked, mark one or all read; texts as the service wrote them. */
export function inboxView(h: PanelHost): TemplateResult {
  const y = h.year;
  const t = y.t.inbox;
  const box = y.inbox;
  const said = html`<p class="sr-only" role="status" part="inbox-status">${box.said}</p>`;
  if (box.status === 'idle' || box.status === 'loading')
    return html`<p class="muted" role="status" aria-busy="true">${y.t.loading}</p>`;
  if (box.status === 'error')
    return html`<div role="alert" part="error"><p>${y.t.failed}</p><button @click=${() => y.loadInbox()}>${y.t.retry}</button></div>`;
  if (box.items.length === 0) return html`${said}<p class="muted" part="empty">${t.empty}</p>${preferencesView(h)}`;
  return html`<section aria-labelledby="inbox-title" part="inbox">
    <div class="row"><h3 id="inbox-title" class="grow">${t.title}</h3>
      ${
        y.unread > 0
          ? html`<button part="mark-all-button" @click=${() => y.markAllRead()}>${t.markAllRead}</button>`
          : html`<span class="muted">${t.allRead}</span>`
      }</div>
    ${said}
    <ul class="rows" part="notifications">
      ${box.items.map(
        (
          n,
        ) => html`<li class="row ${n.readAt ? '' : 'unread'}" part=${n.readAt ? 'notification' : 'notification unread'} data-kind=${n.kind}>
          <span class="grow">${n.readAt ? nothing : html`<span class="flag warn">${t.unread}</span> `}${n.text}
            <span class="muted">· ${h.date(n.createdAt)}</span></span>
          ${
            n.readAt
              ? nothing
              : html`<button part="mark-read-button" aria-label=${t.markReadLabel(n.text)}
                  @click=${() => y.markRead(n.id)}>${t.markRead}</button>`
          }
        </li>`,
      )}
    </ul>${preferencesView(h)}</section>`;
}
