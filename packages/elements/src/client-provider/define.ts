/**
 * Registers `<gar-client-provider>`. Import it before the elements it wraps.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-client-provider.js';
 * ```
 */
import { GarClientProvider } from './client-provider.js';

if (!customElements.get('gar-client-provider')) customElements.define('gar-client-provider', GarClientProvider);
