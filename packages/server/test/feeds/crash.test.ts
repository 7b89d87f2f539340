import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { feedFiles, generateFeedModel } from '../../src/feeds/generate-feed.js';
import { createPgliteStore, createPostgresStore } from '../../src/node/stores.js';
import type { Store } from '../../src/store/index.js';
import { startTestPostgres } from '../helpers/postgres.js';
import { ENT, sources, system, world } from './world.js';

const child = fileURLToPath(new URL('./import-child.ts', import.meta.url));
const model = generateFeedModel({ schools: 2, pupilsPerSchool: 40 });

/** Runs the child until its apply transaction started, then SIGKILLs it a little later. */
function killMidway(kind: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', '--conditions=opengar-source', child, kind, target, '600'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('applying') && !p.killed) setTimeout(() => p.kill('SIGKILL'), 150 + Math.floor(Math.random() * 150));
    });
    p.on('exit', (code, signal) => {
      if (out.includes('done')) reject(new Error('the import finished before it was killed: make the feed bigger'));
      else if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the child exited with ${code}: ${err.slice(-1500)}`));
    });
  });
}

async function assertPreviousState(store: Store): Promise<void> {
  for (const s of model.schools) {
    assert.equal(await store.countPeople({ uai: s.uai, audience: 'ELEVE' }), 40, 'the previous directory is intact');
  }
  const runs = await store.listFeedRuns({ entId: ENT });
  assert.deepEqual(runs.map((r) => r.status), ['applied'], 'the killed import left no run behind');
  assert.equal((await store.getSyncReport(model.schools[0]!.uai))!.counts.National_elv, 40);
}

async function importFirst(store: Store): Promise<void> {
  const { service } = await world({ store });
  assert.equal((await service.importFeed(system, ENT, sources([...feedFiles(model)]))).run.status, 'applied');
}

describe('a feed import killed midway leaves the previous state intact', () => {
  const root = mkdtempSync(join(tmpdir(), 'opengar-feed-crash-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  test('PGlite', async () => {
    const dir = join(root, 'pglite');
    const first = await createPgliteStore({ dataDir: dir });
    await importFirst(first);
    await first.close();
    await killMidway('pglite', dir);
    const reopened = await createPgliteStore({ dataDir: dir });
    try {
      await assertPreviousState(reopened);
    } finally {
      await reopened.close();
    }
  });

  test('PostgreSQL', async (t) => {
    const server = await startTestPostgres();
    if ('skip' in server) {
      t.skip(server.skip);
      return;
    }
    try {
      const { url } = await server.createDatabase();
      const first = await createPostgresStore({ url });
      await importFirst(first);
      await first.close();
      await killMidway('postgres', url);
      const reopened = await createPostgresStore({ url });
      try {
        await assertPreviousState(reopened);
      } finally {
        await reopened.close();
      }
    } finally {
      await server.stop();
    }
  });
});
