// The hostile-input suite's world: the hand-off world (two ENTs, three schools, publishers, resources of every
// protocol) served by the Node listener over real HTTP on loopback, on each store: memory, PGlite (a temporary
// directory) and PostgreSQL (a private cluster; skipped with a message when its binaries are missing, a failure under
// OPENGAR_REQUIRE_POSTGRES=1). Every hostile case ends by checking that the service still answers `/healthz`.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { createMemoryStore, type Store } from '../../src/index.js';
import { openFeedBundle } from '../../src/feeds/read-feed-bundle.js';
import { parseFeedFileInWorker } from '../../src/feeds/parse-in-worker.js';
import { CLIENT_CERT_HEADER } from '../../src/node/client-certificate.js';
import { startServer, type RunningServer } from '../../src/node/serve.js';
import { createPostgresStore } from '../../src/node/stores.js';
import { buildWorld, type BaseWorld, type HandoffWorld } from '../helpers/world.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { createTestPgliteStore } from '../helpers/pglite-template.js';
import { findPgBin } from '../../../../scripts/pg-cluster.mjs';

export type StoreKind = 'memory' | 'pglite' | 'postgres';
export const STORE_KINDS: readonly StoreKind[] = ['memory', 'pglite', 'postgres'];

/** A world served over real HTTP. */
export interface HostileWorld extends HandoffWorld {
  kind: StoreKind;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  server: RunningServer;
  /** `fetch` relative to the server's URL. */
  http(path: string, init?: RequestInit): Promise<Response>;
  /** Asserts the service still answers `/healthz` with 200, within `withinMs` (default 5 s: a ceiling for loaded machines, not a speed target). */
  assertHealthy(withinMs?: number): Promise<void>;
  /** PostgreSQL only: the database's URL, for a second instance on the same database. */
  databaseUrl?: string;
}

let postgres: Promise<TestPostgres | { skip: string }> | undefined;
const sharedPostgres = () => (postgres ??= startTestPostgres());

async function openStore(kind: StoreKind, cleanups: (() => Promise<void> | void)[]): Promise<Store | { skip: string }> {
  if (kind === 'memory') return createMemoryStore();
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'opengar-hostile-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return createTestPgliteStore(dir);
  }
  const pgServer = await sharedPostgres();
  if ('skip' in pgServer) return pgServer;
  const { url } = await pgServer.createDatabase();
  databaseUrls.set(kind, url);
  return createPostgresStore({ url });
}

/** The URL of the database the last PostgreSQL world opened (read right after `openStore`). */
const databaseUrls = new Map<StoreKind, string>();

/** Builds the world on a store of `kind` and serves it on a free loopback port, with the feed upload routes. */
export async function startHostileWorld(kind: StoreKind): Promise<HostileWorld | { skip: string }> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const store = await openStore(kind, cleanups);
  if ('skip' in store) return store;
  const databaseUrl = kind === 'postgres' ? databaseUrls.get(kind) : undefined;
  const world = await buildWorld({
    data: 'handoff',
    store,
    http: {
      feeds: {
        openBundle: (bytes, md5) => openFeedBundle({ bytes }, md5),
        parseFile: parseFeedFileInWorker,
        clientCertFingerprint: (c) => c.req.header(CLIENT_CERT_HEADER),
      },
    },
  });
  const served = await serveHostileWorld(kind, world, cleanups);
  return databaseUrl === undefined ? served : { ...served, databaseUrl };
}

/**
 * Declares `describe(title [store])` for each store, with the world started before its tests and closed after;
 * `body` receives a getter for the running world. PostgreSQL is skipped (with its reason) where it cannot run.
 *
 * @example
 * ```ts
 * forEachStore('control characters', (world) => {
 *   it('refuses a NUL in an id', async () => {
 *     const res = await world().http('/launch?idENT=%00');
 *     assert.equal(res.status, 400);
 *     await world().assertHealthy();
 *   });
 * });
 * ```
 */
export function forEachStore(
  title: string,
  body: (world: () => HostileWorld) => void,
  kinds: readonly StoreKind[] = STORE_KINDS,
): void {
  after(stopSharedPostgres);
  for (const kind of kinds) {
    const skip = kind === 'postgres' ? postgresSkipReason() : undefined;
    describe(`${title} [${kind}]`, skip ? { skip } : {}, () => {
      let world: HostileWorld | undefined;
      before(async () => {
        const started = await startHostileWorld(kind);
        if ('skip' in started) throw new Error(started.skip);
        world = started;
      });
      after(async () => {
        await world?.server.close();
      });
      body(() => {
        assert.ok(world, 'the world started');
        return world;
      });
    });
  }
}

/** Why PostgreSQL cannot run here (no binaries, no test URL), or `undefined`; a failure under OPENGAR_REQUIRE_POSTGRES=1. */
function postgresSkipReason(env = process.env): string | undefined {
  if (env.OPENGAR_TEST_DATABASE_URL || findPgBin(env)) return undefined;
  if (env.OPENGAR_REQUIRE_POSTGRES === '1') return undefined; // startTestPostgres then fails the suite
  return 'PostgreSQL tests skipped: no server binaries found (install the postgresql package)';
}

/** Stops the PostgreSQL cluster shared by the hostile files of this process. */
export async function stopSharedPostgres(): Promise<void> {
  const s = await postgres;
  postgres = undefined;
  if (s && !('skip' in s)) await s.stop();
}

/** A fresh, empty database on the PostgreSQL server shared by this process's hostile files, or why there is none. */
export async function hostileDatabaseUrl(): Promise<string | { skip: string }> {
  const pgServer = await sharedPostgres();
  if ('skip' in pgServer) return pgServer;
  return (await pgServer.createDatabase()).url;
}

/**
 * Serves a world already built on its store (say a second instance: `buildWorld({ data: 'none', store, instanceOf })`)
 * on a free loopback port; closing the server closes the store, then runs `cleanups`.
 */
export async function serveHostileWorld(
  kind: StoreKind,
  world: BaseWorld,
  cleanups: (() => Promise<void> | void)[] = [],
): Promise<HostileWorld> {
  const { store, app } = world;
  const server = await startServer({
    fetch: (request, env) => app.fetch(request, env),
    port: 0,
    handleSignals: false,
    notice: () => undefined,
    onClose: async () => {
      await store.close();
      for (const c of cleanups.reverse()) await c();
    },
  });
  const http = (path: string, init?: RequestInit) => fetch(new URL(path, server.url), init);
  return {
    ...world,
    kind,
    url: server.url,
    server,
    http,
    assertHealthy: async (withinMs = 5000) => {
      const started = performance.now();
      const res = await http('/healthz', { signal: AbortSignal.timeout(Math.max(withinMs, 30_000)) });
      assert.equal(res.status, 200, `/healthz answered ${res.status}`);
      await res.body?.cancel();
      const took = performance.now() - started;
      assert.ok(took <= withinMs, `/healthz took ${Math.round(took)} ms (limit ${withinMs} ms)`);
    },
  };
}
