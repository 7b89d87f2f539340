/**
 * Registers `<gar-allocation-panel>` (and nothing else). (The element's folder holds the registration, `allocation-panel/define.ts`; this path stays for existing imports.) Import it once per page.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-allocation-panel.js';
 * ```
 *
 * @packageDocumentation
 */
import './allocation-panel/define.js';
