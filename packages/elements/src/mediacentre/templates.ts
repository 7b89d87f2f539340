import type { MediacentreResource, VocabularyTerm } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { MediacentreTranslation } from './localize/translation.js';
import { safeHttpUrl } from '../shared/safe-url.js';
import { monogram } from './monogram.js';

// Publisher text arrives untrusted: it only ever goes through text bindings, never through innerHTML.
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const termNames = (list: readonly VocabularyTerm[] | undefined) =>
  Array.isArray(list) ? list.map((t) => text(t?.nom)).filter(Boolean) : [];

/** Formats an ISO date for the locale, or `''` when it is not a date. */
export function formatDate(value: string | number, locale: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(date);
}

/** The thumbnail, or a lettered block when there is none, it is not http(s), or it failed to load. */
export function thumbnail(r: MediacentreResource, broken: boolean, onError: () => void): TemplateResult {
  const src = broken ? undefined : safeHttpUrl(r.thumbnailUrl);
  if (src)
    return html`<img class="thumb" part="tile-thumbnail" src=${src} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" @error=${onError} />`;
  const initial = monogram(r.name);
  return html`<div class="thumb fallback" part="tile-thumbnail tile-thumbnail-fallback" aria-hidden="true" .textContent=${initial}></div>`;
}

const MONTH = 30 * 86_400_000;

/** Each resource's end and start as numbers, parsed once (the grid asks for every tile's mark on each update). */
const dates = new WeakMap<MediacentreResource, [number, number]>();

/** A tile's mark at `now`: `ending` within 30 days of its end, else `new` within 30 days of its start. */
export function markOf(r: MediacentreResource, now: number): 'new' | 'ending' | undefined {
  let parsed = dates.get(r);
  if (!parsed) {
    parsed = [Date.parse(r.validUntil), Date.parse(r.validFrom ?? '')];
    dates.set(r, parsed);
  }
  const [end, start] = parsed;
  if (end >= now && end - now <= MONTH) return 'ending';
  return start <= now && now - start <= MONTH ? 'new' : undefined;
}

/** Placeholder tiles of the tiles' size, so nothing moves when the listing arrives. */
export function skeletons(count: number): TemplateResult {
  return html`<div class="grid" part="grid skeleton" aria-hidden="true">
    ${Array.from(
      { length: count },
      () => html`<div class="tile skeleton">
        <div class="thumb"></div>
        <div class="tile-body"><div class="line"></div><div class="line"></div></div>
      </div>`,
    )}
  </div>`;
}

/** The details view of one resource. */
export function details(
  r: MediacentreResource,
  t: MediacentreTranslation,
  brokenThumbnail: boolean,
  onBack: () => void,
  onOpen: () => void,
  onThumbnailError: () => void,
  busy = false,
  released: TemplateResult | typeof nothing = nothing,
  share: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  const levels = termNames(r.levels);
  const domains = termNames(r.teachingDomains);
  const until = formatDate(r.validUntil, t.locale);
  const label = busy ? t.opening(text(r.name)) : t.open(text(r.name));
  return html`<section class="details" part="details" aria-labelledby="details-title">
    <div><button class="button" part="back-button" @click=${onBack}>← ${t.back}</button></div>
    <h3 id="details-title" tabindex="-1">${text(r.name)}</h3>
    ${thumbnail(r, brokenThumbnail, onThumbnailError)}
    <dl>
      <dt>${t.publisher}</dt>
      <dd>${text(r.publisherName)}</dd>
      <dt>${t.presentationType}</dt>
      <dd>${text(r.presentationType?.nom)}</dd>
      ${levels.length ? html`<dt>${t.levels}</dt><dd>${levels.join(', ')}</dd>` : nothing}
      ${domains.length ? html`<dt>${t.domains}</dt><dd>${domains.join(', ')}</dd>` : nothing}
      <dt>${t.description}</dt>
      <dd class="description" part="description">${text(r.description) || t.noDescription}</dd>
    </dl>
    ${released}
    ${until ? html`<p class="meta">${t.validUntil(until)}</p>` : nothing}
    <div><button class="button primary" part="open-button" aria-busy=${busy || nothing} @click=${onOpen}>${label}</button></div>
    ${share}
  </section>`;
}

/** When no resource matches the search and filters: say so, and offer to clear them. */
export function noMatchMessage(t: MediacentreTranslation, onClear: () => void): TemplateResult {
  return html`<div class="message" part="empty">
    <h3>${t.noMatchTitle}</h3>
    <p>${t.noMatchHint}</p>
    <button class="button" @click=${onClear}>${t.clearFilters}</button>
  </div>`;
}
