/**
 * Registers `<gar-mediacentre>` (and nothing else). (The element's folder holds the registration, `mediacentre/define.ts`; this path stays for existing imports.) Import it once per page.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-mediacentre.js';
 * ```
 *
 * @packageDocumentation
 */
import './mediacentre/define.js';
