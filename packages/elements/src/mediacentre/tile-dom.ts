import type { MediacentreResource } from '@opengar/core';
import type { MediacentreTranslation } from './localize/translation.js';
import { safeHttpUrl } from '../shared/safe-url.js';
import { monogram } from './monogram.js';

// A grid tile built without a template engine: one <template> cloned, then its text and attributes set directly, and
// later only the fields that changed (a keystroke flips `hidden`, an arrow key the roving `tabindex`). About twice as
// fast as a lit template a tile, and 16 nodes: no binding markers. Publisher text only ever goes to `textContent` and
// attribute values, never to HTML.

/** What a tile shows besides its resource. */
export interface TileView {
  t: MediacentreTranslation;
  hidden: boolean;
  /** The roving tab stop of the grid. */
  active: boolean;
  favourite: boolean;
  /** The resource is opening: the tile says so (`aria-busy`, a progress cursor). */
  busy: boolean;
  /** Its thumbnail failed to load: the lettered block instead. */
  broken: boolean;
  /** `new` (available 30 days or less) or `ending` (ends within 30 days). */
  mark: 'new' | 'ending' | undefined;
  /** The id of the grid's keyboard hint, which the active tile's name points to (`aria-describedby`). */
  hint: string | undefined;
  /**
   * Its place among the shown tiles (from 1) and their number, told to assistive technology (`aria-posinset`,
   * `aria-setsize`): Chromium leaves the tiles of a group skipped off screen out of its accessibility tree.
   */
  pos: number;
  of: number;
}

/** A tile in the DOM, with what it shows now. */
export interface TileNode {
  li: HTMLLIElement;
  r: MediacentreResource;
  view?: TileView;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

const TILE =
  '<li class="tile" part="tile" role="listitem"><div class="thumb fallback" part="tile-thumbnail tile-thumbnail-fallback" aria-hidden="true"></div>' +
  '<button class="open" part="tile-name" data-action="open" tabindex="-1"></button><span class="meta" part="tile-publisher"></span>' +
  '<span class="meta" part="tile-type"></span><div class="tile-actions"><span class="badge" part="badge" role="img"></span>' +
  '<button class="icon-button star" part="favourite-button" data-action="favourite" tabindex="-1"></button>' +
  '<button class="icon-button link" part="copy-link-tile-button" data-action="copy-link" tabindex="-1"></button>' +
  '<button class="icon-button info" part="details-button" data-action="details" tabindex="-1"></button></div></li>';
let template: HTMLTemplateElement | undefined;

function fresh(): HTMLLIElement {
  if (!template) {
    template = document.createElement('template');
    template.innerHTML = TILE;
  }
  return template.content.firstChild?.cloneNode(true) as HTMLLIElement;
}

/** A new tile for `r` (not in the DOM yet); `apply` then sets what it shows. */
export function createTile(r: MediacentreResource): TileNode {
  const li = fresh();
  li.dataset.id = r.id;
  return { li, r };
}

/** The tile's thumbnail: the picture, or a lettered block when there is none, it is not http(s), or it failed. */
function setThumbnail(node: TileNode, broken: boolean, onBroken: (id: string) => void): void {
  const old = node.li.firstChild as HTMLElement;
  const src = broken ? undefined : safeHttpUrl(node.r.thumbnailUrl);
  if (src) {
    const img = old instanceof HTMLImageElement ? old : document.createElement('img');
    Object.assign(img, {
      className: 'thumb',
      alt: '',
      loading: 'lazy',
      decoding: 'async',
      referrerPolicy: 'no-referrer',
    });
    img.setAttribute('part', 'tile-thumbnail');
    img.onerror = () => onBroken(node.r.id);
    if (img.getAttribute('src') !== src) img.src = src;
    if (img !== old) old.replaceWith(img);
    return;
  }
  const block = old instanceof HTMLImageElement ? (fresh().firstChild as HTMLElement) : old;
  block.textContent = monogram(node.r.name);
  if (block !== old) old.replaceWith(block);
}

const attr = (el: Element, name: string, value: string | undefined) =>
  value === undefined ? el.removeAttribute(name) : el.setAttribute(name, value);

/** Sets what `node` shows, touching only what changed since the last call. */
export function applyTile(node: TileNode, v: TileView, onBroken: (id: string) => void): void {
  const was = node.view;
  const { li, r } = node;
  const thumb = li.firstChild as HTMLElement;
  const open = thumb.nextSibling as HTMLElement;
  const publisher = open.nextSibling as HTMLElement;
  const type = publisher.nextSibling as HTMLElement;
  let actions = type.nextSibling as HTMLElement;
  if (actions.classList.contains('mark')) actions = actions.nextSibling as HTMLElement;
  const badge = actions.firstChild as HTMLElement;
  const star = badge.nextSibling as HTMLElement;
  const link = star.nextSibling as HTMLElement;
  const info = link.nextSibling as HTMLElement;
  const name = text(r.name);
  const content = !was || was.t !== v.t;
  if (!was || was.broken !== v.broken) setThumbnail(node, v.broken, onBroken);
  if (content) {
    open.textContent = name;
    open.setAttribute('aria-label', v.t.open(name));
    type.textContent = text(r.presentationType?.nom);
    badge.textContent = v.t.badge;
    badge.setAttribute('aria-label', v.t.badgeLabel);
    link.setAttribute('aria-label', v.t.share.copyLinkOf(name));
    info.setAttribute('aria-label', v.t.details(name));
  }
  if (content || was.busy !== v.busy) {
    publisher.textContent = v.busy ? v.t.opening(name) : text(r.publisherName);
    attr(li, 'aria-busy', v.busy ? 'true' : undefined);
  }
  if (content || was.favourite !== v.favourite) {
    star.setAttribute('aria-pressed', String(v.favourite));
    star.setAttribute('aria-label', v.favourite ? v.t.removeFavourite(name) : v.t.addFavourite(name));
  }
  if (content || was.mark !== v.mark) {
    const mark = type.nextSibling as HTMLElement;
    if (mark !== actions) mark.remove();
    if (v.mark) {
      const span = document.createElement('span');
      span.className = 'mark';
      span.setAttribute('part', `tile-mark mark-${v.mark}`);
      span.textContent = v.t.marks[v.mark];
      actions.before(span);
    }
  }
  // A new tile is built out of the roving tab order, with no hint and shown (the template's defaults).
  if ((was?.active ?? false) !== v.active) {
    const tab = v.active ? '0' : '-1';
    for (const b of [open, star, link, info]) b.setAttribute('tabindex', tab);
  }
  const describedBy = v.active ? v.hint : undefined;
  if ((was?.active ? was.hint : undefined) !== describedBy) attr(open, 'aria-describedby', describedBy);
  if ((was?.hidden ?? false) !== v.hidden) li.hidden = v.hidden;
  if (!v.hidden && was?.pos !== v.pos) li.setAttribute('aria-posinset', String(v.pos));
  if (was?.of !== v.of) li.setAttribute('aria-setsize', String(v.of));
  node.view = v;
}
