import { html, nothing, type TemplateResult } from 'lit';
import type { PanelHost } from './panel-host.js';
import { personName, type LabelledTarget } from './panel-model.js';
import { moreButton, searchField } from './picker-view.js';

/** Delegations in force; a manager revokes them and delegates to staff found by search. */
export function delegationView(h: PanelHost): TemplateResult {
  const t = h.t;
  const active = h.delegations.filter((d) => d.revokedAt === undefined);
  const manager = h.managerRole === 'manager';
  const staff: LabelledTarget[] = h.searches.staff.people
    .filter((p) => p.audience !== 'ELEVE')
    .map((p) => ({ target: { kind: 'person', personId: p.id }, label: personName(p) }));
  return html`<section aria-labelledby="deleg-title" part="delegations"><h3 id="deleg-title">${t.delegations.title}</h3>
    ${
      active.length === 0
        ? html`<p class="muted">${t.delegations.empty}</p>`
        : html`<ul class="rows">${active.map((d) => {
            const name = h.names.get(`person:${d.delegateId}`) ?? d.delegateId;
            return html`<li class="row" part="delegation"><span class="grow">${name}</span><span class="muted">${t.delegations.since(h.date(d.grantedAt))}</span>
            ${manager ? html`<button part="revoke-button" ?disabled=${h.busy} aria-label=${t.delegations.revoke(name)} @click=${() => h.revoke(d.delegateId, name)}>${t.withdraw}</button>` : nothing}</li>`;
          })}</ul>`
    }
    ${
      manager
        ? html`<h4>${t.delegations.add}</h4>${searchField(h, 'staff', h.searches.staff, t.delegations.search)}
          <ul class="rows">${staff.map((s) => {
            const id = s.target.kind === 'person' ? s.target.personId : '';
            const already = active.some((d) => d.delegateId === id);
            return html`<li class="row"><span class="grow">${s.label}</span>
              <button part="delegate-button" ?disabled=${h.busy || already} @click=${() => h.delegate(id, s.label)}>${t.delegations.delegate(s.label)}</button></li>`;
          })}</ul>${moreButton(h, 'staff', h.searches.staff)}`
        : html`<p class="muted">${t.delegations.onlyManagers}</p>`
    }
  </section>`;
}
