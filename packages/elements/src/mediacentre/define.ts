/**
 * Registers `<gar-mediacentre>` (and nothing else). Import it once per page.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-mediacentre.js';
 * ```
 */
import { GarMediacentre } from './mediacentre.js';

if (!customElements.get('gar-mediacentre')) customElements.define('gar-mediacentre', GarMediacentre);
