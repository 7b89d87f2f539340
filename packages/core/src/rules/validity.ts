import type { Subscription } from '../model/entities.js';

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
  const m = /^(\d{4})-(\d{4})$/.exec(schoolYear);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) throw new TypeError(`not a school year: ${schoolYear}`);
  return new Date(Date.UTC(Number(m[2]), 7, 15, 21, 59, 59)).toISOString();
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

/** Milliseconds since the epoch of a Date or ISO string. */
export function toMillis(at: Date | string | number): number {
  if (typeof at === 'number') return at;
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new TypeError('invalid instant');
  return ms;
}

/**
 * Whether a subscription is inside its validity window at an instant (start inclusive, end inclusive).
 *
 * @example
 * ```ts
 * isSubscriptionValidAt(sub, new Date());
 * ```
 */
export function isSubscriptionValidAt(sub: Pick<Subscription, 'validFrom' | 'validUntil'>, at: Date | string | number): boolean {
  const t = toMillis(at);
  return Date.parse(sub.validFrom) <= t && t <= Date.parse(sub.validUntil);
}

/**
 * Whether a subscription ends within `days` days after `at` (and has not ended yet).
 *
 * @example
 * ```ts
 * endsWithin(sub, new Date(), 30);
 * ```
 */
export function endsWithin(sub: Pick<Subscription, 'validUntil'>, at: Date | string | number, days: number): boolean {
  const t = toMillis(at);
  const end = Date.parse(sub.validUntil);
  return end >= t && end - t <= days * 86_400_000;
}
