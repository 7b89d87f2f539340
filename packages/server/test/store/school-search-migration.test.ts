import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIGRATIONS } from '../../src/store/sql/migrations/index.js';
import { migrate } from '../../src/store/sql/migrate.js';
import { createPgliteDriver } from '../../src/store/sql/pglite-driver.js';
import { createSqlStore } from '../../src/store/sql/create-sql-store.js';

test('migration 17 makes the schools already there searchable, folded as the service folds', async () => {
  const driver = await createPgliteDriver(undefined);
  try {
    // A database as version 14 left it, with schools written before the search column existed.
    await driver.exec(
      'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    for (const m of MIGRATIONS.filter((x) => x.version <= 14)) {
      await driver.exec(m.sql);
      await driver.query('INSERT INTO schema_migrations (version, name) VALUES ($1::integer, $2::text)', [
        m.version,
        m.name,
      ]);
    }
    await driver.query(
      `INSERT INTO schools (uai, ent_id, name, degree, locality, commune_label, postal_code) VALUES
       ('0350001A', 'ENT-A', 'École Élémentaire Pierre-Loti', '1D', 'Saint-Malo', 'SAINT-MALO', '35400'),
       ('0561641E', 'ENT-A', 'Collège Jules Simon', '2D', NULL, NULL, NULL)`,
    );
    await migrate(driver);
    const store = createSqlStore(driver);
    const found = async (...terms: string[]) =>
      (await store.searchSchools({ entIds: ['ENT-A'], terms, limit: 20 })).schools.map((s) => s.uai);
    assert.deepEqual(await found('ecole', 'elementaire'), ['0350001A']);
    assert.deepEqual(await found('malo', '35400'), ['0350001A']);
    assert.deepEqual(await found('jules'), ['0561641E']);
    assert.deepEqual(await found('0561641e'), ['0561641E']);
    // A school written after the migration is folded by the service (the same text).
    const before = (await driver.query("SELECT search_text FROM schools WHERE uai = '0350001A'")).rows[0]!.search_text;
    await store.putSchool((await store.getSchool('0350001A'))!);
    const after = (await driver.query("SELECT search_text FROM schools WHERE uai = '0350001A'")).rows[0]!.search_text;
    assert.equal(after, before);
  } finally {
    await driver.close();
  }
});
