import type { Mediacentre, MediacentreResource } from '@opengar/core';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { thumbnail } from './templates.js';
import { readAloud, speechOf } from './read-aloud.js';
import { YOUNG_TEXT, type YoungText } from './young-text.js';
import type { MediacentreLang } from './localize/translation.js';

/** How many tiles the young pupils' list shows before « Voir encore ». */
export const YOUNG_SHORT_LIST = 8;

/** A loudspeaker (Material "volume_up" outline). */
const SPEAKER =
  'M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z';
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What the young view needs from the médiacentre it is drawn in. */
export interface YoungViewOptions {
  lang: MediacentreLang;
  /** The resource being opened, if any. */
  opening: string | undefined;
  broken: ReadonlySet<string>;
  open: (r: MediacentreResource) => void;
  onBroken: (id: string) => void;
}

/**
 * The young pupils' médiacentre (`<gar-mediacentre variant="young">`): large tiles, picture first, one action per tile
 * (open), a short list, no search, filters, sort, favourites or recently-opened row, and a « Écouter » button per tile
 * that reads the name aloud with the browser's speech synthesis when pressed (never by itself; not shown when the
 * browser cannot speak). It keeps nothing on the device: the element gives it no storage.
 */
export class YoungMode implements ReactiveController {
  #showAll = false;
  #lastUai = '';

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The young view's texts in `lang`. */
  text(lang: MediacentreLang): YoungText {
    return YOUNG_TEXT[lang] ?? YOUNG_TEXT.fr;
  }

  /** The listing's tiles, or the empty message. */
  render(listing: Mediacentre, o: YoungViewOptions): TemplateResult {
    const t = this.text(o.lang);
    if (listing.school.uai !== this.#lastUai) {
      this.#lastUai = listing.school.uai;
      this.#showAll = false;
    }
    if (listing.resources.length === 0)
      return html`<div class="message young-empty" part="empty"><h3>${t.emptyTitle}</h3><p>${t.emptyHint}</p></div>`;
    const locale = o.lang === 'en' ? 'en' : 'fr';
    const sorted = [...listing.resources].sort((a, b) => text(a.name).localeCompare(text(b.name), locale));
    const shown = this.#showAll ? sorted : sorted.slice(0, YOUNG_SHORT_LIST);
    const rest = sorted.length - shown.length;
    const canSpeak = speechOf() !== undefined;
    const speechLang = o.lang === 'en' ? 'en-GB' : 'fr-FR';
    return html`<ul class="young-grid" part="grid" aria-label=${t.listLabel}>
        ${shown.map((r) => {
          const name = text(r.name);
          const busy = o.opening === r.id;
          return html`<li class="young-tile" part="tile" data-id=${r.id} aria-busy=${busy || nothing}>
            <button class="young-open" part="tile-open" @click=${() => o.open(r)}>
              ${thumbnail(r, o.broken.has(r.id), () => o.onBroken(r.id))}
              <span class="young-name" part="tile-name">${busy ? t.opening : name}</span>
            </button>
            ${
              canSpeak
                ? html`<button class="young-listen" part="listen-button" aria-label=${t.listenLabel(name)} @click=${() => readAloud(name, speechLang)}>
                    <svg aria-hidden="true" viewBox="0 0 24 24" width="32" height="32"><path fill="currentColor" d=${SPEAKER} /></svg>
                    <span>${t.listen}</span>
                  </button>`
                : nothing
            }
          </li>`;
        })}
      </ul>
      ${
        rest > 0
          ? html`<button class="young-more" part="more-button" @click=${() => this.#more()}>${t.more(rest)}</button>`
          : nothing
      }`;
  }

  #more(): void {
    this.#showAll = true;
    this.host.requestUpdate();
  }
}
