import { createAdaptorServer, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLIENT_CERT_HEADER, fingerprintFromProxyHeader, fingerprintFromTls } from './client-certificate.js';

/** Codes of a {@link ServeError}. */
export type ServeErrorCode = 'port_in_use' | 'listen_failed' | 'tls_config';

/**
 * The listener could not start. The message says what to change (another port, the TLS files).
 *
 * @example
 * ```ts
 * try { await startServer({ fetch: app.fetch }); } catch (e) { if (e instanceof ServeError && e.code === 'port_in_use') console.error(e.message); }
 * ```
 */
export class ServeError extends Error {
  readonly code: ServeErrorCode;
  constructor(code: ServeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServeError';
    this.code = code;
  }
}

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** The app's fetch handler (`app.fetch`); it receives the Node bindings as its env. */
  fetch: (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;
  /** Default `127.0.0.1`: nothing outside the machine reaches the service unless asked. */
  host?: string;
  /** Default 4000; 0 picks a free port. */
  port?: number;
  /** HTTPS: PEM certificate and key (contents or file paths); with `clientCa`, client certificates are requested. */
  tls?: { cert: string; key: string; clientCa?: string };
  /** Behind a TLS-terminating proxy: the header carrying the client certificate (trusted only when named here). */
  clientCertHeader?: string;
  /** Longest wait for in-flight requests at shutdown before connections are cut (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Run as soon as shutdown starts, before in-flight requests are waited for (abort long work such as a feed import). */
  onShutdown?: () => void;
  /** Run after the listener stopped (close the store, release the PGlite lock). */
  onClose?: () => Promise<void> | void;
  /** Stop gracefully on SIGINT and SIGTERM (default `true`). */
  handleSignals?: boolean;
  /** Told about shutdown (default: stderr). */
  notice?: (message: string) => void;
}

/** A running listener. */
export interface RunningServer {
  /** `http://127.0.0.1:4000` or `https://…`. */
  url: string;
  host: string;
  port: number;
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to the timeout), then runs `onClose`. Idempotent. */
  close(): Promise<void>;
  /** Resolves once the server has closed (by `close()` or a signal). */
  closed: Promise<void>;
}

async function pem(value: string): Promise<string> {
  if (value.includes('-----BEGIN')) return value;
  try {
    return await readFile(value, 'utf8');
  } catch (cause) {
    throw new ServeError('tls_config', `cannot read the TLS file ${value}`, { cause });
  }
}

function withHeaders(request: Request, headers: Headers): Request {
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers,
    redirect: request.redirect,
    signal: request.signal,
  };
  if (request.body) {
    init.body = request.body;
    init.duplex = 'half';
  }
  return new Request(request.url, init);
}

/**
 * Serves a fetch-style app with `@hono/node-server`: on 127.0.0.1:4000 by default, HTTPS when given a certificate,
 * client certificates verified against `tls.clientCa` (their SHA-256 fingerprint reaches the app in the
 * `x-opengar-client-cert-sha256` header, which the listener strips from incoming requests and sets itself), graceful
 * shutdown on SIGINT/SIGTERM.
 *
 * @example
 * ```ts
 * const running = await startServer({ fetch: app.fetch, port: 4000, onClose: () => store.close() });
 * console.log(`listening on ${running.url}`);
 * ```
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const proxyHeader = options.clientCertHeader?.toLowerCase();
  if (proxyHeader !== undefined && !/^[a-z0-9-]+$/.test(proxyHeader))
    throw new TypeError('clientCertHeader must be a header name');
  const notice = options.notice ?? ((m: string) => process.stderr.write(`${m}\n`));
  const tls = options.tls && {
    cert: await pem(options.tls.cert),
    key: await pem(options.tls.key),
    ca: options.tls.clientCa && (await pem(options.tls.clientCa)),
  };

  const fetch = (request: Request, env: HttpBindings | Http2Bindings): Response | Promise<Response> => {
    const fromTls = tls?.ca ? fingerprintFromTls(env.incoming) : undefined;
    const proxied = proxyHeader ? request.headers.get(proxyHeader) : null;
    const fingerprint = fromTls ?? (proxied ? fingerprintFromProxyHeader(proxied) : undefined);
    if (!fingerprint && !request.headers.has(CLIENT_CERT_HEADER) && proxied === null)
      return options.fetch(request, env);
    const headers = new Headers(request.headers);
    headers.delete(CLIENT_CERT_HEADER);
    if (proxyHeader) headers.delete(proxyHeader);
    if (fingerprint) headers.set(CLIENT_CERT_HEADER, fingerprint);
    return options.fetch(withHeaders(request, headers), env);
  };

  let server: Server;
  try {
    server = tls
      ? (createAdaptorServer({
          fetch,
          createServer: createHttpsServer,
          serverOptions: {
            cert: tls.cert,
            key: tls.key,
            ...(tls.ca ? { ca: tls.ca, requestCert: true, rejectUnauthorized: false } : {}),
          },
        }) as unknown as Server)
      : (createAdaptorServer({ fetch }) as Server);
  } catch (cause) {
    throw new ServeError('tls_config', 'the TLS certificate or key is not usable', { cause });
  }

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE')
        reject(
          new ServeError(
            'port_in_use',
            `port ${options.port ?? 4000} on ${host} is already in use; stop the other process or choose another port with --port`,
            { cause: e },
          ),
        );
      else if (e.code === 'EACCES')
        reject(
          new ServeError(
            'listen_failed',
            `not allowed to listen on ${host}:${options.port ?? 4000}; choose a port above 1023`,
            { cause: e },
          ),
        );
      else
        reject(
          new ServeError('listen_failed', `cannot listen on ${host}:${options.port ?? 4000} (${e.code ?? 'error'})`, {
            cause: e,
          }),
        );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port ?? 4000, host);
  });

  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  const signals: NodeJS.Signals[] = options.handleSignals === false ? [] : ['SIGINT', 'SIGTERM'];

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      for (const s of signals) process.off(s, onSignal);
      options.onShutdown?.();
      const timeout = options.shutdownTimeoutMs ?? 10_000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, timeout);
        timer.unref();
        // A keep-alive connection whose request ends during shutdown would otherwise hold it until its idle timeout.
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        sweep.unref();
        server.close(() => {
          clearTimeout(timer);
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      });
      try {
        await options.onClose?.();
      } finally {
        resolveClosed();
      }
    })());

  function onSignal(signal: NodeJS.Signals): void {
    notice(`${signal} received: finishing in-flight requests, then stopping.`);
    void close();
  }
  for (const s of signals) process.once(s, onSignal);

  return { url: `${tls ? 'https' : 'http'}://${urlHost}:${port}`, host, port, server, close, closed };
}
