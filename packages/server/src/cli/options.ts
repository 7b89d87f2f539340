import { InvalidArgumentError, Option } from 'commander';

/** The `--store` option every command shares. */
export function storeOption(): Option {
  return new Option('--store <store>', "'memory', a PGlite directory or a postgres:// URL (default: $DATABASE_URL, else ./.opengar-data)");
}

/** Parses `--port`: an integer from 0 to 65535. */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) throw new InvalidArgumentError('a port is an integer from 0 to 65535');
  return n;
}
