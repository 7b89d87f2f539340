/**
 * Registers `<gar-catalogue>` (and nothing else). Import it once per page.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-catalogue.js';
 * ```
 */
import { GarCatalogue } from './catalogue.js';

if (!customElements.get('gar-catalogue')) customElements.define('gar-catalogue', GarCatalogue);
