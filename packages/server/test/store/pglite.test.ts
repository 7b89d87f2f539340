import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createPgliteStore, LOCK_FILE, lockDataDir, openStore, type DataDirLock } from '../../src/node/stores.js';
import type { Store } from '../../src/store/index.js';
import { createSqlStore } from '../../src/store/sql/create-sql-store.js';
import type { SqlDriver } from '../../src/store/sql/driver.js';
import { createPgliteDriver } from '../../src/store/sql/pglite-driver.js';
import { storeContract } from './contract.js';
import { rejectsWithCode } from './contract-assert.js';
import { college } from './fixtures.js';

// Creating a PGlite database (initdb + migrations) takes seconds, so the file creates one: the data-directory tests
// open and reopen it, then the contract runs on it through the same driver and SQL, emptied before each test.
const root = mkdtempSync(join(tmpdir(), 'opengar-pglite-test-'));
const dir = join(root, 'data');

before(async () => {
  await (await createPgliteStore({ dataDir: dir })).close();
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('PGlite data directory', () => {
  test('data survives closing and reopening, and the lock goes with close', async () => {
    const first = await createPgliteStore({ dataDir: dir });
    await first.putSchool(college);
    await first.close();
    assert.equal(existsSync(join(dir, LOCK_FILE)), false);
    const second = await createPgliteStore({ dataDir: dir });
    try {
      assert.deepEqual(await second.getSchool(college.uai), college);
    } finally {
      await second.close();
    }
  });

  test('a directory in use by a running process is refused with the code locked', async () => {
    const store = await createPgliteStore({ dataDir: dir });
    try {
      assert.equal(readFileSync(join(dir, LOCK_FILE), 'utf8').split('\n')[0], String(process.pid));
      await rejectsWithCode(createPgliteStore({ dataDir: dir }), 'locked');
      assert.equal(await store.ping(), true);
    } finally {
      await store.close();
    }
  });

  test('a lock left by a process that is gone is taken over', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, LOCK_FILE), `${gone.stdout}\n`);
    const store = await createPgliteStore({ dataDir: dir });
    try {
      assert.equal(readFileSync(join(dir, LOCK_FILE), 'utf8').split('\n')[0], String(process.pid));
      assert.equal(await store.ping(), true);
    } finally {
      await store.close();
    }
  });
  test('openStore opens a directory as PGlite', async () => {
    const store = await openStore(dir, {});
    try {
      assert.equal(store.kind, 'pglite');
      assert.deepEqual(await store.getSchool(college.uai), college);
    } finally {
      await store.close();
    }
    assert.equal(await store.ping(), false);
  });

  test('SIGTERM closes the store cleanly: exit code 143, lock removed, writes kept', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=opengar-source',
        fileURLToPath(new URL('./signal-child.ts', import.meta.url)),
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      child.on('exit', () => reject(new Error(`the child exited early: ${stderr.slice(-2000)}`)));
    });
    child.kill('SIGTERM');
    assert.equal(await exited, 143);
    assert.equal(existsSync(join(dir, LOCK_FILE)), false);
    const store = await createPgliteStore({ dataDir: dir });
    try {
      assert.equal(await store.getSetting('written-before-sigterm'), 'yes');
    } finally {
      await store.close();
    }
  });
});

describe('PGlite', () => {
  let driver: SqlDriver | undefined;
  let lock: DataDirLock | undefined;
  before(async () => {
    lock = lockDataDir(dir);
    driver = await createPgliteDriver(join(dir, 'pglite'));
  });
  after(async () => {
    await driver?.close();
    lock?.release();
  });

  async function emptiedStore(): Promise<Store> {
    const db = driver!;
    const { rows } = await db.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
    );
    await db.exec(`TRUNCATE ${rows.map((r) => `"${String(r.tablename)}"`).join(', ')}`);
    // The database outlives each test: the suite's `after` closes it.
    return { ...createSqlStore(db), close: async () => undefined };
  }

  storeContract('pglite', emptiedStore);
});
