/**
 * Registers `<gar-catalogue>` (and nothing else). Import it once per page.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-catalogue.js';
 * ```
 *
 * @packageDocumentation
 */
import './catalogue/define.js';
