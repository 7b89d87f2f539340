import { html, nothing, type TemplateResult } from 'lit';
import type { PanelHost } from './panel-host.js';
import { keyOf } from './panel-model.js';
import { draftView, moreButton, searchChoices, searchField } from './picker-view.js';

function holdings(h: PanelHost): TemplateResult | typeof nothing {
  const t = h.t;
  const p = h.population;
  if (!p) return html`<p class="muted">${t.choosePopulation}</p>`;
  const key = keyOf(p.target);
  const byTarget = h.allocations.filter((a) => keyOf(a.target) === key);
  const personId = p.target.kind === 'person' ? p.target.personId : undefined;
  const held = personId ? h.subs.filter((s) => p.holds?.includes(s.subscription.id)) : [];
  const draftSub = h.draft ? h.subs.find((s) => s.subscription.id === h.draft?.subscriptionId) : undefined;
  return html`<section class="detail" part="population-detail" aria-labelledby="pop-title">
    <h3 id="pop-title">${p.label}</h3>
    ${
      personId
        ? html`<h4>${t.holds}</h4>
          ${
            held.length === 0
              ? html`<p class="muted">${t.holdsNothing}</p>`
              : html`<ul class="rows">
                ${held.map(
                  (s) => html`<li class="row"><span class="grow">${s.subscription.resourceLabel}</span>
                    <button part="withdraw-button" ?disabled=${h.busy} aria-label=${t.withdrawLabel(`${p.label} (${s.subscription.resourceLabel})`)} @click=${() => h.withdrawPeople(s.subscription.id, [personId])}>${t.withdraw}</button></li>`,
                )}
              </ul>`
          }`
        : html`<h4>${t.allocationsForTarget}</h4>
          ${
            byTarget.length === 0
              ? html`<p class="muted">${t.holdsNothing}</p>`
              : html`<ul class="rows">
                ${byTarget.map((a) => {
                  const name =
                    h.subs.find((s) => s.subscription.id === a.subscriptionId)?.subscription.resourceLabel ??
                    a.subscriptionId;
                  return html`<li class="row"><span class="grow">${name}</span><span class="muted">${t.copies(a.copies)}</span>
                    <button part="withdraw-button" ?disabled=${h.busy} aria-label=${t.withdrawLabel(`${p.label} (${name})`)} @click=${() => h.withdrawAllocation(a)}>${t.withdraw}</button></li>`;
                })}
              </ul>`
          }`
    }
    <label class="field"><span>${t.allocate}</span>
      <select part="subscription-select" @change=${(e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        if (v) h.startDraft(v, [p]);
        else h.cancelDraft();
      }}>
        <option value="" ?selected=${!draftSub}>—</option>
        ${h.subs.filter((s) => s.valid).map((s) => html`<option value=${s.subscription.id} ?selected=${draftSub?.subscription.id === s.subscription.id}>${s.subscription.resourceLabel}</option>`)}
      </select>
    </label>
    ${draftSub ? draftView(h, draftSub) : nothing}
  </section>`;
}

/** The "by population" view: find a class, group or person, see what it has, withdraw or allocate. */
export function populationView(h: PanelHost): TemplateResult {
  const t = h.t;
  const s = h.searches.population;
  const current = h.population ? keyOf(h.population.target) : '';
  return html`<div class="split">
    <div class="finder" part="population-finder">
      ${searchField(h, 'population', s, t.searchTargets)}
      <ul class="rows" aria-label=${t.searchTargets}>
        ${searchChoices(h, s).map(
          ({
            item,
            hint,
          }) => html`<li><button class="choice-button" part="population-choice" aria-current=${keyOf(item.target) === current ? 'true' : 'false'} @click=${() => h.choosePopulation(item)}>
            <span class="grow">${item.label}</span> <span class="muted">${hint}</span></button></li>`,
        )}
      </ul>
      ${s.groups.length + s.people.length === 0 && !s.loading ? html`<p class="muted">${t.noMatch}</p>` : nothing}
      ${moreButton(h, 'population', s)}
    </div>
    ${holdings(h)}
  </div>`;
}
