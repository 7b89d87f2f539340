// The grid's keyboard hint (`#grid-hint`) is shown in small print while the keyboard is in the grid: a class set from
// the grid's focus events, not a re-render, and not a :has() rule, which slowed every style recalculation of a long grid.

function hintOf(e: FocusEvent): Element | null | undefined {
  return ((e.currentTarget as Node | null)?.getRootNode() as ShadowRoot | undefined)?.querySelector?.('#grid-hint');
}

/** The grid's `focusin`: shows the hint when the focus came from the keyboard. */
export function gridHintFocus(e: FocusEvent): void {
  hintOf(e)?.classList.toggle('shown', (e.target as Element).matches?.(':focus-visible') === true);
}

/** The grid's `focusout`: hides the hint when the focus leaves the grid. */
export function gridHintBlur(e: FocusEvent): void {
  const grid = e.currentTarget as HTMLElement;
  if (!grid.contains(e.relatedTarget as Node | null)) hintOf(e)?.classList.remove('shown');
}
