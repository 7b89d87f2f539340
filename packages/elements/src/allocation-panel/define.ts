/**
 * Registers `<gar-allocation-panel>` (and nothing else). Import it once per page.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-allocation-panel.js';
 * ```
 */
import { GarAllocationPanel } from './allocation-panel.js';

if (!customElements.get('gar-allocation-panel')) customElements.define('gar-allocation-panel', GarAllocationPanel);
