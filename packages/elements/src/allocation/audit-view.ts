import { html, nothing, type TemplateResult } from 'lit';
import type { PanelHost } from './panel-host.js';
import { personName, type LabelledTarget } from './panel-model.js';
import { moreButton, searchField } from './picker-view.js';

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
          ${e.undoable && !e.undoneBy ? html`<button part="undo-button" ?disabled=${h.busy} aria-label=${`${t.undo} : ${action} ${subject}`} @click=${() => h.undo(e.id)}>${t.undo}</button>` : nothing}
        </li>`;
      })}
    </ul></section>`;
}

/** Delegations in force; a manager revokes them and delegates to staff found by search. */
export function delegationView(h: PanelHost): TemplateResult {
  const t = h.t;
  const active = h.delegations.filter((d) => d.revokedAt === undefined);
  const manager = h.managerRole === 'manager';
  const staff: LabelledTarget[] = h.searches.staff.people.filter((p) => p.audience !== 'ELEVE').map((p) => ({ target: { kind: 'person', personId: p.id }, label: personName(p) }));
  return html`<section aria-labelledby="deleg-title" part="delegations"><h3 id="deleg-title">${t.delegations.title}</h3>
    ${active.length === 0
      ? html`<p class="muted">${t.delegations.empty}</p>`
      : html`<ul class="rows">${active.map((d) => {
          const name = h.names.get(`person:${d.delegateId}`) ?? d.delegateId;
          return html`<li class="row" part="delegation"><span class="grow">${name}</span><span class="muted">${t.delegations.since(h.date(d.grantedAt))}</span>
            ${manager ? html`<button part="revoke-button" ?disabled=${h.busy} aria-label=${t.delegations.revoke(name)} @click=${() => h.revoke(d.delegateId, name)}>${t.withdraw}</button>` : nothing}</li>`;
        })}</ul>`}
    ${manager
      ? html`<h4>${t.delegations.add}</h4>${searchField(h, 'staff', h.searches.staff, t.delegations.search)}
          <ul class="rows">${staff.map((s) => {
            const id = s.target.kind === 'person' ? s.target.personId : '';
            const already = active.some((d) => d.delegateId === id);
            return html`<li class="row"><span class="grow">${s.label}</span>
              <button part="delegate-button" ?disabled=${h.busy || already} @click=${() => h.delegate(id, s.label)}>${t.delegations.delegate(s.label)}</button></li>`;
          })}</ul>${moreButton(h, 'staff', h.searches.staff)}`
      : html`<p class="muted">${t.delegations.onlyManagers}</p>`}
  </section>`;
}
