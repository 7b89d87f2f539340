import type { Migration } from './index.js';

const sql = `
ALTER TABLE resources ADD COLUMN saml jsonb;
CREATE INDEX resources_by_saml_entity ON resources ((saml->>'entityId')) WHERE saml IS NOT NULL;
`;

/** The SAML 2.0 service provider registered on a resource (entity id, ACS URLs, certificates, options). */
export const samlProviders: Migration = { version: 11, name: 'saml_providers', sql };
