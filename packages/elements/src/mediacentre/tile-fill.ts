import type { MediacentreResource } from '@opengar/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { applyTile, createTile, type TileNode, type TileView } from './tile-dom.js';
import { TileGroups } from './tile-groups.js';

/** Longest time (ms) one later piece may spend building tiles (a frame's length), so that no task comes near 50 ms. */
const BUDGET_MS = 16;

/**
 * The tiles a first screen holds (columns of at least 160 px, rows of 200 px), and never fewer than 12; from the
 * window's size, as reading the host's would force a layout in the middle of the update.
 */
export function firstScreenTiles(): number {
  const width = globalThis.innerWidth || 1024;
  const height = globalThis.innerHeight || 800;
  return Math.max(12, Math.floor(width / 160) * Math.ceil(height / 200));
}

type Cancel = () => void;

/** Runs `fn` in a task of its own, after input and rendering had their turn. */
function later(fn: () => void): Cancel {
  const id = setTimeout(fn, 0);
  return () => clearTimeout(id);
}

/** The grid as the host renders it now: the list element (its tiles go in groups, see tile-groups.ts), the ordered resources, and what each tile shows. */
export interface GridSource {
  ul: HTMLElement;
  items: readonly MediacentreResource[];
  view: (r: MediacentreResource) => TileView;
  onBroken: (id: string) => void;
}

/**
 * The grid's tiles, kept by resource id and built in pieces. After each update of the host, the tiles already built
 * are brought up to date (only what changed: a search flips `hidden`, not a re-render) and put in the listing's
 * order; the first update builds what the first screen holds, then each later piece, in a task of its own, builds
 * tiles for about a frame's length (16 ms), until every tile is in the DOM. Between pieces the browser paints and handles input. The
 * full list ends up in the DOM (keyboard, find-in-page and screen readers see every tile); while it fills, the grid
 * is `aria-busy`. `source` returns undefined when the host shows no grid: the fill stops.
 */
export class TileFill implements ReactiveController {
  /** How many items of the list are to be in the DOM. */
  #count = 0;
  #built = 0;
  #total = 0;
  readonly #tiles = new Map<string, TileNode>();
  readonly #groups = new TileGroups();
  /** A new listing: the next update drops the grid's tiles. */
  #fresh = false;
  #cancel?: Cancel;
  #waiters: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly source: () => GridSource | undefined,
  ) {
    host.addController(this);
  }

  /** Whether some items are not in the DOM yet. */
  get filling(): boolean {
    return this.#built < this.#total;
  }

  /** Starts over (the list shown again): the first screen, or at least `atLeast` items, now; `forget`: a new listing. */
  reset(atLeast = 0, forget = false): void {
    this.#count = Math.max(firstScreenTiles(), atLeast);
    if (forget) this.#tiles.clear();
    this.#fresh ||= forget;
  }

  /** Builds every tile at once (a key asked for a tile that is not built yet). */
  flush(): void {
    this.#count = Number.POSITIVE_INFINITY;
    const src = this.source();
    if (src) this.#sync(src);
  }

  /** Resolves once every tile is in the DOM, or the fill stopped (the list is no longer shown, the host left). */
  async done(): Promise<void> {
    while (this.#cancel) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  hostUpdated(): void {
    const src = this.source();
    if (src) this.#sync(src);
    else this.#stop();
  }

  /** Back on a page (moved in the DOM): the fill goes on where it stopped. */
  hostConnected(): void {
    if (this.filling) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  /**
   * Brings the first `#count` tiles up to date, in order and in their groups, and schedules the next piece; a piece
   * (`piece`) goes on from the last tile built and builds more for about BUDGET_MS.
   */
  #sync({ ul, items, view, onBroken }: GridSource, piece = false): void {
    const start = performance.now();
    const groups = this.#groups;
    let i = piece && groups.continues(ul) ? this.#built : 0;
    if (!i) groups.begin(ul, this.#fresh);
    this.#fresh = false;
    // In a piece, the clock is read every 8 tiles.
    while (i < items.length && (i < this.#count || (piece && (i & 7 || performance.now() - start < BUDGET_MS)))) {
      const r = items[i++] as MediacentreResource;
      const node = this.#tile(r);
      applyTile(node, view(r), onBroken);
      groups.place(node.li);
    }
    groups.end();
    this.#total = items.length;
    this.#built = i;
    this.#count = Math.max(this.#count, i);
    this.#next(ul);
  }

  /** One piece, in a task of its own. */
  #piece(): void {
    this.#cancel = undefined;
    const src = this.source();
    if (src) this.#sync(src, true);
    else this.#stop();
  }

  #tile(r: MediacentreResource): TileNode {
    let node = this.#tiles.get(r.id);
    if (!node || node.r !== r) {
      node = createTile(r);
      this.#tiles.set(r.id, node);
    }
    return node;
  }

  /** The grid is busy while it fills; the next piece is scheduled, or the waiters are told it is done. */
  #next(ul: HTMLElement): void {
    if (this.filling) ul.setAttribute('aria-busy', 'true');
    else ul.removeAttribute('aria-busy');
    this.#cancel?.();
    this.#cancel = undefined;
    if (this.filling && this.host.isConnected) this.#cancel = later(() => this.#piece());
    else this.#wake();
  }

  #stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#wake();
  }

  #wake(): void {
    for (const resolve of this.#waiters.splice(0)) resolve();
  }
}
