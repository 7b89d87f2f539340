// Reads sent to a streaming replica (`GarServiceOptions.readReplica`, `opengar serve --database-replica-url`), against
// a real hot standby made here with `pg_basebackup -R` from a private cluster. With the standby's replay paused (a
// replica as late as it gets), what the primary just received must not show in the listing's or the statistics' bulk
// reads (they are the replica's), while who calls, the person's own favourites, hand-offs and every write go to the
// primary. Skipped without PostgreSQL's server binaries (a failure with OPENGAR_REQUIRE_POSTGRES=1).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { findPgBin, startCluster, startStandby } from '../../../../scripts/pg-cluster.mjs';
import { CliError } from '../../src/cli/cli-error.js';
import { openReplicaStore } from '../../src/cli/open-replica.js';
import { createPostgresStore } from '../../src/node/stores.js';
import type { Store } from '../../src/store/index.js';
import { HEAD_A, PUPIL_A, S1, copy, resource, subscription } from '../helpers/fixtures.js';
import { createTestService } from '../helpers/service.js';
import { buildWorld, type AllocationWorld } from '../helpers/world.js';

const R_NEW = 'ark:/99999/arrivee';

describe('openReplicaStore (--database-replica-url)', () => {
  it('is nothing without a URL', async () => {
    assert.equal(await openReplicaStore(undefined, { kind: 'postgres', url: 'postgres://x/y' }, {}), undefined);
    assert.equal(await openReplicaStore('', { kind: 'postgres', url: 'postgres://x/y' }, {}), undefined);
  });

  it('refuses a replica beside another store than PostgreSQL, and a URL that is not postgres://', async () => {
    await assert.rejects(
      openReplicaStore('postgres://db/gar', { kind: 'pglite', dir: '/tmp/x' }, {}),
      (e: unknown) => e instanceof CliError && e.code === 'usage',
    );
    await assert.rejects(
      openReplicaStore('mysql://db/gar', { kind: 'postgres', url: 'postgres://db/gar' }, {}),
      (e: unknown) => e instanceof CliError && e.code === 'usage',
    );
  });

  it('fails at once, without quoting the URL, when the replica does not answer', async () => {
    const url = 'postgres://opengar:s3cret-password@127.0.0.1:1/gar';
    await assert.rejects(openReplicaStore(url, { kind: 'postgres', url }, { queueTimeoutMs: 2000 }), (e: unknown) => {
      assert.ok(e instanceof CliError);
      assert.equal(e.code, 'store_unavailable');
      assert.doesNotMatch(e.message, /s3cret|127\.0\.0\.1:1/);
      return true;
    });
  });
});

const bin = findPgBin();
if (!bin && process.env.OPENGAR_REQUIRE_POSTGRES === '1')
  throw new Error('the replica tests need PostgreSQL server binaries; OPENGAR_REQUIRE_POSTGRES=1 makes this a failure');

describe('reads on a streaming replica', { skip: bin ? false : 'no PostgreSQL server binaries' }, () => {
  let primary: Awaited<ReturnType<typeof startCluster>>;
  let standby: Awaited<ReturnType<typeof startStandby>>;
  let store: Store;
  let replica: Store;
  let w: AllocationWorld;
  let onPrimary: pg.Client;
  let onStandby: pg.Client;

  /** Waits until the standby has replayed everything the primary has written so far. */
  const caughtUp = async () => {
    const { rows } = await onPrimary.query('SELECT pg_current_wal_lsn()::text AS lsn');
    for (let i = 0; i < 600; i++) {
      const r = await onStandby.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [rows[0].lsn]);
      if (r.rows[0].done) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the standby did not catch up within 30 s');
  };
  const listed = async () =>
    (await w.service.mediacentre.resources(PUPIL_A, { uai: S1 })).resources.map((r) => r.id).sort();

  before(async () => {
    primary = await startCluster();
    primary.createDatabase('opengar');
    store = await createPostgresStore({ url: primary.url('opengar') });
    standby = await startStandby({ primaryPort: primary.port });
    replica = await createPostgresStore({ url: standby.url('opengar'), migrate: false });
    onPrimary = new pg.Client({ connectionString: primary.url('opengar') });
    onStandby = new pg.Client({ connectionString: standby.url('opengar') });
    await onPrimary.connect();
    await onStandby.connect();
    w = await buildWorld({ data: 'allocation', store, handoff: true, service: { readReplica: replica } });
    await caughtUp();
  });
  after(async () => {
    await onStandby?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    await onPrimary?.end();
    await onStandby?.end();
    await replica?.close();
    await store?.close();
    standby?.stop();
    primary?.stop();
  });

  it('is a read-only standby: a write to it fails', async () => {
    const { rows } = await onStandby.query('SELECT pg_is_in_recovery() AS standby');
    assert.equal(rows[0].standby, true);
    await assert.rejects(replica.setFavourites('ENTA', 'eleve-a', []));
  });

  it('serves the listing as the primary would once caught up', async () => {
    const onlyPrimary = createTestService({ store, clock: w.clock });
    assert.deepEqual(
      await listed(),
      (await onlyPrimary.mediacentre.resources(PUPIL_A, { uai: S1 })).resources.map((r) => r.id).sort(),
    );
  });

  it('with replay paused: a copy just given on the primary is not listed yet, but the person’s own favourites are, and the hand-off works', async () => {
    const before = await listed();
    await onStandby.query('SELECT pg_wal_replay_pause()');
    try {
      await store.putResource(resource({ id: R_NEW }));
      await store.insertSubscription(subscription({ id: 'ABO-ARRIVEE', resourceId: R_NEW }));
      await store.insertCopies([copy({ subscriptionId: 'ABO-ARRIVEE', personId: 'eleve-a' })]);
      // The bulk reads are the replica's: the new resource is not there yet (a replica's lag, at most).
      assert.deepEqual(await listed(), before);
      assert.ok(!before.includes(R_NEW));
      // A write, then a read of the same data in the next request: the favourites come from the primary.
      const favourite = before[0]!;
      await w.service.mediacentre.setFavourites(PUPIL_A, { resourceIds: [favourite] });
      const m = await w.service.mediacentre.resources(PUPIL_A, { uai: S1 });
      assert.equal(m.resources.find((r) => r.id === favourite)?.favourite, true);
      // The hand-off decides on the primary: the copy given a moment ago opens.
      const r = await w.service.handoff.handOff({ entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_NEW });
      assert.equal(r.ok, true);
    } finally {
      await onStandby.query('SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
    assert.ok((await listed()).includes(R_NEW));
  });

  it('statistics read the replica, but who calls is checked on the primary', async () => {
    const subscriptionsListed = async (actor = HEAD_A) =>
      (await w.service.stats.allocations(actor, S1, {})).allocated.rows.map((r) => r.key);
    await caughtUp();
    const before = await subscriptionsListed();
    await onStandby.query('SELECT pg_wal_replay_pause()');
    try {
      await store.insertSubscription(subscription({ id: 'ABO-STATS-NEW', resourceId: R_NEW }));
      // A head named on the primary a moment ago may already read the statistics (the check is the primary's)…
      await w.service.directory.putPerson(
        { kind: 'system' },
        {
          entId: 'ENTA',
          id: 'head-new',
          lastName: 'Neuve',
          firstName: 'Cheffe',
          profiles: [{ uai: S1, profile: 'National_dir' }],
        },
      );
      const head = { kind: 'ent-user', entId: 'ENTA', personId: 'head-new' } as const;
      // …and what they read is the replica's, without the subscription added since.
      assert.deepEqual(await subscriptionsListed(head), before);
      assert.ok(!before.includes('ABO-STATS-NEW'));
    } finally {
      await onStandby.query('SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
    assert.ok((await subscriptionsListed()).includes('ABO-STATS-NEW'));
  });
});
