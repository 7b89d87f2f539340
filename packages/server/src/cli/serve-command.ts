import { isHttpsOrLoopbackUrl, isLoopbackHost as coreIsLoopbackHost } from '@opengar/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createHandoffRoutes } from '../handoff/create-handoff-routes.js';
import { createHttpApp } from '../http/create-http-app.js';
import { createKeyManager } from '../keys/create-key-manager.js';
import { DEMO_SECRETS_FILE, SecretsError, loadSecrets } from '../node/secrets.js';
import { ServeError, startServer } from '../node/serve.js';
import { DEFAULT_DATA_DIR } from '../node/stores.js';
import { DEMO_CREDENTIALS } from '../seed/demo-credentials.js';
import { DEMO_USERS } from '../seed/demo-users.js';
import { seedDemo } from '../seed/seed-demo.js';
import { nodeJwsSigner } from '../node/node-jws-signer.js';
import { createSamlCrypto } from '../node/create-saml-crypto.js';
import { createGarService } from '../create-gar-service.js';
import { LOG_LEVELS, createConsoleLogger, type LogLevel } from '../kernel/logger.js';
import { seedProgressText } from './admin-commands.js';
import { commandIo, progressFor, type CommandIo } from './cli-io.js';
import { configureDemoEnt, resolveLogLevel, resolveSupportContact } from './serve-settings.js';
import { CliError } from './cli-error.js';
import { openCliStore } from './open-cli-store.js';
import { REPLICA_URL_ENV, checkReplicaUrl, openReplicaStore } from './open-replica.js';
import type { Store } from '../store/types.js';
import { parseInstant, parsePort, parseProviderUrl, storeOption } from './options.js';
import { startScheduledJobs } from './scheduled-jobs.js';
import { startStatsJobs } from '../stats/start-stats-jobs.js';
import { openFeedBundle } from '../feeds/read-feed-bundle.js';
import { parseFeedFileInWorker } from '../feeds/parse-in-worker.js';
import { CLIENT_CERT_HEADER } from '../node/client-certificate.js';
import { startNotificationJobs } from '../notifications/notification-jobs.js';
import { describeStore, resolveStoreSpec } from './store-spec.js';

/** Flags of `opengar serve`. */
export interface ServeFlags {
  host: string;
  port: number;
  store?: string;
  seed?: 'demo';
  issuer?: string;
  providerUrl?: string;
  referenceDate?: string;
  tlsCert?: string;
  tlsKey?: string;
  clientCa?: string;
  clientCertHeader?: string;
  shutdownTimeout: number;
  /** SMTP server of the notification e-mails (`--smtp-url`, env `OPENGAR_SMTP_URL`). */
  smtpUrl?: string;
  /** Default: `immediate` with the demo seed, else `digest`. */
  mailMode?: 'digest' | 'immediate';
  /** Days a departed person's data is kept before erasure (default 90). */
  erasureGraceDays?: number;
  /** Trusted reverse proxies in front: the client address is read from `X-Forwarded-For` (default 0: the socket). */
  trustForwardedFor?: number;
  /** Rate-limit window, in seconds (default 60). */
  rateWindow?: number;
  /** Credential failures per client address and window (default 60; 0 = off). */
  rateFailuresPerAddress?: number;
  /** Credential failures per credential and window (default 30; 0 = off). */
  rateFailuresPerCredential?: number;
  /** Unauthenticated launches per client address and window (default 1,200; 0 = off). */
  rateLaunchesPerAddress?: number;
  /** Hours an ENT's last good key set keeps verifying when it cannot be refetched (default 24). */
  jwksStaleHours?: number;
  /** PostgreSQL: connections of the pool (`--pg-pool-size`, env `OPENGAR_PG_POOL_SIZE`, default 10). */
  pgPoolSize?: number;
  /** A streaming replica for the listing's and statistics' reads (`--database-replica-url`, env `OPENGAR_DATABASE_REPLICA_URL`). */
  databaseReplicaUrl?: string;
  /** PostgreSQL: callers waiting for a connection at most (`--pg-queue-limit`, env `OPENGAR_PG_QUEUE_LIMIT`, default 1000). */
  pgQueueLimit?: number;
  /** PostgreSQL: longest wait for a connection in ms (`--pg-queue-timeout`, env `OPENGAR_PG_QUEUE_TIMEOUT_MS`, default 30000). */
  pgQueueTimeout?: number;
  /** Days without a feed after which an ENT's schools are told (`--stale-feed-days`, env `OPENGAR_STALE_FEED_DAYS`, default 8,30; 0 = off). */
  staleFeedDays?: number[];
  /** With `--seed demo`: more browser origins for the demo ENT (`--demo-origin`, repeatable). */
  demoOrigin?: string[];
  /** With `--seed demo`: the demo ENT's allocation console URL (`--demo-console-url`). */
  demoConsoleUrl?: string;
  /** The support contact shown to managers (`--support-name`, env `OPENGAR_SUPPORT_NAME`). */
  supportName?: string;
  /** Its e-mail address (`--support-email`, env `OPENGAR_SUPPORT_EMAIL`). */
  supportEmail?: string;
  /** Its phone number (`--support-phone`, env `OPENGAR_SUPPORT_PHONE`). */
  supportPhone?: string;
  /** The deployment's terms of use and information notice (hand-off page). */
  termsUrl?: string;
  noticeUrl?: string;
  /** Its web page (`--support-url`, env `OPENGAR_SUPPORT_URL`). */
  supportUrl?: string;
  /** The least severe log level written (`--log-level`, env `OPENGAR_LOG_LEVEL`, default `info`). */
  logLevel?: LogLevel;
}

/**
 * Whether a host name or address is the loopback interface (the only place the demo seed may listen): core's one
 * loopback rule, re-exported for the CLI.
 *
 * @example
 * ```ts
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0');   // false
 * ```
 */
export const isLoopbackHost: (host: string) => boolean = coreIsLoopbackHost;

function checkFlags(flags: ServeFlags): void {
  if (flags.seed !== undefined && !isLoopbackHost(flags.host)) {
    throw new CliError(
      'refused',
      `the demo seed is refused on a non-loopback host (${flags.host}): its credentials are public. Use --host 127.0.0.1, or drop --seed demo.`,
    );
  }
  if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey))
    throw new CliError('usage', '--tls-cert and --tls-key go together');
  if (flags.clientCa && !flags.tlsCert) throw new CliError('usage', '--client-ca needs --tls-cert and --tls-key');
  if (flags.clientCertHeader !== undefined && !/^[A-Za-z0-9-]{1,100}$/.test(flags.clientCertHeader)) {
    throw new CliError('usage', '--client-cert-header must be a header name (letters, digits, dashes)');
  }
  if ((flags.demoOrigin?.length || flags.demoConsoleUrl) && flags.seed !== 'demo')
    throw new CliError('usage', '--demo-origin and --demo-console-url go with --seed demo');
  if (flags.rateWindow === 0) throw new CliError('usage', '--rate-window must be at least 1 second');
  if (flags.issuer !== undefined) {
    if (!URL.canParse(flags.issuer)) throw new CliError('usage', '--issuer must be an absolute URL');
    if (!isHttpsOrLoopbackUrl(flags.issuer)) {
      throw new CliError('usage', '--issuer must be an https URL (http only on loopback)');
    }
  }
}

/** Runs `opengar serve`: open and migrate the store, load secrets, seed the demo if asked, serve until a signal. */
export async function runServe(flags: ServeFlags, io: ((line: string) => void) | CommandIo): Promise<void> {
  const cio = commandIo(io);
  const { out } = cio;
  checkFlags(flags);
  const supportContact = resolveSupportContact(flags);
  const logLevel = resolveLogLevel(flags.logLevel);
  const spec = resolveStoreSpec(flags.store);
  const pool = {
    maxConnections: flags.pgPoolSize,
    queueLimit: flags.pgQueueLimit,
    queueTimeoutMs: flags.pgQueueTimeout,
  };
  const replicaUrl = flags.databaseReplicaUrl ?? process.env[REPLICA_URL_ENV];
  checkReplicaUrl(replicaUrl, spec);
  const store = await openCliStore(spec, { pool });
  let stopJobs: (() => Promise<void>) | undefined;
  let replica: Store | undefined;
  try {
    replica = await openReplicaStore(replicaUrl, spec, pool);
    const dataDir = spec.kind === 'pglite' ? spec.dir : spec.kind === 'postgres' ? DEFAULT_DATA_DIR : undefined;
    const secrets = await loadSecrets(
      flags.seed ? { demo: dataDir === undefined ? {} : { dataDir }, notice: out } : {},
    ).catch((e: unknown) => {
      if (!(e instanceof SecretsError)) throw e;
      const demoHere = spec.kind === 'pglite' && e.code === 'missing' && existsSync(join(spec.dir, DEMO_SECRETS_FILE));
      throw new CliError(
        'secrets',
        demoHere ? `${e.message} This data directory holds a demo: add --seed demo to run it.` : e.message,
        { cause: e },
      );
    });
    if (flags.seed === 'demo') {
      const progress = progressFor(cio, 'seed', true);
      const r = await seedDemo(store, {
        ...(progress ? { onProgress: (p) => progress.update(seedProgressText(p)) } : {}),
        ...(flags.providerUrl ? { providerBaseUrl: flags.providerUrl } : {}),
        referenceDate: flags.referenceDate ?? new Date().toISOString(),
        statisticsSecret: secrets.statisticsSecret,
      }).finally(() => progress?.done());
      out(
        r.alreadySeeded
          ? 'Demo data already seeded.'
          : `Demo data seeded: ${r.subscriptions} subscriptions, ${r.allocations} allocations, ${r.copies} licence copies.`,
      );
      await configureDemoEnt(store, flags);
    }
    const logger = createConsoleLogger({ level: logLevel });
    const keys = createKeyManager({ store, kek: secrets.kek, signer: nodeJwsSigner });
    await keys.maybeRotate();
    await keys.signingKey('ES256');
    const jobs = startScheduledJobs({
      store,
      keys,
      onError: (job, e) => logger.error('job.failed', { job, error: e instanceof Error ? e.name : 'unknown' }),
    });
    stopJobs = jobs.stop;
    // The issuer defaults to the URL actually listened on (an ephemeral port is known only then); requests that
    // arrive before the app exists are answered 503.
    // Aborted when shutdown starts: a feed import in flight stops at once (its transaction rolls back) instead of
    // holding the shutdown for the whole --shutdown-timeout.
    const stopping = new AbortController();
    let app:
      | { fetch: (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response> }
      | undefined;
    const running = await startServer({
      fetch: (request, env) =>
        app ? app.fetch(request, env) : new Response('starting', { status: 503, headers: { 'retry-after': '1' } }),
      host: flags.host,
      port: flags.port,
      ...(flags.tlsCert && flags.tlsKey
        ? { tls: { cert: flags.tlsCert, key: flags.tlsKey, ...(flags.clientCa ? { clientCa: flags.clientCa } : {}) } }
        : {}),
      ...(flags.clientCertHeader ? { clientCertHeader: flags.clientCertHeader } : {}),
      shutdownTimeoutMs: flags.shutdownTimeout,
      notice: out,
      onShutdown: () => stopping.abort(new Error('the service is stopping')),
      onClose: async () => {
        await stopJobs?.();
        await store.close();
        await replica?.close();
      },
    }).catch((e: unknown) => {
      throw e instanceof ServeError
        ? new CliError(e.code === 'tls_config' ? 'usage' : 'listen', e.message, { cause: e })
        : e;
    });
    const issuer = flags.issuer ?? running.url;
    if (!flags.issuer && !isLoopbackHost(flags.host))
      out(`--issuer not set: using ${issuer}; set it to the URL clients reach the service at.`);
    const mailMode = flags.mailMode ?? (flags.seed === 'demo' ? 'immediate' : 'digest');
    const rateLimits = {
      ...(flags.rateWindow !== undefined ? { windowS: flags.rateWindow } : {}),
      ...(flags.rateFailuresPerAddress !== undefined ? { failuresPerAddress: flags.rateFailuresPerAddress } : {}),
      ...(flags.rateFailuresPerCredential !== undefined
        ? { failuresPerCredential: flags.rateFailuresPerCredential }
        : {}),
      ...(flags.rateLaunchesPerAddress !== undefined ? { launchesPerAddress: flags.rateLaunchesPerAddress } : {}),
    };
    const jwks = flags.jwksStaleHours !== undefined ? { staleMs: flags.jwksStaleHours * 3600_000 } : {};
    const service = createGarService({
      store,
      ...(replica ? { readReplica: replica } : {}),
      issuer,
      pseudonymSecret: secrets.pseudonymSecret,
      statisticsSecret: secrets.statisticsSecret,
      signingKeys: keys,
      samlCrypto: createSamlCrypto({ keys }),
      logger,
      ...(supportContact ? { supportContact } : {}),
      legalLinks: {
        termsUrl: flags.termsUrl ?? process.env.OPENGAR_TERMS_URL,
        noticeUrl: flags.noticeUrl ?? process.env.OPENGAR_NOTICE_URL,
      },
      rateLimits,
      jwks,
      feeds: {
        mailMode,
        ...(flags.erasureGraceDays !== undefined ? { erasureGraceDays: flags.erasureGraceDays } : {}),
      },
    });
    const handoff = createHandoffRoutes({ service });
    const notifications = startNotificationJobs({
      store,
      mode: mailMode,
      ...(supportContact ? { supportContact } : {}),
      erase: () => service.feeds.eraseDeparted({ kind: 'system' }),
      staleFeedDays:
        flags.staleFeedDays ??
        (process.env.OPENGAR_STALE_FEED_DAYS
          ? parseDayList(process.env.OPENGAR_STALE_FEED_DAYS, 'OPENGAR_STALE_FEED_DAYS')
          : [8, 30]),
      onStaleFeed: (a) => logger.warn('feed.stale', { ...a }),
      onError: (job, e) => logger.error('job.failed', { job, error: e instanceof Error ? e.name : 'unknown' }),
      ...((flags.smtpUrl ?? process.env.OPENGAR_SMTP_URL)
        ? { smtpUrl: flags.smtpUrl ?? process.env.OPENGAR_SMTP_URL }
        : {}),
    });
    const stats = startStatsJobs({
      store,
      metrics: service.stats.serviceMetrics,
      aggregateAtStart: true,
      onError: (job, e) => logger.error('job.failed', { job, error: e instanceof Error ? e.name : 'unknown' }),
    });
    const stopOthers = stopJobs;
    stopJobs = async () => {
      await stats.stop();
      await notifications.stop();
      await stopOthers?.();
    };
    const httpApp = createHttpApp(service, {
      routes: [handoff],
      trustForwardedFor: flags.trustForwardedFor ?? 0,
      feeds: {
        openBundle: (bytes, md5) => openFeedBundle({ bytes }, md5),
        parseFile: parseFeedFileInWorker,
        signal: stopping.signal,
        clientCertFingerprint: (c) => c.req.header(CLIENT_CERT_HEADER),
      },
    });
    app = { fetch: (request, env) => httpApp.fetch(request, env) };
    out(`opengar listening on ${running.url} (${describeStore(spec)})`);
    if (flags.seed === 'demo') {
      out(`Demo users (ENT ${DEMO_USERS[0]!.entId}): ${DEMO_USERS.map((u) => `${u.personId} ${u.key}`).join(', ')}.`);
      out(`Demo operator secret (demo only): ${DEMO_CREDENTIALS.operatorSecret}`);
    }
    await running.closed;
    out('opengar stopped.');
  } catch (e) {
    await stopJobs?.();
    await store.close().catch(() => undefined);
    await replica?.close().catch(() => undefined);
    throw e;
  }
}

/** The `serve` command. */
export function serveCommand(io: ((line: string) => void) | CommandIo): Command {
  return new Command('serve')
    .description('Run the GAR service over HTTP(S) until SIGINT or SIGTERM.')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 4000)
    .addOption(storeOption())
    .addOption(
      new Option('--seed <name>', 'seed demo data first (loopback only; demo credentials are public)').choices([
        'demo',
      ]),
    )
    .option('--issuer <url>', "the service's public URL (default: http(s)://host:port)")
    .option(
      '--provider-url <url>',
      'base URL of the example resource provider the demo catalogue points at',
      parseProviderUrl,
      'http://127.0.0.1:4100',
    )
    .option(
      '--reference-date <iso>',
      'the demo\'s "now" for validity windows (default: the current time)',
      parseInstant,
    )
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert')
    .option('--client-ca <file>', 'request client certificates and verify them against this PEM CA (mutual TLS)')
    .option(
      '--client-cert-header <name>',
      'behind a TLS-terminating proxy: trust this header (set by the proxy) for the client certificate, as a SHA-256 fingerprint or a URL-encoded PEM',
    )
    .option(
      '--shutdown-timeout <ms>',
      'longest wait for in-flight requests at shutdown',
      (v) => parsePositive(v, '--shutdown-timeout'),
      10_000,
    )
    .option(
      '--smtp-url <url>',
      'SMTP server for notification e-mails, smtp(s)://user:pass@host:port (default: $OPENGAR_SMTP_URL; without it e-mails wait in the outbox)',
    )
    .addOption(
      new Option(
        '--mail-mode <mode>',
        'one digest per day per manager (default), or one e-mail per notification (default with --seed demo)',
      ).choices(['digest', 'immediate']),
    )
    .option(
      '--erasure-grace-days <days>',
      'days the data of people who left the directory is kept before erasure (default 90)',
      (v) => parsePositive(v, '--erasure-grace-days'),
    )
    .option(
      '--trust-forwarded-for <hops>',
      'behind this many trusted reverse proxies, read the client address (rate limits) from X-Forwarded-For (default 0: the socket; never set it without a proxy that appends to the header)',
      (v) => parsePositive(v, '--trust-forwarded-for'),
    )
    .option('--rate-window <seconds>', 'rate-limit window (default 60)', (v) => parsePositive(v, '--rate-window'))
    .option(
      '--rate-failures-per-address <n>',
      'failed credentials per client address and window before 429 (default 60; 0 = off)',
      (v) => parsePositive(v, '--rate-failures-per-address'),
    )
    .option(
      '--rate-failures-per-credential <n>',
      'failures per secret, API key, ENT client or ENT user and window before 429 (default 30; 0 = off)',
      (v) => parsePositive(v, '--rate-failures-per-credential'),
    )
    .option(
      '--rate-launches-per-address <n>',
      'unauthenticated launches (GET /launch, /cas/login) per client address and window (default 1200; 0 = off)',
      (v) => parsePositive(v, '--rate-launches-per-address'),
    )
    .option(
      '--jwks-stale-hours <hours>',
      "how long an ENT's last good key set keeps verifying while its JWKS URL fails (default 24; 0 = not at all)",
      (v) => parsePositive(v, '--jwks-stale-hours'),
    )
    .option(
      '--database-replica-url <url>',
      'PostgreSQL: a streaming replica for the médiacentre listing and statistics reads (default $OPENGAR_DATABASE_REPLICA_URL)',
    )
    .option('--pg-pool-size <n>', 'PostgreSQL: connections of the pool (default $OPENGAR_PG_POOL_SIZE, else 10)', (v) =>
      parseAtLeast(v, '--pg-pool-size', 1),
    )
    .option(
      '--pg-queue-limit <n>',
      'PostgreSQL: requests waiting for a connection at most; more are answered 503 with Retry-After at once (default $OPENGAR_PG_QUEUE_LIMIT, else 1000)',
      (v) => parseAtLeast(v, '--pg-queue-limit', 0),
    )
    .option(
      '--pg-queue-timeout <ms>',
      'PostgreSQL: longest wait for a connection before a 503 with Retry-After (default $OPENGAR_PG_QUEUE_TIMEOUT_MS, else 30000)',
      (v) => parseAtLeast(v, '--pg-queue-timeout', 1),
    )
    .option(
      '--stale-feed-days <days>',
      "days without a directory feed after which an ENT's schools (and the log) are told, comma-separated thresholds; 0 turns it off (default $OPENGAR_STALE_FEED_DAYS, else 8,30)",
      (v) => parseDayList(v, '--stale-feed-days'),
    )
    .option(
      '--demo-origin <origin>',
      'with --seed demo: one more browser origin for the demo ENT (repeat for several; e.g. a portal on another port)',
      (v: string, previous: string[] | undefined) => [...(previous ?? []), v],
    )
    .option(
      '--demo-console-url <url>',
      "with --seed demo: the demo ENT's allocation console (default: the demo portal's /console)",
    )
    .option('--support-name <name>', 'the support contact managers see (default $OPENGAR_SUPPORT_NAME)')
    .option('--support-email <address>', 'its e-mail address (default $OPENGAR_SUPPORT_EMAIL)')
    .option('--support-phone <number>', 'its phone number (default $OPENGAR_SUPPORT_PHONE)')
    .option('--terms-url <url>', 'the terms of use (CGU): https or a path of the service (default $OPENGAR_TERMS_URL)')
    .option('--notice-url <url>', 'the information notice (default $OPENGAR_NOTICE_URL)')
    .option('--support-url <url>', 'its web page, https (default $OPENGAR_SUPPORT_URL)')
    .addOption(
      new Option(
        '--log-level <level>',
        'the least severe log lines written (default $OPENGAR_LOG_LEVEL, else info)',
      ).choices(LOG_LEVELS),
    )
    .action(async (flags: ServeFlags) => runServe(flags, io));
}

function parseDayList(value: string, name: string): number[] {
  const days = value.split(',').map((d) => d.trim());
  if (days.some((d) => !/^\d{1,4}$/.test(d)))
    throw new InvalidArgumentError(`${name} must be whole numbers of days separated by commas (e.g. 8,30)`);
  return days.map(Number).filter((d) => d > 0);
}

function parseAtLeast(value: string, name: string, least: number): number {
  const n = parsePositive(value, name);
  if (!Number.isSafeInteger(n) || n < least)
    throw new InvalidArgumentError(`${name} must be a whole number ≥ ${least}`);
  return n;
}

function parsePositive(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a non-negative integer`);
  return n;
}
