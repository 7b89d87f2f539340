// Every table of every store is declared in PERSON_DATA_TABLES with what it holds of a person, so that a new table
// cannot hold people out of sight of the access export: the SQL schema is enumerated from information_schema on
// PGlite (and PostgreSQL when a server is at hand), the memory store from its state.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createPostgresStore } from '../../src/node/stores.js';
import { memoryTables } from '../../src/store/memory/memory-person-data-ops.js';
import { createMemoryState } from '../../src/store/memory/memory-state.js';
import { EXPORTED_TABLES, PERSON_DATA_TABLES } from '../../src/store/person-data-coverage.js';
import { createSqlStore } from '../../src/store/sql/create-sql-store.js';
import { createPgliteDriver } from '../../src/store/sql/pglite-driver.js';
import type { SqlDriver } from '../../src/store/sql/driver.js';
import { startTestPostgres } from '../helpers/postgres.js';

const declaredSql = new Set(PERSON_DATA_TABLES.map((t) => t.table));
const declaredMemory = new Set(PERSON_DATA_TABLES.flatMap((t) => (t.memory === undefined ? [] : [t.memory])));

async function sqlTables(driver: SqlDriver): Promise<string[]> {
  const { rows } = await driver.query(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => String(r.table_name));
}

describe('every store table is declared with what it holds of a person', () => {
  test('PGlite: every table of the migrated schema is declared', async () => {
    const driver = await createPgliteDriver(undefined);
    try {
      await createSqlStore(driver).migrate();
      const tables = await sqlTables(driver);
      assert.ok(tables.length >= 30, `${tables.length} tables`);
      const undeclared = tables.filter((t) => !declaredSql.has(t));
      assert.deepEqual(undeclared, [], 'tables missing from PERSON_DATA_TABLES');
      // And every table the export reads exists (a renamed table would make its predicate fail at once).
      for (const t of EXPORTED_TABLES) assert.ok(tables.includes(t), `${t} is not a table of the schema`);
    } finally {
      await driver.close();
    }
  });

  test('memory: every table of its state (core, feeds, statistics) is declared', () => {
    const tables = Object.keys(memoryTables(createMemoryState()));
    assert.ok(tables.length >= 30, `${tables.length} tables`);
    assert.deepEqual(
      tables.filter((t) => !declaredMemory.has(t)),
      [],
      'memory tables missing from PERSON_DATA_TABLES',
    );
    for (const t of PERSON_DATA_TABLES)
      if (t.memory !== undefined) assert.ok(tables.includes(t.memory), `${t.memory} is not a memory table`);
  });

  test('a table that holds people is either exported or says why not', () => {
    for (const t of PERSON_DATA_TABLES) {
      assert.ok(t.why.length > 5, `${t.table} says what it holds`);
      assert.equal(EXPORTED_TABLES.includes(t.table), t.holds === 'person' || t.holds === 'pseudonym', t.table);
    }
  });

  test('the check fails on a new table nobody declared', async () => {
    const driver = await createPgliteDriver(undefined);
    try {
      await createSqlStore(driver).migrate();
      await driver.exec('CREATE TABLE pupil_notes (person_id text, note text)');
      assert.ok((await sqlTables(driver)).filter((t) => !declaredSql.has(t)).includes('pupil_notes'));
    } finally {
      await driver.close();
    }
  });
});

const server = await startTestPostgres();
describe('PostgreSQL schema', () => {
  after(() => ('skip' in server ? undefined : server.stop()));
  test('every table of the migrated schema is declared', { skip: 'skip' in server ? server.skip : false }, async () => {
    if ('skip' in server) return;
    const { url } = await server.createDatabase();
    const store = await createPostgresStore({ url });
    await store.close();
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
      );
      assert.deepEqual(
        rows.map((r: { table_name: string }) => r.table_name).filter((t: string) => !declaredSql.has(t)),
        [],
      );
    } finally {
      await client.end();
    }
  });
});
