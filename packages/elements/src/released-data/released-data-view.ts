import type { AttributeName, ReleasedData, SchoolReleasedData } from '@opengar/core';
import { html, type TemplateResult } from 'lit';
import { releasedDataStyles } from './released-data.styles.js';
import { releasedDataTexts, type ReleasedDataTexts } from './released-data-texts.js';
import type { Lang } from '../shared/localize.js';

/** What a view knows of the service's answer: still asking, could not ask, or the answer. */
export type ReleasedEntry<T> = T | 'loading' | 'failed';

/**
 * Gives a shadow root the section's styles (a constructed sheet, as lit's own styles: no inline `<style>`, so a
 * page's strict CSP is no obstacle). Idempotent.
 */
export function adoptReleasedDataStyles(root: ShadowRoot | null): void {
  const sheet = releasedDataStyles.styleSheet;
  if (!root || !sheet || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** The list in words, one item per attribute; each keeps its GAR name in `data-attribute` (not shown). */
export function releasedDataList(names: readonly AttributeName[], t: ReleasedDataTexts): TemplateResult {
  return html`<ul class="released-list" part="released-list">
    ${names.map((n) => html`<li data-attribute=${n}>${t.attribute[n]}</li>`)}
  </ul>`;
}

/** The médiacentre's section: what the resource receives about the person looking, `tu` to a pupil. */
export function personSection(entry: ReleasedEntry<ReleasedData>, lang: Lang): TemplateResult {
  const t = releasedDataTexts(lang, typeof entry === 'object' ? entry.address : 'vous');
  const body =
    entry === 'loading'
      ? html`<p>${t.loading}</p>`
      : entry === 'failed'
        ? html`<p>${t.failed}</p>`
        : html`<p>${t.intro}</p>
            ${releasedDataList(entry.attributes, t)}
            <p>${t.nothingElse}</p>`;
  return html`<section class="released" part="released-data" aria-labelledby="released-title" aria-busy=${entry === 'loading'}>
    <h4 id="released-title">${t.heading}</h4>
    ${body}
  </section>`;
}

/** The console's disclosure: what a resource of the school receives about a pupil and about a member of staff. */
export function schoolSection(
  entry: ReleasedEntry<SchoolReleasedData>,
  resourceId: string,
  lang: Lang,
): TemplateResult {
  const t = releasedDataTexts(lang, 'neutral');
  const found = typeof entry === 'object' ? entry.resources.find((r) => r.resourceId === resourceId) : undefined;
  const body =
    entry === 'loading'
      ? html`<p>${t.loading}</p>`
      : !found
        ? html`<p>${t.failed}</p>`
        : html`<p>${t.intro}</p>
            <p id="released-pupil">${t.aboutPupil}</p>
            <div aria-labelledby="released-pupil" role="group">${releasedDataList(found.pupil, t)}</div>
            <p id="released-staff">${t.aboutStaff}</p>
            <div aria-labelledby="released-staff" role="group">${releasedDataList(found.staff, t)}</div>
            <p>${t.nothingElse}</p>`;
  // A disclosure: the detail stays short, and the native element is keyboard- and screen-reader-ready.
  return html`<details class="released" part="released-data" aria-busy=${entry === 'loading'}>
    <summary>${t.heading}</summary>
    ${body}
  </details>`;
}
