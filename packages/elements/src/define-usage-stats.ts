/**
 * Registers `<gar-usage-stats>` (and nothing else). (The element's folder holds the registration, `usage-stats/define.ts`; this path stays for existing imports.) Import it once per page.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-usage-stats.js';
 * ```
 *
 * @packageDocumentation
 */
import './usage-stats/define.js';
