// The PostgreSQL store behind PgBouncer in transaction mode (docs/guide-operator.md, "Sizing a national deployment"):
// migrations, the médiacentre listing, hand-offs and allocations from many callers at once through a pooler that gives
// each transaction whichever server connection is free (two here), so that any session state, named prepared
// statement or session-level lock would break. Port 25510 (this suite's fixed base); skipped without the pgbouncer and
// PostgreSQL binaries.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AllocationTarget } from '@opengar/core';
import { findPgBin, startCluster } from '../../../../scripts/pg-cluster.mjs';
import { createPostgresStore } from '../../src/node/stores.js';
import type { Store } from '../../src/store/index.js';
import { FEED_BREAKAGES, feedFiles, generateFeedModel } from '@opengar/test-support';
import { sources } from '../feeds/feed-sources.js';
import { FEED_ENT, HEAD_A, PUPIL_A, R_MATHS, S1, SYSTEM, subscription } from '../helpers/fixtures.js';
import { buildWorld, type AllocationWorld } from '../helpers/world.js';

const PGBOUNCER = '/usr/sbin/pgbouncer';
const PORT = 25_510;
const ready = existsSync(PGBOUNCER) && findPgBin() !== undefined;

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

if (!ready && process.env.OPENGAR_REQUIRE_PGBOUNCER === '1')
  it('PgBouncer and PostgreSQL are installed (required in CI)', () => assert.fail(`no ${PGBOUNCER} or no PostgreSQL`));

describe('the PostgreSQL store through PgBouncer (transaction mode)', { skip: ready ? false : 'no pgbouncer' }, () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let bouncer: ChildProcess;
  let dir: string;
  let first: Store;
  let second: Store;
  let w: AllocationWorld;

  before(async () => {
    cluster = await startCluster();
    cluster.createDatabase('opengar');
    dir = mkdtempSync(join(tmpdir(), 'opengar-pgbouncer-'));
    writeFileSync(join(dir, 'users.txt'), '"postgres" ""\n');
    writeFileSync(
      join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `opengar = host=127.0.0.1 port=${cluster.port} dbname=opengar`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${PORT}`,
        'unix_socket_dir =',
        'auth_type = trust',
        `auth_file = ${join(dir, 'users.txt')}`,
        'pool_mode = transaction',
        'default_pool_size = 2',
        'max_client_conn = 200',
        `logfile = ${join(dir, 'pgbouncer.log')}`,
        '',
      ].join('\n'),
    );
    const root = process.getuid?.() === 0;
    if (root) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
      for (const f of ['', 'users.txt', 'pgbouncer.ini']) chownSync(join(dir, f), uid, gid);
    }
    const ini = join(dir, 'pgbouncer.ini');
    bouncer = root
      ? spawn('runuser', ['-u', 'postgres', '--', PGBOUNCER, ini], { stdio: 'ignore' })
      : spawn(PGBOUNCER, [ini], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await listening(PORT)); i++) await new Promise((r) => setTimeout(r, 100));
    const url = `postgres://postgres@127.0.0.1:${PORT}/opengar`;
    // Two instances through the pooler, each with a pool larger than PgBouncer's two server connections.
    first = await createPostgresStore({ url, maxConnections: 8 });
    second = await createPostgresStore({ url, maxConnections: 8 });
    w = await buildWorld({ data: 'allocation', pupils: 30, store: first, handoff: true });
  });
  after(async () => {
    await first?.close();
    await second?.close();
    bouncer?.kill('SIGTERM');
    if (bouncer && bouncer.exitCode === null) await new Promise((r) => bouncer.once('exit', r));
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('migrates twice at once (the advisory lock is a transaction-level one)', async () => {
    await Promise.all([first.migrate(), second.migrate()]);
  });

  it('serves listings, hand-offs and allocations from many callers at once, with the same answers', async () => {
    const targets: AllocationTarget[] = [{ kind: 'division', code: '6A' }];
    for (let i = 0; i < 8; i++)
      await first.insertSubscription(subscription({ id: `ILL-${i}`, licences: { kind: 'global', count: 'ILLIMITE' } }));
    const expected = (await w.service.mediacentre.resources(PUPIL_A, { uai: S1 })).resources.map((r) => r.id);
    const results = await Promise.all([
      ...Array.from({ length: 24 }, async () =>
        (await w.service.mediacentre.resources(PUPIL_A, { uai: S1 })).resources.map((r) => r.id),
      ),
      ...Array.from({ length: 24 }, () =>
        w.service.handoff.handOff({ entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_MATHS }),
      ),
      ...Array.from({ length: 8 }, (_, i) =>
        w.service.allocation.allocate(HEAD_A, S1, { subscriptionId: `ILL-${i}`, targets }),
      ),
    ]);
    for (const listing of results.slice(0, 24)) assert.deepEqual(listing, expected);
    for (const r of results.slice(24, 48)) assert.equal((r as { ok: boolean }).ok, true);
    for (const r of results.slice(48)) assert.equal((r as { granted: unknown[] }).granted.length, 30);
    // Copies are counted under the subscription's row lock, whichever server connection each transaction got.
    for (let i = 0; i < 8; i++) assert.equal((await second.listCopies({ subscriptionId: `ILL-${i}` })).length, 30);
  });

  it('imports feeds staged in temporary tables: at once, a refused one writing only its run, nothing left after', async () => {
    const { service } = await buildWorld({ data: 'feed', store: second });
    const model = generateFeedModel({ schools: 2, pupilsPerSchool: 30, pupilsPerDivision: 15 });
    const good = [...feedFiles(model)];
    const broken = FEED_BREAKAGES.find((b) => b.code === 'duplicate_key')!.apply(good);
    const [applied, refused] = await Promise.all([
      service.feeds.import(SYSTEM, FEED_ENT, sources(good)),
      service.feeds.import(SYSTEM, FEED_ENT, sources(broken)),
    ]);
    assert.equal(applied.run.status, 'applied');
    assert.equal(refused.run.status, 'refused');
    assert.deepEqual(
      refused.run.problems.map((p) => p.code),
      ['duplicate_key', 'duplicate_person'],
    );
    const people = model.pupils.length + model.staff.length;
    assert.equal((await first.listPeoplePage(FEED_ENT, undefined, 10_000)).length, people);
    // Again, on whichever server connection: the temporary tables of the first imports are gone with them.
    for (let i = 0; i < 3; i++) {
      const again = await service.feeds.import(SYSTEM, FEED_ENT, sources(good));
      assert.deepEqual(
        Object.entries(again.run.summary!).filter(([, n]) => n !== 0),
        [],
      );
    }
  });

  it('rolls a failed transaction back on the server connection it had (no state left for the next client)', async () => {
    await assert.rejects(
      first.transaction(async (tx) => {
        await tx.setFavourites('ENTA', 'eleve-a', [R_MATHS]);
        throw new Error('abandoned');
      }),
      /abandoned/,
    );
    assert.deepEqual(await second.getFavourites('ENTA', 'eleve-a'), []);
  });
});
