/**
 * Whether two JSON-shaped values are equal as JSON: object members in any order, `undefined` members the same as
 * absent ones (as JSONB stores them), arrays in order. Two stores may give the same record back with its keys in a
 * different order, so `JSON.stringify` comparisons see changes that never happened.
 *
 * @example
 * ```ts
 * sameJson({ a: 1, b: [2] }, { b: [2], a: 1 }); // true
 * sameJson({ a: 1, b: undefined }, { a: 1 }); // true
 * sameJson([1, 2], [2, 1]); // false
 * ```
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((x, i) => sameJson(x, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const lk = keys(left);
  if (lk.length !== keys(right).length) return false;
  return lk.every((k) => Object.hasOwn(right, k) && sameJson(left[k], right[k]));
}
