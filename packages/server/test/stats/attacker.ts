// The attacker of the disclosure property tests: every published figure is a linear equation over the true interior
// cells (accesses add up); a hidden figure is recoverable exactly when its linear form lies in the span of the
// published ones (same rank test as the core's property test).
import type { PublishedCell } from '@opengar/core';

/** A figure: which interior cells it sums, and what was published. */
export interface Figure {
  cells: readonly number[];
  published: PublishedCell;
}

function rank(m: number[][]): number {
  const a = m.map((r) => [...r]);
  let rk = 0;
  const cols = a[0]?.length ?? 0;
  for (let col = 0; col < cols && rk < a.length; col++) {
    let piv = rk;
    for (let i = rk; i < a.length; i++) if (Math.abs(a[i]![col]!) > Math.abs(a[piv]![col]!)) piv = i;
    if (Math.abs(a[piv]![col]!) < 1e-9) continue;
    [a[rk], a[piv]] = [a[piv]!, a[rk]!];
    for (let i = 0; i < a.length; i++) {
      if (i === rk) continue;
      const f = a[i]![col]! / a[rk]![col]!;
      if (f !== 0) for (let j = col; j < cols; j++) a[i]![j]! -= f * a[rk]![j]!;
    }
    rk++;
  }
  return rk;
}

/** The hidden figures an attacker can compute exactly from all the published ones (of any number of answers). */
export function recoverableFigures(n: number, figures: readonly Figure[]): Figure[] {
  const vector = (f: Figure) => {
    const v = new Array<number>(n).fill(0);
    for (const i of f.cells) v[i] = 1;
    return v;
  };
  const known = figures.filter((f) => f.published.status === 'published').map(vector);
  const base = rank(known);
  return figures.filter(
    (f) => f.published.status === 'suppressed' && f.cells.length > 0 && rank([...known, vector(f)]) === base,
  );
}
