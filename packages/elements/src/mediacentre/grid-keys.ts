// The médiacentre grid's pointer and keyboard handling, as pure helpers of the element's listeners: one tab stop,
// arrows move by one tile or one row (the row's width read from the tiles' positions), Home and End to the ends.

/** How far a key moves the active tile among `count` visible ones, or `undefined` for a key the grid ignores. */
export function gridStep(key: string, tiles: readonly HTMLElement[], count: number): number | undefined {
  // The first row only: reading a position lays out the tile's group, and the groups off screen are skipped.
  const top = tiles[0]?.offsetTop ?? 0;
  let cols = 1;
  while (cols < tiles.length && tiles[cols]?.offsetTop === top) cols++;
  const moves: Record<string, number> = {
    ArrowRight: 1,
    ArrowLeft: -1,
    ArrowDown: cols,
    ArrowUp: -cols,
    Home: -count,
    End: count,
  };
  return moves[key];
}

/** The action (`open`, `favourite`, `details`) and tile id a click in the grid asks for, if any. */
export function gridAction(e: Event): { action: string; id: string } | undefined {
  const button = (e.target as HTMLElement).closest?.<HTMLElement>('[data-action]');
  const id = button?.closest<HTMLElement>('.tile')?.dataset.id;
  const action = button?.dataset.action;
  return id === undefined || action === undefined ? undefined : { action, id };
}
