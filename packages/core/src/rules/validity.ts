import type { Subscription } from '../model/entities.js';

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
export function isSubscriptionValidAt(
  sub: Pick<Subscription, 'validFrom' | 'validUntil'>,
  at: Date | string | number,
): boolean {
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
