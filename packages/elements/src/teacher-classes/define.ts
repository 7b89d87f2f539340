/**
 * Registers `<gar-teacher-classes>` (and nothing else). Import it once per page.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-teacher-classes.js';
 * ```
 */
import { GarTeacherClasses } from './teacher-classes.js';

if (!customElements.get('gar-teacher-classes')) customElements.define('gar-teacher-classes', GarTeacherClasses);
