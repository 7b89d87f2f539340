// A PostgreSQL server for the store tests: OPENGAR_TEST_DATABASE_URL when set, else a private cluster started from
// the machine's binaries (scripts/pg-cluster.mjs) and stopped at the end. Without binaries the PostgreSQL tests are
// skipped with a message, unless OPENGAR_REQUIRE_POSTGRES=1 (CI), where that is a failure.
import pg from 'pg';
import { findPgBin, startCluster } from '../../../../scripts/pg-cluster.mjs';

/** A server the tests may create databases on. */
export interface TestPostgres {
  /** Creates an empty database (or a copy of `template`) and returns its name and URL. */
  createDatabase(template?: string): Promise<{ name: string; url: string }>;
  /** Drops the databases it created and stops the private cluster, if it started one. */
  stop(): Promise<void>;
}

/** Why the PostgreSQL tests cannot run here, when they cannot. */
export type PostgresUnavailable = { skip: string };

let counter = 0;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function server(adminUrl: string, stopCluster: () => void): TestPostgres {
  const created: string[] = [];
  return {
    createDatabase: async (template) => {
      const name = `opengar_test_${process.pid}_${++counter}`;
      await admin(adminUrl, (c) =>
        c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template} STRATEGY FILE_COPY` : ''}`),
      );
      created.push(name);
      return { name, url: withDatabase(adminUrl, name) };
    },
    stop: async () => {
      try {
        await admin(adminUrl, async (c) => {
          for (const name of created.reverse()) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      } finally {
        stopCluster();
      }
    },
  };
}

/** Starts (or connects to) the test server, or says why PostgreSQL tests must be skipped. */
export async function startTestPostgres(env = process.env): Promise<TestPostgres | PostgresUnavailable> {
  const given = env.OPENGAR_TEST_DATABASE_URL;
  if (given) return server(given, () => undefined);
  if (!findPgBin(env)) {
    const reason =
      'PostgreSQL tests skipped: no server binaries found (install the postgresql package, set OPENGAR_PG_BIN, or point OPENGAR_TEST_DATABASE_URL at a server)';
    if (env.OPENGAR_REQUIRE_POSTGRES === '1')
      throw new Error(`${reason}; OPENGAR_REQUIRE_POSTGRES=1 makes this a failure`);
    return { skip: reason };
  }
  const cluster = await startCluster();
  return server(cluster.url('postgres'), () => cluster.stop());
}
