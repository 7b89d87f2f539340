/**
 * A copy of `s` that shares no memory with the text it was cut from. A value the XML parser gives may be a slice of a
 * whole chunk of the file (V8 slices strings of 13 characters or more instead of copying them), which would keep the
 * chunk alive for as long as the value is held: a feed's people would hold most of its XML. Browser-safe.
 *
 * @example
 * ```ts
 * const id = detached(chunk.slice(120, 160));
 * ```
 */
export function detached(s: string): string {
  // Shorter strings are always copied by V8: nothing to detach.
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
