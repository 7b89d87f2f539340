const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?$/;

let parisFormat: Intl.DateTimeFormat | undefined;

/** Paris wall-clock time of an instant, read as if it were UTC, in ms. */
function parisWallClock(instant: number): number {
  parisFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const part: Record<string, number> = {};
  for (const p of parisFormat.formatToParts(new Date(instant)))
    if (p.type !== 'literal') part[p.type] = Number(p.value);
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
}

/** `+02:00` for 120 minutes. */
function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Gives a date-time written without an offset (`2026-09-01T00:00:00`, as GAR's publishers send them) the offset of
 * Europe/Paris on that day (`+02:00` in summer, `+01:00` in winter); a value with an offset or `Z`, or one that is
 * not a local date-time, is returned unchanged for the caller's own check. A wall-clock time that does not exist or
 * exists twice (02:30 on the last Sunday of March or of October) takes the winter offset `+01:00`.
 *
 * @example
 * ```ts
 * withParisOffset('2026-09-01T00:00:00');  // '2026-09-01T00:00:00+02:00'
 * withParisOffset('2027-01-15T08:30:00');  // '2027-01-15T08:30:00+01:00'
 * withParisOffset('2026-09-01T00:00:00Z'); // unchanged
 * ```
 */
export function withParisOffset(value: string): string {
  const m = LOCAL.exec(value);
  if (!m) return value;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== d || h > 23) return value;
  // The offset of the instant `wall - offset`, refined once: Paris changes offset by at most an hour.
  let offset = parisWallClock(wall) - wall;
  offset = parisWallClock(wall - offset) - (wall - offset);
  return `${value}${formatOffset(Math.round(offset / 60_000))}`;
}
