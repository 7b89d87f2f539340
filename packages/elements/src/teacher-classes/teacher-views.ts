import type { ClassRequest, ClassResources, ClassUsage, Pin, PublishedStatsCell } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { TeacherClassesTranslation } from './localize/translation.js';

// Everything shown comes from the network (names, notes, answers): text bindings only, never HTML.
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Formats a day `YYYY-MM-DD` for the locale. */
export function formatDay(day: string, locale: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(d);
}

/** The pin form's state. */
export interface PinDraft {
  resourceId: string;
  name: string;
  codes: readonly string[];
  note: string;
  until: string;
  invalid?: boolean;
  /** The resource is an LTI tool with a page picker (Deep Linking). */
  deepLinking?: boolean;
  /** Why the page picker cannot start (not exactly one class). */
  pickInvalid?: boolean;
}

export interface ClassesTableOptions {
  t: TeacherClassesTranslation;
  data: ClassResources;
  pending: ReadonlySet<string>;
  onRecommend(resourceId: string, name: string, deepLinking?: boolean): void;
  onRequest(resourceId: string, code: string): void;
}

/** Resources × classes: pupils who can open each, a « Recommander » button per resource, « Demander » where some lack. */
export function classesTable(o: ClassesTableOptions): TemplateResult {
  const { t, data } = o;
  if (data.classes.length === 0) return html`<p class="empty" part="empty">${t.noClasses}</p>`;
  if (data.resources.length === 0) return html`<p class="empty" part="empty">${t.noResources}</p>`;
  return html`<p class="hint">${t.classesHint}</p>
    <div class="table-wrapper" part="table-wrapper">
      <table part="classes-table">
        <thead>
          <tr>
            <th scope="col">${t.resource}</th>
            ${data.classes.map((c) => html`<th scope="col">${text(c.label)}</th>`)}
            <th scope="col"><span class="sr-only">${t.recommend}</span></th>
          </tr>
        </thead>
        <tbody>
          ${data.resources.map(
            (r) => html`<tr>
              <th scope="row">${text(r.name)}</th>
              ${data.classes.map((c, i) => {
                const h = r.holders[i] ?? 0;
                const key = `${r.resourceId}\u0000${c.code}`;
                return html`<td class="figure">
                  <span aria-label=${t.holdersLabel(h, c.pupils, text(c.label))}>${t.holders(h, c.pupils)}</span>
                  ${
                    h < c.pupils
                      ? o.pending.has(key)
                        ? html`<span class="meta">${t.requested}</span>`
                        : html`<button class="button" part="request-button" aria-label=${t.requestLabel(text(r.name), text(c.label))} @click=${() => o.onRequest(r.resourceId, c.code)}>${t.request}</button>`
                      : nothing
                  }
                </td>`;
              })}
              <td>
                <button class="button" part="recommend-button" aria-label=${t.recommendLabel(text(r.name))} @click=${() => o.onRecommend(r.resourceId, text(r.name), r.deepLinking === true)}>${t.recommend}</button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

export interface PinFormOptions {
  t: TeacherClassesTranslation;
  draft: PinDraft;
  classes: ClassResources['classes'];
  noteMax: number;
  today: string;
  lastDay: string;
  busy: boolean;
  /** Applies a change to the current draft (not the rendered one: two events may come before a render). */
  onChange(update: (draft: PinDraft) => PinDraft): void;
  onSubmit(): void;
  onCancel(): void;
  /** Opens the resource's page picker (LTI Deep Linking), as a top-level navigation. */
  onPickPage(): void;
}

/** The form of a new pin: classes, an optional note (plain text, one line), the last day. */
export function pinForm(o: PinFormOptions): TemplateResult {
  const { t, draft } = o;
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  const toggle = (code: string, on: boolean) =>
    o.onChange((d) => ({
      ...d,
      invalid: false,
      pickInvalid: false,
      codes: on ? [...d.codes.filter((c) => c !== code), code] : d.codes.filter((c) => c !== code),
    }));
  return html`<form part="pin-form" aria-labelledby="pin-form-title" @submit=${(e: Event) => {
    e.preventDefault();
    o.onSubmit();
  }}>
    <h3 id="pin-form-title" tabindex="-1">${t.pinFormTitle(draft.name)}</h3>
    <fieldset aria-describedby=${draft.invalid ? 'pin-classes-error' : nothing}>
      <legend>${t.pinClasses}</legend>
      ${o.classes.map(
        (c) =>
          html`<label><input type="checkbox" name="class" value=${c.code} .checked=${draft.codes.includes(c.code)} @change=${(e: Event) => toggle(c.code, (e.target as HTMLInputElement).checked)} /> ${text(c.label)}</label>`,
      )}
    </fieldset>
    ${draft.invalid ? html`<p id="pin-classes-error" class="invalid" role="alert">${t.pinChooseClass}</p>` : nothing}
    <label class="field"
      >${t.pinNote}
      <input type="text" name="note" maxlength=${o.noteMax} aria-describedby="pin-note-hint" .value=${draft.note} @input=${(e: Event) => o.onChange((d) => ({ ...d, note: value(e) }))}
    /></label>
    <span id="pin-note-hint" class="hint">${t.pinNoteHint(o.noteMax)}</span>
    <label class="field"
      >${t.pinUntil}
      <input type="date" name="until" required min=${o.today} max=${o.lastDay} .value=${draft.until} @input=${(e: Event) => o.onChange((d) => ({ ...d, until: value(e) }))}
    /></label>
    <div class="actions">
      <button class="button primary" type="submit" ?disabled=${o.busy} aria-busy=${o.busy || nothing}>${t.pinSubmit}</button>
      ${
        draft.deepLinking
          ? html`<button class="button" part="pick-page-button" type="button" aria-describedby="pin-pick-hint" ?disabled=${o.busy} @click=${o.onPickPage}>${t.pinPickPage}</button>`
          : nothing
      }
      <button class="button" type="button" @click=${o.onCancel}>${t.cancel}</button>
    </div>
    ${draft.deepLinking ? html`<p id="pin-pick-hint" class="hint">${t.pinPickPageHint}</p>` : nothing}
    ${draft.pickInvalid ? html`<p class="invalid" role="alert">${t.pinChooseOneClass}</p>` : nothing}
  </form>`;
}

export interface PinsListOptions {
  t: TeacherClassesTranslation;
  pins: readonly Pin[];
  pending: ReadonlySet<string>;
  onUnpin(id: string): void;
  onRequest(resourceId: string, code: string): void;
}

/** The teacher's pins, with who of each class lacks a copy (and does not see it). */
export function pinsList(o: PinsListOptions): TemplateResult {
  const { t } = o;
  if (o.pins.length === 0) return html`<p class="empty" part="empty">${t.noPins}</p>`;
  return html`<ul class="cards" part="pins">
    ${o.pins.map(
      (p) => html`<li class="card" part="pin">
        <strong>${text(p.resourceName)}</strong>
        <span class="meta">${t.pinFor(p.classes.map((c) => text(c.groupLabel)).join(', '))} · ${t.until(formatDay(p.until, t.locale))}</span>
        ${p.note ? html`<p class="note">${text(p.note)}</p>` : nothing}
        ${
          p.grain
            ? html`<p class="meta" part="pin-page">
                ${t.pinPage} ${p.grainTitle ? html`<strong>${text(p.grainTitle)}</strong> ` : nothing}<span class="url">${text(p.grain)}</span>
              </p>`
            : nothing
        }
        <ul>
          ${p.classes.map((c) =>
            c.lacking.length === 0
              ? html`<li>${t.allHold(text(c.groupLabel))}</li>`
              : html`<li>
                  <details part="lacking">
                    <summary>${t.lacking(c.lacking.length, text(c.groupLabel))}</summary>
                    <p>${c.lacking.map((x) => `${text(x.firstName)} ${text(x.lastName)}`).join(', ')}</p>
                  </details>
                  ${
                    o.pending.has(`${p.resourceId}\u0000${c.groupCode}`)
                      ? html`<span class="meta">${t.requested}</span>`
                      : html`<button class="button" part="request-button" @click=${() => o.onRequest(p.resourceId, c.groupCode)}>${t.askFor(text(c.groupLabel))}</button>`
                  }
                </li>`,
          )}
        </ul>
        <div class="actions">
          <button class="button" part="unpin-button" aria-label=${t.unpinLabel(text(p.resourceName))} @click=${() => o.onUnpin(p.id)}>${t.unpin}</button>
        </div>
      </li>`,
    )}
  </ul>`;
}

const figure = (x: PublishedStatsCell | undefined, t: TeacherClassesTranslation): TemplateResult => {
  if (!x) return html`–`;
  if (x.status === 'published') return html`${x.people}`;
  const primary = x.reason === 'primary';
  return html`<span part="suppressed-cell" title=${primary ? t.band : t.hidden}>${primary ? x.band : t.hidden}</span>`;
};

/** Pupils of each class who opened each resource: bands under 5, other hidden figures say « masqué ». */
export function usageTable(t: TeacherClassesTranslation, usage: ClassUsage): TemplateResult {
  if (usage.table.rows.length === 0) return html`<p class="empty" part="empty">${t.noUsage}</p>`;
  const label = new Map(usage.classes.map((c) => [c.code, c.label]));
  return html`<p class="hint" part="suppression-note">${t.usageHint}</p>
    <div class="table-wrapper" part="table-wrapper">
      <table part="usage-table">
        <thead>
          <tr>
            <th scope="col">${t.resource}</th>
            ${usage.table.columns.map((c) => html`<th scope="col">${text(label.get(c) ?? c)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${usage.table.rows.map(
            (r, i) => html`<tr>
              <th scope="row">${text(r.label)}</th>
              ${usage.table.columns.map((_, j) => html`<td class="figure">${figure(usage.table.cells[i]?.[j], t)}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

/** The teacher's requests and their fate. */
export function requestsList(t: TeacherClassesTranslation, requests: readonly ClassRequest[]): TemplateResult {
  if (requests.length === 0) return html`<p class="empty" part="empty">${t.noRequests}</p>`;
  return html`<ul class="cards" part="requests">
    ${requests.map(
      (r) => html`<li class="card" part="request">
        <span>${t.requestFor(text(r.resourceName), text(r.groupLabel))}</span>
        <span class=${`state ${r.status}`} part=${`request-status status-${r.status}`}>${t.status[r.status] ?? text(r.status)}</span>
        ${r.answer ? html`<p class="note">${t.answer(text(r.answer))}</p>` : nothing}
      </li>`,
    )}
  </ul>`;
}
