/**
 * A pretend ENT for trying `<gar-mediacentre>` against a running opengar service.
 *
 * @example
 * ```ts
 * import { createEntPortal } from '@opengar/example-ent-portal';
 * ```
 *
 * @packageDocumentation
 */
export { createEntPortal } from './create-ent-portal.js';
export type { EntPortalOptions } from './create-ent-portal.js';
export { createAssertionSigner } from './sign-ent-assertion.js';
export type { AssertionSubject, EntSigningKey } from './sign-ent-assertion.js';
export { escapeHtml, renderPage } from './render-page.js';
export type { PortalUser } from './render-page.js';
