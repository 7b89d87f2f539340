import { html, nothing, type TemplateResult } from 'lit';
import type { PanelHost } from './panel-host.js';

function subjectOf(h: PanelHost, after: unknown, before: unknown): string {
  const pick = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
  const a = { ...pick(before), ...pick(after) };
  const id = typeof a['subscriptionId'] === 'string' ? a['subscriptionId'] : undefined;
  if (id) return h.subs.find((s) => s.subscription.id === id)?.subscription.resourceLabel ?? id;
  const delegate = typeof a['delegateId'] === 'string' ? a['delegateId'] : undefined;
  return delegate ? (h.names.get(`person:${delegate}`) ?? delegate) : '';
}

/** The audit trail, most recent first, each undoable change with its undo button. */
export function auditView(h: PanelHost): TemplateResult {
  const t = h.t;
  if (h.audit.length === 0) return html`<p class="muted" part="empty">${t.audit.empty}</p>`;
  return html`<section aria-labelledby="audit-title"><h3 id="audit-title">${t.audit.title}</h3>
    <ul class="rows" part="audit">
      ${h.audit.map((e) => {
        const action = t.audit.actions[e.action] ?? e.action;
        const who = h.names.get(`person:${e.actor}`) ?? e.actor;
        const subject = subjectOf(h, e.after, e.before);
        return html`<li class="row" part="audit-entry">
          <span class="grow"><strong>${action}</strong> ${subject ? html`· ${subject}` : nothing}
            <span class="muted">${t.audit.by(who, h.date(e.at))}</span>${e.undoneBy ? html` <span class="flag">${t.audit.undone}</span>` : nothing}</span>
          ${e.undoable && !e.undoneBy ? html`<button part="undo-button" ?disabled=${h.busy} aria-label=${`${t.undo}${t.colon} ${action} ${subject}`} @click=${() => h.undo(e.id)}>${t.undo}</button>` : nothing}
        </li>`;
      })}
    </ul></section>`;
}
