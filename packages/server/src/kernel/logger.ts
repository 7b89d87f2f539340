/** Structured fields of a log line. Never put tokens, secrets or `Authorization` headers here. */
export type LogFields = Record<string, unknown>;

/**
 * Where the service and the HTTP app write structured logs.
 *
 * @example
 * ```ts
 * const logger: Logger = { info: (e, f) => pino.info(f, e), warn: (e, f) => pino.warn(f, e), error: (e, f) => pino.error(f, e) };
 * ```
 */
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

function line(level: string, event: string, fields: LogFields | undefined): string {
  try {
    return JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  } catch {
    return JSON.stringify({ time: new Date().toISOString(), level, event, unserializable: true });
  }
}

/**
 * The default logger: one JSON object per line on the console (works in browsers and Node).
 *
 * @example
 * ```ts
 * createConsoleLogger().info('request', { requestId: 'r1', status: 200 });
 * ```
 */
export function createConsoleLogger(): Logger {
  return {
    info: (event, fields) => console.log(line('info', event, fields)),
    warn: (event, fields) => console.warn(line('warn', event, fields)),
    error: (event, fields) => console.error(line('error', event, fields)),
  };
}

/**
 * A logger that drops everything (tests, benchmarks).
 *
 * @example
 * ```ts
 * createGarService({ ...options, logger: silentLogger });
 * ```
 */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
