import type { Store } from '../types.js';

/** Options of {@link closeStoreOnSignals}. */
export interface CloseOnSignalsOptions {
  /** Signals to handle (SIGINT and SIGTERM by default). */
  signals?: readonly NodeJS.Signals[];
  /** Runs before the store closes (stop the HTTP server, finish jobs…). */
  beforeClose?: () => Promise<void> | void;
  /** Exit once closed (default `true`), with 128 + the signal number, as a shell would report it. */
  exit?: boolean;
}

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/**
 * Closes the store cleanly when the process is asked to stop (Ctrl-C, `kill`, a container stop): the PGlite files are
 * flushed and the data directory unlocked. Returns a function that removes the handlers.
 *
 * @example
 * ```ts
 * const store = await openStore(options.store);
 * closeStoreOnSignals(store, { beforeClose: () => server.close() });
 * ```
 */
export function closeStoreOnSignals(store: Store, options: CloseOnSignalsOptions = {}): () => void {
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      let code = 128 + (SIGNAL_NUMBERS[signal] ?? 0);
      try {
        await options.beforeClose?.();
        await store.close();
      } catch {
        code = 1;
      }
      if (options.exit !== false) process.exit(code);
    })();
  };
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
