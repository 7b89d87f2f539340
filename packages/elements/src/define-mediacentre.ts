/**
 * Registers `<gar-mediacentre>` (and nothing else). Import it once per page.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-mediacentre.js';
 * ```
 *
 * @packageDocumentation
 */
import { GarMediacentre } from './mediacentre.component.js';

if (!customElements.get('gar-mediacentre')) customElements.define('gar-mediacentre', GarMediacentre);
