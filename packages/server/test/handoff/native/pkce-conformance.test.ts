// The PKCE conformance cases on the three stores: memory, PGlite and PostgreSQL (skipped with a message without it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createPostgresStore } from '../../../src/node/stores.js';
import { createMemoryStore } from '../../../src/index.js';
import { startTestPostgres } from '../../helpers/postgres.js';
import { createTestPgliteStore } from '../../helpers/pglite-template.js';
import { pkceConformance } from './pkce-conformance.js';

pkceConformance('memory', async () => createMemoryStore());

const root = mkdtempSync(join(tmpdir(), 'opengar-oauth-'));
after(() => rmSync(root, { recursive: true, force: true }));
pkceConformance('pglite', () => createTestPgliteStore(join(root, 'data')));

const server = await startTestPostgres();
if ('skip' in server) test('native apps, PKCE conformance: postgres', { skip: server.skip }, () => undefined);
else {
  after(() => server.stop());
  pkceConformance('postgres', async () => createPostgresStore({ url: (await server.createDatabase()).url }));
}
