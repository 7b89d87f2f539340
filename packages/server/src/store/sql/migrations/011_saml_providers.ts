import type { Migration } from './index.js';

const sql = `
ALTER TABLE resources ADD COLUMN saml jsonb;
`;

/** The SAML 2.0 service provider registered on a resource (entity id, ACS URLs, certificates, options). */
export const samlProviders: Migration = { version: 11, name: 'saml_providers', sql };
