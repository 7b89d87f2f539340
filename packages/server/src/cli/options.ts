import { isSafePublisherUrl } from '@opengar/core';
import { InvalidArgumentError, Option } from 'commander';

/** The `--store` option every command shares. */
export function storeOption(): Option {
  return new Option(
    '--store <store>',
    "'memory', a PGlite directory or a postgres:// URL (default: $DATABASE_URL, else ./.opengar-data)",
  );
}

/** Parses `--port`: an integer from 0 to 65535. */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) throw new InvalidArgumentError('a port is an integer from 0 to 65535');
  return n;
}

/** Parses an ISO 8601 instant (`2026-09-14T08:00:00Z`) and returns it normalised. */
export function parseInstant(value: string): string {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms))
    throw new InvalidArgumentError('an ISO 8601 date-time, e.g. 2026-09-14T08:00:00Z');
  return new Date(ms).toISOString();
}

/** Parses a publisher-style base URL: https, or http on loopback; no trailing slash. */
export function parseProviderUrl(value: string): string {
  if (!isSafePublisherUrl(value)) throw new InvalidArgumentError('an https URL (http only on loopback)');
  return value.replace(/\/+$/, '');
}
