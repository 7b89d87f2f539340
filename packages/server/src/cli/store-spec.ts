import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR } from '../node/stores.js';
import { CliError } from './cli-error.js';

/** A store the CLI can open: in memory, a PGlite directory, or a PostgreSQL URL. */
export type StoreSpec = { kind: 'memory' } | { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };

/**
 * What `--store` means: `memory`, a `postgres://` (or `postgresql://`) URL, or a directory for PGlite; without the
 * flag, `DATABASE_URL` when set, else `./.opengar-data`.
 *
 * @example
 * ```ts
 * resolveStoreSpec(undefined, { DATABASE_URL: 'postgres://db/gar' }); // { kind: 'postgres', url: 'postgres://db/gar' }
 * resolveStoreSpec('memory', {});                                      // { kind: 'memory' }
 * ```
 */
export function resolveStoreSpec(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): StoreSpec {
  const value = flag ?? (env.DATABASE_URL || undefined) ?? DEFAULT_DATA_DIR;
  if (value === 'memory') return { kind: 'memory' };
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: value };
  return { kind: 'pglite', dir: resolve(value) };
}

/**
 * {@link resolveStoreSpec} for a one-shot command (everything but `serve`): `memory` is refused as a usage error,
 * since what the command wrote would be gone when it exits.
 *
 * @example
 * ```ts
 * resolveOneShotStoreSpec('memory'); // throws CliError 'usage'
 * ```
 */
export function resolveOneShotStoreSpec(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): StoreSpec {
  const spec = resolveStoreSpec(flag, env);
  if (spec.kind === 'memory') {
    throw new CliError(
      'usage',
      '--store memory keeps nothing once the command ends: only `opengar serve` may use it. Name a directory (PGlite) or a postgres:// URL.',
    );
  }
  return spec;
}

/** The spec as `openStore` takes it (`memory`, a directory, or a URL). */
export function storeSpecString(spec: StoreSpec): string {
  return spec.kind === 'memory' ? 'memory' : spec.kind === 'pglite' ? spec.dir : spec.url;
}

/**
 * The store named for messages and logs, without credentials (`postgres://db.example:5432/gar`).
 *
 * @example
 * ```ts
 * describeStore({ kind: 'postgres', url: 'postgres://gar:s3cret@db/gar' }); // 'PostgreSQL postgres://db/gar'
 * ```
 */
export function describeStore(spec: StoreSpec): string {
  if (spec.kind === 'memory') return 'memory store';
  if (spec.kind === 'pglite') return `PGlite ${spec.dir}`;
  try {
    const url = new URL(spec.url);
    return `PostgreSQL ${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL (unparsable URL)';
  }
}
