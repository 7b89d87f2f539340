// The grid's tiles in groups: each group is a grid of its own with the same columns and `content-visibility: auto`,
// so that a frame's style and layout work follows the groups on screen, not every tile of a long listing. A group
// holds GROUP shown tiles (hidden ones may be anywhere: they take no cell), so its rows end full for 1 to 6, 10, 12,
// 15, 20, 30 and 60 columns; the shown tiles are grouped again after each search or filter. For assistive technology
// it stays one list: the container is `role="list"`, each group `role="none"`, each tile `role="listitem"`.

/** Shown tiles in a full group. */
export const GROUP = 60;

/**
 * Places the tiles of a grid in order, group after group, moving as few as it can: a shown tile moves only when it is
 * not where it belongs; a hidden one stays wherever it is (it takes no cell), as do the groups left with no shown tile,
 * which are hidden rather than removed, so that the next search that shows their tiles again finds most in place.
 */
export class TileGroups {
  #grid?: HTMLElement;
  #group: HTMLElement | null = null;
  #at: ChildNode | null = null;
  #shown = 0;
  /** New tiles for the end of the current group, appended together (one insertion, not one a tile). */
  readonly #tail = document.createDocumentFragment();
  /** Measures the first group: a full group's height is the size given to the groups never laid out. */
  #sizer?: ResizeObserver;

  /** Starts placing from the grid's first tile; `fresh`: a new listing, the grid's tiles are dropped. */
  begin(grid: HTMLElement, fresh: boolean): void {
    if (this.#grid !== grid) {
      this.#sizer?.disconnect();
      // When the first group is not full, it is the only one shown: its height is then of no use, and harmless.
      this.#sizer = new ResizeObserver(([e]) => {
        const height = e?.contentRect.height;
        if (height) grid.style.setProperty('--_group-h', `${height}px`);
      });
    }
    if (fresh) grid.replaceChildren();
    this.#grid = grid;
    this.#group = this.#at = null;
    this.#shown = 0;
  }

  /** Whether `place` goes on where the last placement in `grid` stopped. */
  continues(grid: HTMLElement): boolean {
    return this.#group?.parentNode === grid;
  }

  /** Puts `li` after the shown tiles placed so far (moving it only if it is not there already). */
  place(li: HTMLElement): void {
    if (!this.#group || (!li.hidden && this.#shown === GROUP)) this.#next();
    if (li.hidden) {
      // A hidden tile only needs to be somewhere in the grid.
      if (li.parentNode?.parentNode === this.#grid) return;
    } else this.#shown++;
    let at = this.#at;
    while (at && at !== li && (at as HTMLElement).hidden) at = at.nextSibling;
    // The hidden tiles passed over stay behind the cursor: one shown later is moved, not found in place.
    if (at === li) at = li.nextSibling;
    else if (at) this.#group?.insertBefore(li, at);
    else this.#tail.append(li);
    this.#at = at;
  }

  /** Hides the groups after the last shown tile (and the last one too when it shows none). */
  end(): void {
    const last = this.#group;
    last?.append(this.#tail);
    if (last) last.hidden = !this.#shown;
    for (let g = last ? last.nextElementSibling : this.#grid?.firstElementChild; g; g = g.nextElementSibling)
      (g as HTMLElement).hidden = true;
  }

  #next(): void {
    const previous = this.#group;
    previous?.append(this.#tail);
    let group = (previous ? previous.nextElementSibling : this.#grid?.firstElementChild) as HTMLElement | null;
    if (!group) {
      group = document.createElement('ul');
      group.className = 'group';
      group.setAttribute('role', 'none');
      this.#grid?.append(group);
    }
    group.hidden = false;
    this.#group = group;
    this.#at = group.firstChild;
    this.#shown = 0;
    if (!previous) this.#sizer?.observe(group);
  }
}
