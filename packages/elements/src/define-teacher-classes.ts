/**
 * Registers `<gar-teacher-classes>` (and nothing else). Import it once per page.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-teacher-classes.js';
 * ```
 *
 * @packageDocumentation
 */
import './teacher-classes/define.js';
