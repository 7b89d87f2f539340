import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPostgresStore } from '../../src/node/stores.js';
import { StoreError, type Store } from '../../src/store/index.js';
import { startTestPostgres } from '../helpers/postgres.js';
import { storeContract } from './contract.js';
import { college } from './fixtures.js';

const server = await startTestPostgres();

if ('skip' in server) {
  test('PostgreSQL store', { skip: server.skip }, () => undefined);
} else {
  // Each test gets its own database, copied from a migrated template (CREATE DATABASE … TEMPLATE is quick).
  let template = '';
  const urls = new WeakMap<Store, string>();
  before(async () => {
    const db = await server.createDatabase();
    await (await createPostgresStore({ url: db.url })).close();
    template = db.name;
  });
  after(() => server.stop());

  storeContract(
    'postgres',
    async () => {
      const { url } = await server.createDatabase(template);
      const store = await createPostgresStore({ url });
      urls.set(store, url);
      return store;
    },
    // A second pool on the same database stands for a second service instance.
    { openAnother: (store) => createPostgresStore({ url: urls.get(store)!, migrate: false }) },
  );

  describe('PostgreSQL specifics', () => {
    test('an unreachable database is `unavailable`, and the message shows no credentials', async () => {
      const url = 'postgres://opengar:s3cr3t-passw0rd@127.0.0.1:1/opengar';
      await assert.rejects(createPostgresStore({ url }), (error: unknown) => {
        assert.ok(error instanceof StoreError);
        assert.equal(error.code, 'unavailable');
        assert.doesNotMatch(error.message, /s3cr3t|opengar@|127\.0\.0\.1/);
        return true;
      });
    });

    test('instances starting together on an empty database migrate it once', async () => {
      const { url } = await server.createDatabase();
      const stores = await Promise.all(Array.from({ length: 4 }, () => createPostgresStore({ url })));
      try {
        await stores[0]!.putSchool(college);
        assert.deepEqual(await stores[3]!.getSchool(college.uai), college);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    test('a statement error names the operation, never the SQL', async () => {
      const { url } = await server.createDatabase(template);
      const store = await createPostgresStore({ url });
      try {
        // PostgreSQL text cannot hold a NUL character: the database refuses the statement, which the store names
        // `invalid_text` (answered 400 by the HTTP layer, as a last resort behind the input checks).
        const error = await store.putSetting('motd', 'bonjour\u0000').catch((e: unknown) => e);
        assert.ok(error instanceof StoreError);
        assert.equal(error.code, 'invalid-text');
        assert.doesNotMatch(error.message, /INSERT|settings|bonjour|0x00/i);
        assert.ok(error.cause instanceof Error);
        assert.equal(await store.getSetting('motd'), undefined);
      } finally {
        await store.close();
      }
    });
  });
}
