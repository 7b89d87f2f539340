import { createPostgresStore } from '../store/node/create-postgres-store.js';
import type { PostgresPoolOptions } from '../store/node/open-store.js';
import type { Store } from '../store/types.js';
import { CliError } from './cli-error.js';
import type { StoreSpec } from './store-spec.js';

/** The environment variable naming a streaming replica of the PostgreSQL store (`--database-replica-url`). */
export const REPLICA_URL_ENV = 'OPENGAR_DATABASE_REPLICA_URL';

/**
 * Checks a replica URL beside the primary's store spec before anything is opened; `false` when none is named.
 *
 * @throws {@link CliError} `usage` as {@link openReplicaStore} does.
 *
 * @example
 * ```ts
 * checkReplicaUrl(process.env.OPENGAR_DATABASE_REPLICA_URL, { kind: 'memory' }); // throws when a URL is set
 * ```
 */
export function checkReplicaUrl(url: string | undefined, spec: StoreSpec): url is string {
  if (url === undefined || url === '') return false;
  if (spec.kind !== 'postgres')
    throw new CliError('usage', '--database-replica-url (OPENGAR_DATABASE_REPLICA_URL) goes with a PostgreSQL store');
  if (!/^postgres(ql)?:\/\//i.test(url))
    throw new CliError('usage', '--database-replica-url must be a postgres:// URL');
  return true;
}

/**
 * Opens the store on a streaming replica, when one is named (`--database-replica-url`, else
 * `OPENGAR_DATABASE_REPLICA_URL`): without migrating (a replica is read-only; it follows the primary's schema), with
 * the same pool settings as the primary. Only beside a PostgreSQL store. The service then reads the médiacentre
 * listing's subscriptions, copies and resources and the statistics there (`GarServiceOptions.readReplica`).
 *
 * @throws {@link CliError} `usage` for a replica without a PostgreSQL store or a URL that is not `postgres://`,
 * `store_unavailable` when it cannot be reached (the URL is never quoted: it may hold a password).
 *
 * @example
 * ```ts
 * const replica = await openReplicaStore(process.env.OPENGAR_DATABASE_REPLICA_URL, spec, {});
 * ```
 */
export async function openReplicaStore(
  url: string | undefined,
  spec: StoreSpec,
  pool: PostgresPoolOptions,
): Promise<Store | undefined> {
  if (!checkReplicaUrl(url, spec)) return undefined;
  const defined = Object.fromEntries(Object.entries(pool).filter(([, v]) => v !== undefined)) as PostgresPoolOptions;
  const replica = await createPostgresStore({ url, migrate: false, ...defined }).catch((cause: unknown) => {
    throw new CliError('store_unavailable', 'cannot open the PostgreSQL replica', { cause });
  });
  // A first read now: a replica that does not answer stops the start here rather than at the first listing.
  try {
    await replica.getSetting('replica.check');
  } catch (cause) {
    await replica.close().catch(() => undefined);
    const code = (cause as { code?: unknown } | null)?.code;
    throw new CliError(
      'store_unavailable',
      `cannot read the PostgreSQL replica${typeof code === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(code) ? ` (${code})` : ''}`,
      { cause },
    );
  }
  return replica;
}
