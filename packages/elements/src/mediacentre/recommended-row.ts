import type { MediacentreResource, Recommendation } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { MediacentreLang } from './localize/translation.js';
import { lookup } from '../shared/localize.js';
// Registers the French texts (a side effect, listed in package.json's `sideEffects`).
import './localize/classroom.js';

/** A textbook (presentation type `MAN`, manuels numériques). */
export const isTextbook = (r: MediacentreResource): boolean => r.presentationType?.code === 'MAN';

/**
 * The row of what the person's teachers recommend, shown first: only resources of the listing (the service sends no
 * other; one the listing lacks is left out), each with « Recommandé par M. X » and the note, as text (never HTML).
 */
export function recommendedRow(
  items: readonly Recommendation[],
  byId: ReadonlyMap<string, MediacentreResource>,
  lang: MediacentreLang,
  onOpen: (r: MediacentreResource, grain?: string) => void,
): TemplateResult | typeof nothing {
  const t = lookup('gar-mediacentre-classroom', lang);
  const shown = items.filter((i) => byId.has(i.resourceId));
  if (shown.length === 0) return nothing;
  return html`<section class="row" part="recommended" aria-labelledby="rec-title">
    <h3 id="rec-title">${t.recommended}</h3>
    <ul class="chips">
      ${shown.map((i) => {
        const r = byId.get(i.resourceId)!;
        return html`<li class="rec" part="recommendation">
          <button class="chip" @click=${() => onOpen(r, typeof i.grain === 'string' ? i.grain : undefined)}>${r.name}${
            i.grain && i.grainTitle ? ` — ${String(i.grainTitle)}` : ''
          }</button>
          <span>${t.recommendedBy(String(i.by))}</span>
          ${i.note ? html`<span>${String(i.note)}</span>` : nothing}
        </li>`;
      })}
    </ul>
  </section>`;
}

/** The « Mes manuels » row (`textbooks-apart`): the textbooks matching the search and filters. */
export function textbooksRow(
  textbooks: readonly MediacentreResource[],
  lang: MediacentreLang,
  onOpen: (r: MediacentreResource) => void,
): TemplateResult | typeof nothing {
  return textbooks.length
    ? html`<section class="row" part="textbooks" aria-labelledby="man-title">
        <h3 id="man-title">${lookup('gar-mediacentre-classroom', lang).textbooks}</h3>
        <ul class="chips">
          ${textbooks.map((r) => html`<li><button class="chip" @click=${() => onOpen(r)}>${r.name}</button></li>`)}
        </ul>
      </section>`
    : nothing;
}

/** A launch form opening the resource at `grain` (a page a teacher recommended; the service checks it again). */
export function atGrain<F extends { fields: object }>(form: F, grain: string | undefined): F {
  return grain ? { ...form, fields: { ...form.fields, grain } } : form;
}
