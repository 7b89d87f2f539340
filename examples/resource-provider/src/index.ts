/**
 * The example publisher site: receives the opengar hand-off and shows what it received.
 *
 * @packageDocumentation
 */
export { createResourceProvider, type ResourceProviderOptions } from './create-resource-provider.js';
export { createDemoProvider, type DemoProviderOptions } from './create-demo-provider.js';
export { createSessionStore, type Session, type SessionStore, type SessionStoreOptions } from './session-store.js';
export { escapeHtml } from '@opengar/server';
export { messages, pickLang, type Lang, type Messages } from './messages.js';
export { renderClaimsPage, renderMessagePage } from './render-page.js';
export { parseStartArgs, start, type StartSettings } from './start.js';
