/**
 * The school calendar, in one place: the school year of validity (16 August to 15 August, Paris time) and the fixed
 * statistics grid (calendar months, UTC, and school years of twelve months, September to August, so that every month
 * lies in exactly one year). Stores compute statistics periods from here, never from their own copy of the rule.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const YEAR = /^(\d{4})-(\d{4})$/;

/**
 * Checks a school year written `2026-2027` (consecutive years) and returns its first year.
 *
 * @example
 * ```ts
 * openingYear('2026-2027'); // 2026
 * openingYear('2026-2028'); // undefined
 * ```
 */
export function openingYear(year: string): number | undefined {
  const m = YEAR.exec(year);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) return undefined;
  return Number(m[1]);
}

/**
 * The instant a school year written `2025-2026` ends (our rule): 15 August of the second year, 23:59:59 Europe/Paris
 * (summer time, UTC+2), as an ISO string in UTC.
 *
 * @example
 * ```ts
 * schoolYearEnd('2025-2026'); // '2026-08-15T21:59:59.000Z'
 * ```
 */
export function schoolYearEnd(schoolYear: string): string {
  const first = openingYear(schoolYear);
  if (first === undefined) throw new TypeError(`not a school year: ${schoolYear}`);
  return new Date(Date.UTC(first + 1, 7, 15, 21, 59, 59)).toISOString();
}

/**
 * The school year an instant belongs to (our rule: a year runs from 16 August, Paris time, to 15 August).
 *
 * @example
 * ```ts
 * schoolYearOf(new Date('2026-09-01T08:00:00Z')); // '2026-2027'
 * ```
 */
export function schoolYearOf(at: Date | string): string {
  const t = typeof at === 'string' ? new Date(at) : at;
  const y = t.getUTCFullYear();
  const boundary = Date.UTC(y, 7, 15, 22, 0, 0); // 16 August 00:00 Paris
  return t.getTime() >= boundary ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

/**
 * The month `YYYY-MM` (UTC) of an instant.
 *
 * @example
 * ```ts
 * monthOf('2026-10-03T08:00:00Z'); // '2026-10'
 * ```
 */
export function monthOf(at: string | Date): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) throw new TypeError('invalid instant');
  return d.toISOString().slice(0, 7);
}

/**
 * The statistics school year of a month: September to August.
 *
 * @example
 * ```ts
 * statsYearOfMonth('2027-03'); // '2026-2027'
 * ```
 */
export function statsYearOfMonth(month: string): string {
  const m = MONTH.exec(month);
  if (!m) throw new TypeError('a month is written YYYY-MM');
  const y = Number(m[1]);
  return Number(m[2]) >= 9 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

/**
 * The twelve months of a statistics school year, September first.
 *
 * @example
 * ```ts
 * monthsOfYear('2026-2027')[0]; // '2026-09'
 * ```
 */
export function monthsOfYear(year: string): string[] {
  const y = openingYear(year);
  if (y === undefined) throw new TypeError('a school year is written YYYY-YYYY+1');
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((8 + i) % 12) + 1;
    return `${i < 4 ? y : y + 1}-${String(month).padStart(2, '0')}`;
  });
}

/**
 * Whether a statistics period is a month (else a school year).
 *
 * @example
 * ```ts
 * isMonth('2026-10'); // true
 * isMonth('2026-2027'); // false
 * ```
 */
export function isMonth(period: string): boolean {
  return MONTH.test(period);
}

/**
 * The month before or after a month.
 *
 * @example
 * ```ts
 * addMonths('2026-01', -2); // '2025-11'
 * ```
 */
export function addMonths(month: string, n: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new TypeError('a month is written YYYY-MM');
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The school year before a school year (the one a rollover closes).
 *
 * @example
 * ```ts
 * previousSchoolYear('2026-2027'); // '2025-2026'
 * ```
 */
export function previousSchoolYear(year: string): string {
  const first = openingYear(year);
  if (first === undefined) throw new TypeError('a school year is written YYYY-YYYY+1');
  return `${first - 1}-${first}`;
}
