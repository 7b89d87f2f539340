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
  return html`<div class="thumb fallback" part="tile-thumbnail tile-thumbnail-fallback" aria-hidden="true">${initial}</div>`;
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
}

/**
 * One resource tile; only the active tile's buttons are in the tab order (roving focus). Its buttons carry
 * `data-action` (`open`, `favourite`, `copy-link`, `details`): the grid handles their clicks in one listener.
 */
export function tile(r: MediacentreResource, o: TileOptions): TemplateResult {
  const name = text(r.name);
  const tab = o.active ? 0 : -1;
  return html`<li class="tile" part="tile" data-id=${r.id} ?hidden=${o.hidden} aria-busy=${o.busy || nothing}>
    ${thumbnail(r, o.brokenThumbnail, o.onThumbnailError)}
    <div class="tile-body">
      <button class="open" part="tile-name" tabindex=${tab} aria-label=${o.t.open(name)} data-action="open">${name}</button>
      <span class="meta" part="tile-publisher">${o.busy ? o.t.opening(name) : text(r.publisherName)}</span>
      <span class="meta" part="tile-type">${text(r.presentationType?.nom)}</span>
      ${o.mark ? html`<span class="mark" part=${`tile-mark mark-${o.mark}`}>${o.t.marks[o.mark]}</span>` : nothing}
      <div class="tile-actions">
        <span class="badge" part="badge"><span aria-hidden="true">${o.t.badge}</span><span class="sr-only">${o.t.badgeLabel}</span></span>
        <button
          class="icon-button"
          part="favourite-button"
          tabindex=${tab}
          aria-pressed=${o.favourite ? 'true' : 'false'}
          aria-label=${o.favourite ? o.t.removeFavourite(name) : o.t.addFavourite(name)}
          data-action="favourite"
        >
          <span aria-hidden="true">${o.favourite ? '★' : '☆'}</span>
        </button>
        <button class="icon-button" part="copy-link-tile-button" tabindex=${tab} aria-label=${o.t.share.copyLinkOf(name)} data-action="copy-link">
          <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round">
            <path d="M8.5 11.5l3-3M7 9.5l-2 2a2.8 2.8 0 004 4l2-2M13 10.5l2-2a2.8 2.8 0 00-4-4l-2 2"></path>
          </svg>
        </button>
        <button class="icon-button" part="details-button" tabindex=${tab} aria-label=${o.t.details(name)} data-action="details">
          <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18">
            <circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" stroke-width="1.6"></circle>
            <rect x="9.1" y="8.4" width="1.8" height="6.2" rx="0.9" fill="currentColor"></rect>
            <circle cx="10" cy="5.8" r="1.1" fill="currentColor"></circle>
          </svg>
        </button>
      </div>
    </div>
  </li>`;
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
    ${until ? html`<p class="meta">${t.validUntil(until)}</p>` : nothing}
    <div><button class="button primary" part="open-button" aria-busy=${busy || nothing} @click=${onOpen}>${label}</button></div>
    ${share}
  </section>`;
}
