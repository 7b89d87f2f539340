import type { Store } from '../store/types.js';
import { openStore, type PostgresPoolOptions } from '../node/stores.js';
import { CliError } from './cli-error.js';
import { describeStore, storeSpecString, type StoreSpec } from './store-spec.js';

/**
 * Opens and migrates the store a command names; a store that cannot be opened becomes a {@link CliError}
 * `store_unavailable` that names it without credentials (the driver's own message may quote the URL, so it is not
 * repeated; only its error code is).
 *
 * @example
 * ```ts
 * const store = await openCliStore(resolveStoreSpec(opts.store));
 * ```
 */
export async function openCliStore(
  spec: StoreSpec,
  options: { migrate?: boolean; pool?: PostgresPoolOptions } = {},
): Promise<Store> {
  let store: Store;
  try {
    store = await openStore(storeSpecString(spec), process.env, options.pool);
  } catch (cause) {
    // A malformed OPENGAR_PG_* setting is the operator's to fix, not the database's fault.
    if (cause instanceof TypeError) throw new CliError('usage', cause.message, { cause });
    throw new CliError('store_unavailable', `cannot open the ${describeStore(spec)}${reason(cause)}`, { cause });
  }
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (cause) {
      await store.close().catch(() => undefined);
      throw new CliError('store_unavailable', `cannot migrate the ${describeStore(spec)}${reason(cause)}`, { cause });
    }
  }
  return store;
}

function reason(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(code)) {
    const hints: Record<string, string> = {
      ECONNREFUSED: 'nothing answers at that address',
      ENOTFOUND: 'unknown host',
      ETIMEDOUT: 'the connection timed out',
      '28P01': 'authentication failed',
      '3D000': 'no such database',
      locked: 'another process holds it (stop the other opengar first)',
      unavailable: 'it does not answer',
    };
    return ` (${hints[code] ?? code})`;
  }
  return '';
}
