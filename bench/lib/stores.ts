// Runs a benchmark body on each store in turn: memory, PGlite in a temporary directory, and PostgreSQL (the server
// named by OPENGAR_BENCH_DATABASE_URL, else a private cluster when PostgreSQL's binaries are installed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../packages/server/src/node/stores.js';
import type { Store } from '../../packages/server/src/store/index.js';
import { findPgBin, startCluster } from '../../scripts/pg-cluster.mjs';

/** The stores a benchmark is measured on. */
export type StoreKind = 'memory' | 'pglite' | 'postgres';

/**
 * Calls `measure` with a fresh store of each kind and closes it afterwards; records in `meta.postgres` why PostgreSQL
 * was skipped when it was.
 */
export async function forEachStore(
  name: string,
  meta: Record<string, unknown>,
  measure: (kind: StoreKind, store: Store) => Promise<void>,
): Promise<void> {
  const run = async (kind: StoreKind, spec: string) => {
    const store = await openStore(spec);
    try {
      await measure(kind, store);
    } finally {
      await store.close();
    }
  };
  await run('memory', 'memory');
  const dir = mkdtempSync(join(tmpdir(), `opengar-${name}-bench-`));
  try {
    await run('pglite', join(dir, 'data'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  let url = process.env.OPENGAR_BENCH_DATABASE_URL;
  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  if (!url && findPgBin()) {
    cluster = await startCluster();
    const db = `opengar_${name.replace(/\W/g, '_')}_bench`;
    cluster.createDatabase(db);
    url = cluster.url(db);
  }
  if (!url) {
    meta.postgres = 'skipped: no PostgreSQL server binaries and no OPENGAR_BENCH_DATABASE_URL';
    console.log('PostgreSQL skipped: no server binaries and no OPENGAR_BENCH_DATABASE_URL');
    return;
  }
  try {
    await run('postgres', url);
  } finally {
    cluster?.stop();
  }
}
