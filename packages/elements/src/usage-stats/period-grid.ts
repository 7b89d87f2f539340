// The fixed publication grid (GAR-REFERENCE.md, Statistics): calendar months and school years (September to
// August), never free date ranges. A period is written as the service takes it: `2026-10` or `2026-2027`.

/** A month `YYYY-MM` or a school year `YYYY-YYYY`. */
export type StatsPeriod = string;

/** A parsed period. */
export type ParsedPeriod = { kind: 'month'; year: number; month: number } | { kind: 'year'; start: number };

/** Reads a period, or `undefined` when it is not on the grid. */
export function parsePeriod(period: string): ParsedPeriod | undefined {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (month) return { kind: 'month', year: Number(month[1]), month: Number(month[2]) };
  const year = /^(\d{4})-(\d{4})$/.exec(period);
  if (year && Number(year[2]) === Number(year[1]) + 1) return { kind: 'year', start: Number(year[1]) };
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-2027` from its first year. */
export const schoolYear = (start: number): StatsPeriod => `${start}-${start + 1}`;

/** The first year of the school year a date falls in (it starts on 1 September). */
export function schoolYearStart(date: Date): number {
  return date.getUTCMonth() >= 8 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

/** The first year of the school year of a period. */
export function schoolYearStartOf(period: ParsedPeriod): number {
  return period.kind === 'year' ? period.start : period.month >= 9 ? period.year : period.year - 1;
}

/** The months of a school year, September to August, up to `now`'s month (months to come have no figures). */
export function monthsOf(start: number, now: Date): StatsPeriod[] {
  const last = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}`;
  const months: StatsPeriod[] = [];
  for (let i = 0; i < 12; i++) {
    const m = ((8 + i) % 12) + 1;
    const p = `${i < 4 ? start : start + 1}-${pad(m)}`;
    if (p > last) break;
    months.push(p);
  }
  return months;
}

/** The school years offered: the current one first, then `count - 1` before it. */
export function schoolYearsUpTo(now: Date, count = 3): number[] {
  const current = schoolYearStart(now);
  return Array.from({ length: count }, (_, i) => current - i);
}

/** The period on the grid nearest to a wish: itself when valid and not in the future, else the current school year. */
export function normalisePeriod(wish: string, now: Date): StatsPeriod {
  const p = parsePeriod(wish);
  const current = schoolYearStart(now);
  if (!p) return schoolYear(current);
  if (p.kind === 'year') return p.start <= current ? wish : schoolYear(current);
  return monthsOf(schoolYearStartOf(p), now).includes(wish)
    ? wish
    : schoolYear(Math.min(current, schoolYearStartOf(p)));
}

/** A month as words (`octobre 2026`), `short` for axis labels (`oct.`). */
export function formatMonth(period: StatsPeriod, locale: string, style: 'long' | 'short' = 'long'): string {
  const p = parsePeriod(period);
  if (p?.kind !== 'month') return period;
  const date = new Date(Date.UTC(p.year, p.month - 1, 1));
  return new Intl.DateTimeFormat(
    locale,
    style === 'long' ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' },
  ).format(date);
}

/** A day `YYYY-MM-DD` as words for the locale, or the text itself when it is not a date. */
export function formatDay(day: string, locale: string, style: 'long' | 'short' = 'long'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(
    locale,
    style === 'long' ? { dateStyle: 'long', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' },
  ).format(date);
}
