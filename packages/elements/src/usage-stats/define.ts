/**
 * Registers `<gar-usage-stats>` (and nothing else). Import it once per page.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-usage-stats.js';
 * ```
 */
import { GarUsageStats } from './usage-stats.js';

if (!customElements.get('gar-usage-stats')) customElements.define('gar-usage-stats', GarUsageStats);
