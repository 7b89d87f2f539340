import type { HandoffServiceOptions } from '../handoff/handoff-use-cases.js';
import type { Store } from '../store/types.js';
import type { SupportContact } from '../allocation/dashboard-use-cases.js';
import type { Logger } from './logger.js';
import type { LegalLinks } from './legal-links.js';
import type { RateLimits } from '../identity/rate-limiter.js';

/**
 * The source of time of the service; tests inject a fixed or stepping clock.
 *
 * @example
 * ```ts
 * const clock: Clock = { now: () => new Date('2026-01-10T08:00:00Z') };
 * ```
 */
export interface Clock {
  now(): Date;
}

/**
 * Who is asking. The HTTP app builds one from a verified credential; the CLI and the feed importer use `system`.
 *
 * @example
 * ```ts
 * const actor: Actor = { kind: 'ent-user', entId: 'ENTTEST1', personId: 'eleve-1', uai: '0561641E' };
 * ```
 */
export type Actor =
  | { kind: 'system' }
  | { kind: 'operator'; operatorId: string }
  | { kind: 'ent-client'; entId: string }
  | { kind: 'ent-user'; entId: string; personId: string; uai?: string }
  | { kind: 'publisher'; publisherId: string; distributorIds: readonly string[] };

/** An {@link Actor} that is an ENT user. */
export type EntUser = Extract<Actor, { kind: 'ent-user' }>;
/** An {@link Actor} that is a publisher. */
export type PublisherActor = Extract<Actor, { kind: 'publisher' }>;
/** An {@link Actor} that is an operator. */
export type OperatorActor = Extract<Actor, { kind: 'operator' }>;
/** An {@link Actor} that is an ENT back end. */
export type EntClient = Extract<Actor, { kind: 'ent-client' }>;

/** Limits of the fetch of an ENT's remote JWKS. */
export interface JwksFetchOptions {
  /** The `fetch` to use (default `globalThis.fetch`); tests inject one. */
  fetch?: typeof fetch;
  /** Abort after this many milliseconds (default 5,000). */
  timeoutMs?: number;
  /** Refuse bodies larger than this (default 64 KiB). */
  maxBytes?: number;
  /** Keep a fetched set this long (default 10 min). */
  cacheMs?: number;
  /** Wait at least this long before refetching on an unknown key id (default 30 s). */
  cooldownMs?: number;
  /**
   * When the key set cannot be refetched, keep verifying with the last good one this long past `cacheMs`
   * (default 24 h), refreshing in the background; 0 drops it at once.
   */
  staleMs?: number;
}

/**
 * Options of {@link createGarService}.
 *
 * @example
 * ```ts
 * createGarService({ store, issuer: 'https://gar.example', pseudonymSecret, statisticsSecret, signingKeys: keyManager });
 * ```
 */
export interface GarServiceOptions extends HandoffServiceOptions {
  store: Store;
  /**
   * A store on a streaming replica of `store`'s database (read-only, opened without migrating): the médiacentre
   * listing's subscriptions, copies and resources and the statistics are read there; who calls, the person's own
   * favourites and every write stay on `store`. See docs/guide-operator.md, "Sizing a national deployment".
   */
  readReplica?: Store;
  /** Default: the system clock. */
  clock?: Clock;
  /** The service's issuer URL: the audience of ENT user assertions and the `iss` of hand-off tokens. */
  issuer: string;
  /** Default: JSON lines on the console. */
  logger?: Logger;
  /** Limits of remote JWKS fetches. */
  jwks?: JwksFetchOptions;
  /** Whom allocation managers ask for help, shown on their dashboard. */
  supportContact?: SupportContact;
  /** The deployment's terms of use and information notice: `https:` URLs or paths of the service (hand-off page). */
  legalLinks?: LegalLinks;
  /** Limits of failed credentials and unauthenticated launches (see {@link RateLimits}; defaults apply per field). */
  rateLimits?: Partial<RateLimits>;
}
