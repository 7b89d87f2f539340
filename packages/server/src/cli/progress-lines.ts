/** Progress told in lines: {@link progressLines}. */
export interface ProgressLines {
  /** The current state, in words; written at once the first time, then at most once per interval. */
  update(state: string): void;
  /** Stops the repeat timer (the caller prints its own summary). */
  done(): void;
}

/** Options of {@link progressLines}. */
export interface ProgressLinesOptions {
  /** Least time between two lines, in ms (default 3,000; 0 writes every update). */
  intervalMs?: number;
  /** Milliseconds now (injected in tests). */
  now?: () => number;
}

/**
 * Progress for a log or a pipe, where a progress bar would be noise: one line `prefix: state` when the work starts,
 * then a line at most every `intervalMs` while updates come, and the last state again (`…still`) every `intervalMs`
 * while none come, so a long silent step is never silent.
 *
 * @example
 * ```ts
 * const progress = progressLines((line) => process.stderr.write(`${line}\n`), 'seed');
 * progress.update('school 1 of 2');
 * progress.done();
 * ```
 */
export function progressLines(
  write: (line: string) => void,
  prefix: string,
  options: ProgressLinesOptions = {},
): ProgressLines {
  const intervalMs = options.intervalMs ?? 3000;
  const now = options.now ?? Date.now;
  let last: number | undefined;
  let current: string | undefined;
  const emit = (state: string): void => {
    last = now();
    write(`${prefix}: ${state}`);
  };
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          if (current !== undefined && last !== undefined && now() - last >= intervalMs)
            emit(`${current} (still working)`);
        }, intervalMs)
      : undefined;
  timer?.unref();
  return {
    update(state) {
      current = state;
      if (last === undefined || now() - last >= intervalMs) emit(state);
    },
    done() {
      if (timer) clearInterval(timer);
    },
  };
}
