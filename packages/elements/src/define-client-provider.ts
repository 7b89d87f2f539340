/**
 * Registers `<gar-client-provider>`. (The element's folder holds the registration, `client-provider/define.ts`; this path stays for existing imports.) Import it before the elements it wraps.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-client-provider.js';
 * ```
 *
 * @packageDocumentation
 */
import './client-provider/define.js';
