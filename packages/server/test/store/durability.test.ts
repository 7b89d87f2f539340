import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { createPgliteStore, createPostgresStore, LOCK_FILE } from '../../src/node/stores.js';
import type { Store } from '../../src/store/index.js';
import { startTestPostgres } from '../helpers/postgres.js';
import { COLLEGE } from './fixtures.js';

const writer = fileURLToPath(new URL('./durability-writer.ts', import.meta.url));

/**
 * Runs the writer until it acknowledged `acks` transactions plus a random few milliseconds, then SIGKILLs it.
 * Resolves to the acknowledged transaction numbers.
 */
function burstThenKill(args: string[], acks: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=opengar-source', writer, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: number[] = [];
    let buffer = '';
    let stderr = '';
    let killing = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (/^\d+$/.test(line)) acked.push(Number(line));
      if (!killing && acked.length >= acks) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited with ${code ?? signal} before it was killed:\n${stderr.slice(-2000)}`));
    });
  });
}

/** Every acknowledged transaction is whole; every other one is whole or absent. */
async function assertAllOrNothing(store: Store, acked: readonly number[]): Promise<number> {
  const subs = new Set((await store.listSubscriptions({ includeDeleted: true })).map((s) => s.id));
  const allocations = new Set((await store.listAllocations({ uai: COLLEGE, includeArchived: true })).map((a) => a.id));
  const copies = await store.listCopies({ uai: COLLEGE });
  const audit = new Set((await store.listAudit({ uai: COLLEGE })).map((a) => a.id));
  for (const i of acked) assert.ok(subs.has(`ABO-DUR-${i}`), `acknowledged transaction ${i} is missing`);
  const numbers = new Set(
    [...subs, ...allocations, ...audit, ...copies.map((c) => c.subscriptionId)].map((id) => id.replace(/^\D+/, '')),
  );
  for (const n of numbers) {
    const whole = {
      subscription: subs.has(`ABO-DUR-${n}`),
      allocation: allocations.has(`AFF-DUR-${n}`),
      audit: audit.has(`AUD-DUR-${n}`),
      copies: copies.filter((c) => c.subscriptionId === `ABO-DUR-${n}`).length,
    };
    assert.deepEqual(
      whole,
      { subscription: true, allocation: true, audit: true, copies: 5 },
      `transaction ${n} is half-written`,
    );
  }
  return subs.size;
}

const postgres = await startTestPostgres();
after(async () => {
  if (!('skip' in postgres)) await postgres.stop();
});

describe('durability: acknowledged writes survive SIGKILL, half-written ones never appear', () => {
  test('PGlite, killed twice mid-burst, reopened each time (stale lock taken over)', {
    timeout: 300_000,
  }, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'opengar-durability-'));
    try {
      const first = await burstThenKill(['pglite', dir, '0'], 20);
      assert.ok(existsSync(join(dir, LOCK_FILE)), 'the killed writer left its lock behind');
      // Round two starts on the directory the first kill left (crash recovery), and is killed too.
      const second = await burstThenKill(['pglite', dir, '1000'], 20);
      const store = await createPgliteStore({ dataDir: dir });
      try {
        assert.equal(readFileSync(join(dir, LOCK_FILE), 'utf8').split('\n')[0], String(process.pid));
        const present = await assertAllOrNothing(store, [...first, ...second]);
        t.diagnostic(`acknowledged ${first.length} + ${second.length}, present and whole ${present}`);
        assert.ok(present >= first.length + second.length);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('PostgreSQL, client killed mid-burst', {
    timeout: 300_000,
    skip: 'skip' in postgres ? postgres.skip : false,
  }, async (t) => {
    if ('skip' in postgres) return;
    const { url } = await postgres.createDatabase();
    const acked = await burstThenKill(['postgres', url, '0'], 40);
    const store = await createPostgresStore({ url });
    try {
      const present = await assertAllOrNothing(store, acked);
      t.diagnostic(`acknowledged ${acked.length}, present and whole ${present}`);
      assert.ok(present >= acked.length);
    } finally {
      await store.close();
    }
  });
});
