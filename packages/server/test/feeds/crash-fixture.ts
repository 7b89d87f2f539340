// What the crash tests share: a first feed imported in-process, a child killed while it applies a second one, and
// the check that the first state is intact.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import type { Store } from '../../src/store/index.js';
import { sources } from './feed-sources.js';
import { FEED_ENT as ENT, SYSTEM as system } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

const child = fileURLToPath(new URL('./import-child.ts', import.meta.url));
export const model = generateFeedModel({ schools: 2, pupilsPerSchool: 40 });

/** Runs the child until its apply transaction started, then SIGKILLs it a little later. */
export function killMidway(kind: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', '--conditions=opengar-source', child, kind, target, '3000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('applying') && !p.killed)
        setTimeout(() => p.kill('SIGKILL'), 50 + Math.floor(Math.random() * 100));
    });
    p.on('exit', (code, signal) => {
      if (out.includes('done')) reject(new Error('the import finished before it was killed: make the feed bigger'));
      else if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the child exited with ${code}: ${err.slice(-1500)}`));
    });
  });
}

export async function assertPreviousState(store: Store): Promise<void> {
  for (const s of model.schools) {
    assert.equal(await store.countPeople({ uai: s.uai, audience: 'ELEVE' }), 40, 'the previous directory is intact');
  }
  const runs = await store.listFeedRuns({ entId: ENT });
  assert.deepEqual(
    runs.map((r) => r.status),
    ['applied'],
    'the killed import left no run behind',
  );
  assert.equal((await store.getSyncReport(model.schools[0]!.uai))!.counts.National_elv, 40);
}

export async function importFirst(store: Store): Promise<void> {
  const { service } = await buildWorld({ data: 'feed', store });
  assert.equal((await service.feeds.import(system, ENT, sources([...feedFiles(model)]))).run.status, 'applied');
}
