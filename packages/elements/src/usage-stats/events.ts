import type { StatsBreakdown } from './localize/translation.js';

/** Detail of {@link GarPeriodChangeEvent}. */
export interface GarPeriodChangeDetail {
  /** The period now shown: a month `2026-10` or a school year `2026-2027`. */
  period: string;
  /** The breakdown now shown. */
  by: StatsBreakdown;
}

/**
 * Fired (bubbling, composed) by `<gar-usage-stats>` when the person picks another period or breakdown, before the
 * figures load; a host can keep it in its URL.
 *
 * @example
 * ```ts
 * document.querySelector('gar-usage-stats')?.addEventListener('gar-period-change', (e) => history.replaceState(null, '', `?period=${e.detail.period}`));
 * ```
 */
export class GarPeriodChangeEvent extends CustomEvent<GarPeriodChangeDetail> {
  constructor(detail: GarPeriodChangeDetail) {
    super('gar-period-change', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gar-period-change': GarPeriodChangeEvent;
  }
}
