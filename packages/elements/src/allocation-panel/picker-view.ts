import type { AllocationTarget, SchoolSubscription } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { SearchKind } from './directory-searches.js';
import type { PanelHost, SearchState } from './panel-host.js';
import { existsHere } from './ecole-view.js';
import { describeRefusal, keyOf, personIdentity, personName, type LabelledTarget } from './panel-model.js';

/** Every choice a search offers, in order: levels, divisions and groups first, then people. */
export function searchChoices(h: PanelHost, s: SearchState): { item: LabelledTarget; hint: string }[] {
  const t = h.t;
  const out: { item: LabelledTarget; hint: string }[] = [];
  for (const l of s.levels ?? [])
    out.push({
      item: { target: { kind: 'level', mefStat4: l.mefStat4 }, label: t.levelTarget(t.levels[l.mefStat4] ?? l.label) },
      hint: `${h.num(l.pupils)} ${t.audiences['ELEVE']}`,
    });
  for (const g of s.groups) {
    const target: AllocationTarget = { kind: g.kind, code: g.code };
    out.push({ item: { target, label: `${t.targetKinds[g.kind]} ${g.label || g.code}` }, hint: t.members(g.members) });
  }
  for (const p of s.people)
    out.push({
      item: { target: { kind: 'person', personId: p.id }, label: personName(p) },
      hint: personIdentity(p, t),
    });
  return out;
}

/** A search field over the school's directory (searched on the server, paged). */
export function searchField(h: PanelHost, which: SearchKind, s: SearchState, label: string): TemplateResult {
  return html`<label class="field" part="search-label">
    <span>${label}</span>
    <input type="search" part="search" .value=${s.query} placeholder=${h.t.searchPlaceholder} autocomplete="off"
      @input=${(e: Event) => h.search(which, (e.target as HTMLInputElement).value)} />
  </label>`;
}

/** "Show more people" when the server holds more matches than shown. */
export function moreButton(h: PanelHost, which: SearchKind, s: SearchState): TemplateResult | typeof nothing {
  if (s.people.length >= s.totalPeople) return nothing;
  return html`<button part="more-button" ?disabled=${s.loading} @click=${() => h.search(which, s.query, true)}>${h.t.morePeople(s.people.length, s.totalPeople)}</button>`;
}

/**
 * The teachers of a subject (when the population holds teachers): one choice per subject someone teaches, and once
 * chosen, the classes and groups its teachers are taken from (all of them at first, never none).
 */
function subjectChoices(h: PanelHost): TemplateResult[] {
  const d = h.draft;
  const t = h.t;
  if (!d) return [];
  const teachers = (d.population ?? []).includes('ENSEIGNANT');
  const picked = new Set([...d.selection.values()].map((x) => x.target.kind === 'subjectTeachers' && x.target.subject));
  // Without the teachers in the population, only the subjects already chosen stay (to be unticked).
  return (h.searches.picker.subjects ?? [])
    .filter((s) => teachers || picked.has(s.code))
    .map((s) => {
      const item = (divisions: readonly string[]): LabelledTarget => ({
        target: { kind: 'subjectTeachers', subject: s.code, divisions: [...divisions] },
        label: t.subjectTarget(
          s.label,
          s.divisions
            .filter((x) => divisions.includes(x.code))
            .map((x) => x.label)
            .join(', '),
        ),
      });
      const chosen = [...d.selection.values()].find(
        (x) => x.target.kind === 'subjectTeachers' && x.target.subject === s.code,
      );
      const divisions = chosen?.target.kind === 'subjectTeachers' ? chosen.target.divisions : [];
      const all = s.divisions.map((x) => x.code);
      return html`<li><label class="choice" part="choice subject-choice">
        <input type="checkbox" .checked=${chosen !== undefined} @change=${() => h.toggleTarget(chosen ?? item(all))} />
        <span class="grow">${t.subjectChoice(s.label)}</span><span class="muted">${t.subjectHint(s.teachers, s.divisions.length)}</span>
      </label>
      ${
        chosen && s.divisions.length > 1
          ? html`<fieldset class="population" part="subject-divisions"><legend>${t.subjectClasses(s.label)}</legend>
          ${s.divisions.map((x) => {
            const on = divisions.includes(x.code);
            return html`<label class="choice"><input type="checkbox" part="subject-division" .checked=${on}
              ?disabled=${on && divisions.length === 1}
              @change=${() => h.replaceTarget(chosen, item(on ? divisions.filter((c) => c !== x.code) : [...divisions, x.code]))} />
              <span>${x.label}</span></label>`;
          })}</fieldset>`
          : nothing
      }</li>`;
    });
}

function previewBlock(h: PanelHost): TemplateResult | typeof nothing {
  const d = h.draft;
  const t = h.t;
  if (!d || d.selection.size === 0) return nothing;
  const p = d.preview;
  let body: TemplateResult;
  if (d.previewing || !p) body = html`<p>${t.previewing}</p>`;
  else if (p.refusal)
    body = html`<p class="refusal" part="refusal"><strong>${t.refusedTitle}${t.colon}</strong> ${describeRefusal(p.refusal, t)}</p>`;
  else {
    body = html`<ul>
        ${p.audiences
          .filter((a) => a.covered && a.takes > 0)
          .map(
            (a) =>
              html`<li part="audience-preview">${t.audienceTakes(t.audiences[a.audience] ?? a.audience, a.takes, a.remainingAfter === 'ILLIMITE' || a.remainingAfter === undefined ? t.unlimited : h.num(a.remainingAfter))}</li>`,
          )}
        ${p.consumption.map((c) => html`<li>${t.consumes(c.count, t.audiences[c.pool] ?? c.pool, c.remaining === 'ILLIMITE' ? t.unlimited : h.num(c.remaining))}</li>`)}
        ${p.granted === 0 ? html`<li>${t.nothingToCharge}</li>` : nothing}
        ${p.alreadyHolding > 0 ? html`<li>${t.alreadyHolding(p.alreadyHolding)}</li>` : nothing}
        ${p.uncovered > 0 ? html`<li>${t.uncovered(p.uncovered)}</li>` : nothing}
      </ul>`;
  }
  return html`<section class="preview" part="preview" aria-live="polite" aria-labelledby="preview-title"><h4 id="preview-title">${t.preview}</h4>${body}</section>`;
}

/** The allocation being prepared: audiences, a searchable list with bulk selection, the preview, confirm. */
export function draftView(h: PanelHost, s: SchoolSubscription): TemplateResult {
  const t = h.t;
  const d = h.draft;
  if (!d) return html``;
  // At an école the audiences it has not (librarians) are not offered.
  const here = s.subscription.audiences.filter(existsHere(h));
  const audiences: LabelledTarget[] = here.map((a) => ({
    target: { kind: 'audience', audience: a },
    label: `${t.targetKinds.audience} : ${t.audiences[a] ?? a}`,
  }));
  const choices = [...audiences.map((item) => ({ item, hint: '' })), ...searchChoices(h, h.searches.picker)];
  const subjects = subjectChoices(h);
  const canConfirm =
    !h.busy && !d.previewing && d.preview !== undefined && d.preview.refusal === undefined && d.selection.size > 0;
  return html`<section class="draft" part="picker" aria-labelledby="draft-title">
    <h4 id="draft-title">${d.moveFrom ? t.moveFrom(d.moveFrom.name, s.subscription.resourceLabel) : t.allocateTo(s.subscription.resourceLabel)}</h4>
    <fieldset class="population" part="population">
      <legend>${t.populationLegend}</legend>
      ${here.map((a) => {
        const on = (d.population ?? ['ELEVE']).includes(a);
        return html`<label class="choice"><input type="checkbox" part="population-audience" .checked=${on}
          ?disabled=${on && (d.population ?? ['ELEVE']).length === 1} @change=${() => h.togglePopulation(a)} />
          <span>${t.audiences[a] ?? a}</span></label>`;
      })}
    </fieldset>
    ${searchField(h, 'picker', h.searches.picker, t.searchTargets)}
    <fieldset class="choices" part="choices">
      <legend class="sr-only">${t.searchTargets}</legend>
      ${choices.length + subjects.length === 0 && !h.searches.picker.loading ? html`<p class="muted">${t.noMatch}</p>` : nothing}
      <ul class="choice-list">
        ${subjects}
        ${choices.map(
          ({ item, hint }) => html`<li><label class="choice" part="choice">
            <input type="checkbox" .checked=${d.selection.has(keyOf(item.target))} @change=${() => h.toggleTarget(item)} />
            <span class="grow">${item.label}</span><span class="muted">${hint}</span>
          </label></li>`,
        )}
      </ul>
      ${moreButton(h, 'picker', h.searches.picker)}
    </fieldset>
    <div class="actions">
      <span role="status" class="muted">${t.selected(d.selection.size)}</span>
      <button part="select-all" @click=${() => h.selectAllShown()}>${t.selectAllShown}</button>
      <button part="clear-selection" ?disabled=${d.selection.size === 0} @click=${() => h.clearSelection()}>${t.clearSelection}</button>
    </div>
    ${previewBlock(h)}
    <div class="actions">
      <button class="primary" part="confirm-button" ?disabled=${!canConfirm} @click=${() => h.confirmDraft()}>${d.moveFrom ? t.confirmMove(d.preview?.granted ?? 0) : t.confirm(d.preview?.granted ?? 0)}</button>
      <button part="cancel-button" @click=${() => h.cancelDraft()}>${t.cancel}</button>
    </div>
  </section>`;
}
