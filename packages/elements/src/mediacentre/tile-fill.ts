import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';

/** Longest time (ms) one later update may spend rendering tiles, so that no task comes near 50 ms. */
const BUDGET_MS = 12;
const MIN_CHUNK = 16;
const MAX_CHUNK = 400;

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
interface PostTask {
  postTask(cb: () => void, options: { priority: string; signal: AbortSignal }): Promise<void>;
}

/** Runs `fn` in a task of its own, after input and rendering had their turn (Prioritized Task Scheduling if any). */
function later(fn: () => void): Cancel {
  const scheduler = (globalThis as { scheduler?: PostTask }).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    const abort = new AbortController();
    scheduler.postTask(fn, { priority: 'user-visible', signal: abort.signal }).catch(() => {});
    return () => abort.abort();
  }
  const id = setTimeout(fn, 0);
  return () => clearTimeout(id);
}

/**
 * Renders a long tile list in pieces: the first update renders what the first screen holds, each later update, in a
 * task of its own, adds as many tiles as fit in a few milliseconds, until every tile is in the DOM. Between pieces the
 * browser paints and handles input. The full list ends up in the DOM (keyboard, find-in-page and screen readers see
 * every tile); while it fills, the host marks the grid `aria-busy`. The fill only goes on while the host renders the
 * list (`slice` is called by its render), and stops when the host leaves the page.
 */
export class TileFill implements ReactiveController {
  /** How many items of the list are rendered. */
  #count = 0;
  #total = 0;
  #chunk = 64;
  /** The host's render took a slice in the current update. */
  #sliced = false;
  #started = 0;
  /** How many items the last update rendered. */
  #rendered = 0;
  #cancel?: Cancel;
  /** A piece is scheduled, or requested and not rendered yet. */
  #pending = false;
  #waiters: (() => void)[] = [];

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** Whether some items are not rendered yet. */
  get filling(): boolean {
    return this.#count < this.#total;
  }

  /** Starts over (a new list, or the list shown again): the first screen, or at least `atLeast` items, now. */
  reset(atLeast = 0): void {
    this.#count = Math.max(firstScreenTiles(), atLeast);
  }

  /** Renders every item at the next update (a key asked for a tile that is not rendered yet). */
  flush(): void {
    if (!this.filling) return;
    this.#count = this.#total;
    this.host.requestUpdate();
  }

  /** The items to render now; called by the host's render. */
  slice<T>(items: readonly T[]): readonly T[] {
    this.#sliced = true;
    this.#total = items.length;
    return this.#count >= items.length ? items : items.slice(0, this.#count);
  }

  /** Resolves once every item is rendered, or the fill stopped (the list is no longer shown, the host left). */
  async done(): Promise<void> {
    while (this.#pending) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  hostUpdate(): void {
    this.#sliced = false;
    this.#started = performance.now();
  }

  hostUpdated(): void {
    // Size the next piece from this one's cost per tile, so that each stays within the budget on a slow machine.
    const rendered = this.#sliced ? Math.min(this.#count, this.#total) : 0;
    const added = rendered - this.#rendered;
    this.#rendered = rendered;
    if (added > 0 && this.#rendered > added) {
      const perTile = (performance.now() - this.#started) / added;
      this.#chunk = Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, BUDGET_MS / Math.max(perTile, 0.001))));
    }
    this.#stop();
    if (this.#sliced && this.filling && this.host.isConnected) {
      this.#pending = true;
      this.#cancel = later(() => {
        this.#cancel = undefined;
        this.#count = Math.min(this.#total, this.#count + this.#chunk);
        this.host.requestUpdate();
      });
    }
    this.#wake();
  }

  /** Back on a page (moved in the DOM): the fill goes on where it stopped. */
  hostConnected(): void {
    if (this.filling) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#stop();
    this.#wake();
  }

  #stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#pending = false;
  }

  #wake(): void {
    for (const resolve of this.#waiters.splice(0)) resolve();
  }
}

/** A tile's state that search, filters and keys change (`index`: its place among the tiles shown, if shown). */
export function tileState(index: number | undefined, activeIndex: number): string {
  return index === undefined ? 'h' : index === activeIndex ? 'a' : 's';
}

/** Tiles per block: a block renders again only when the state of one of its tiles changed. */
const BLOCK = 32;

/**
 * The tiles in blocks of `BLOCK`, each behind lit's `guard`: an update re-renders only the blocks whose tiles changed
 * (`stamp`: what changes every tile, such as the language or the favourites; `state`: one tile's hidden or active
 * state), so that a later piece of the fill costs its new tiles only, and a keystroke the blocks it shows or hides.
 */
export function tileBlocks<T>(
  items: readonly T[],
  stamp: unknown,
  state: (item: T) => string,
  render: (item: T) => TemplateResult,
): unknown[] {
  const out: unknown[] = [];
  for (let start = 0; start < items.length; start += BLOCK) {
    const block = items.slice(start, start + BLOCK);
    out.push(guard([stamp, start, block.length, block.map(state).join('')], () => block.map(render)));
  }
  return out;
}
