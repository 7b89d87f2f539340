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

/** The least severe level a logger writes: `info` (everything), `warn`, `error`, or `silent` (nothing). */
export type LogLevel = 'info' | 'warn' | 'error' | 'silent';

/** The levels, least severe first. */
export const LOG_LEVELS: readonly LogLevel[] = ['info', 'warn', 'error', 'silent'];

/** Options of {@link createConsoleLogger}. */
export interface ConsoleLoggerOptions {
  /** The least severe level written (default `info`). */
  level?: LogLevel;
  /** Write every line to stderr (`console.error`), e.g. in a command whose stdout is its result. */
  stderr?: boolean;
}

/**
 * The default logger: one JSON object per line on the console (works in browsers and Node), from `level` up.
 *
 * @example
 * ```ts
 * createConsoleLogger().info('request', { requestId: 'r1', status: 200 });
 * createConsoleLogger({ level: 'warn' }).info('request', {}); // not written
 * ```
 */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const least = LOG_LEVELS.indexOf(options.level ?? 'info');
  const on = (level: LogLevel) => LOG_LEVELS.indexOf(level) >= least;
  const toErr = options.stderr === true;
  return {
    info: (event, fields) => {
      if (on('info')) (toErr ? console.error : console.log)(line('info', event, fields));
    },
    warn: (event, fields) => {
      if (on('warn')) (toErr ? console.error : console.warn)(line('warn', event, fields));
    },
    error: (event, fields) => {
      if (on('error')) console.error(line('error', event, fields));
    },
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
