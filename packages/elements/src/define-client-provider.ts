/**
 * Registers `<gar-client-provider>`. Import it before the elements it wraps.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-client-provider.js';
 * ```
 *
 * @packageDocumentation
 */
import { GarClientProvider } from './client-provider.component.js';

if (!customElements.get('gar-client-provider')) customElements.define('gar-client-provider', GarClientProvider);
