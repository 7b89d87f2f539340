import { progressLines, type ProgressLines } from './progress-lines.js';

/** Where a command writes: results to `out` (stdout), problems and progress to `err` (stderr), one line each. */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether stderr is a terminal (a progress bar) or not (progress lines); default `process.stderr.isTTY`. */
  isTTY?: boolean;
  /** Least time between two progress lines, in ms (default 3,000). */
  progressIntervalMs?: number;
}

/** A command's io from a bare `out` (problems then go to stderr) or a full {@link CommandIo}. */
export function commandIo(io: ((line: string) => void) | CommandIo): CommandIo {
  return typeof io === 'function' ? { out: io, err: (line) => process.stderr.write(`${line}\n`) } : io;
}

/**
 * Progress lines on `err` when it is not a terminal; nothing on a terminal, where the command draws a bar (unless
 * `onTerminal`: the command has no bar, and lines every few seconds are fine there too).
 */
export function progressFor(io: CommandIo, prefix: string, onTerminal = false): ProgressLines | undefined {
  if (!onTerminal && (io.isTTY ?? process.stderr.isTTY)) return undefined;
  return progressLines(
    io.err,
    prefix,
    io.progressIntervalMs === undefined ? {} : { intervalMs: io.progressIntervalMs },
  );
}
