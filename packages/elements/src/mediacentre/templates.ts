import type { MediacentreResource, VocabularyTerm } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { MediacentreTranslation } from './localize/translation.js';
import { safeHttpUrl } from '../shared/safe-url.js';

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
  const initial = text(r.name).trim().charAt(0).toUpperCase() || '?';
  return html`<div class="thumb fallback" part="tile-thumbnail tile-thumbnail-fallback" aria-hidden="true" .textContent=${initial}></div>`;
}

const MONTH = 30 * 86_400_000;

/** A tile's mark at `now`: `ending` within 30 days of its end, else `new` within 30 days of its start. */
export function markOf(r: MediacentreResource, now: number): 'new' | 'ending' | undefined {
  const end = Date.parse(r.validUntil);
  const start = Date.parse(r.validFrom ?? '');
  if (end >= now && end - now <= MONTH) return 'ending';
  return start <= now && now - start <= MONTH ? 'new' : undefined;
}

/** What a tile needs besides its resource. */
export interface TileOptions {
  t: MediacentreTranslation;
  favourite: boolean;
  active: boolean;
  hidden: boolean;
  brokenThumbnail: boolean;
  onThumbnailError: () => void;
  /** The resource is opening: the tile says so (`aria-busy`, a progress cursor). */
  busy: boolean;
  /** `new` (available 30 days or less) or `ending` (ends within 30 days). */
  mark?: 'new' | 'ending' | undefined;
  /** The id of the grid's keyboard hint, which the active tile's name points to (`aria-describedby`). */
  hint?: string | undefined;
}

/**
 * One resource tile; only the active tile's buttons are in the tab order (roving focus). Its buttons carry
 * `data-action` (`open`, `favourite`, `copy-link`, `details`): the grid handles their clicks in one listener.
 *
 * Lean on purpose (a grid may hold thousands): no whitespace between tags (line breaks fall inside tags), text as
 * `.textContent` (one text node, no binding marker), the star and the details icon drawn by CSS (the buttons are named
 * by `aria-label`), and one wrapper (the actions' row): about 18 nodes a tile instead of 53.
 */
export function tile(r: MediacentreResource, o: TileOptions): TemplateResult {
  const name = text(r.name);
  const tab = o.active ? 0 : -1;
  return html`<li class="tile" part="tile" data-id=${r.id} ?hidden=${o.hidden} aria-busy=${o.busy || nothing}
    >${thumbnail(r, o.brokenThumbnail, o.onThumbnailError)}<button
      class="open"
      part="tile-name"
      tabindex=${tab}
      aria-label=${o.t.open(name)}
      aria-describedby=${(o.active && o.hint) || nothing}
      data-action="open"
      .textContent=${name}
    ></button
    ><span class="meta" part="tile-publisher" .textContent=${o.busy ? o.t.opening(name) : text(r.publisherName)}></span
    ><span class="meta" part="tile-type" .textContent=${text(r.presentationType?.nom)}></span
    >${o.mark ? html`<span class="mark" part=${`tile-mark mark-${o.mark}`} .textContent=${o.t.marks[o.mark]}></span>` : nothing}<div class="tile-actions"
      ><span class="badge" part="badge" role="img" aria-label=${o.t.badgeLabel} .textContent=${o.t.badge}></span
      ><button
        class="icon-button star"
        part="favourite-button"
        tabindex=${tab}
        aria-pressed=${o.favourite ? 'true' : 'false'}
        aria-label=${o.favourite ? o.t.removeFavourite(name) : o.t.addFavourite(name)}
        data-action="favourite"
      ></button
      ><button
        class="icon-button link"
        part="copy-link-tile-button"
        tabindex=${tab}
        aria-label=${o.t.share.copyLinkOf(name)}
        data-action="copy-link"
      ></button
      ><button class="icon-button info" part="details-button" tabindex=${tab} aria-label=${o.t.details(name)} data-action="details"></button
    ></div
  ></li>`;
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
