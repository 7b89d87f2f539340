import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../errors.js';

/** The lock file of a data directory; it holds the pid of the process using it. */
export const LOCK_FILE = 'opengar.lock';

/** A held lock on a data directory. */
export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Synchronous, so that it also runs from an `exit` handler. */
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function createExclusive(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function removeIfStale(path: string, takeover: string): void {
  // Only one process at a time may decide a lock is stale and remove it (else one could remove another's new lock).
  if (!createExclusive(takeover)) {
    const age = Date.now() - (statSafe(takeover) ?? Date.now());
    if (age < 10_000) return;
    unlinkSafe(takeover);
    return;
  }
  try {
    const pid = readPid(path);
    if (pid === undefined || !isAlive(pid)) unlinkSafe(path);
  } finally {
    unlinkSafe(takeover);
  }
}

function statSafe(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function unlinkSafe(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Makes this process the only one using `dir`: creates `dir/opengar.lock` exclusively (O_EXCL) with our pid. A lock
 * left by a process that no longer runs (killed, crashed) is taken over; one held by a running process is refused.
 *
 * @throws `StoreError` `locked` when another running process holds the directory.
 *
 * @example
 * ```ts
 * const lock = lockDataDir('./.opengar-data'); // throws StoreError('locked') if another opengar uses it
 * try { … } finally { lock.release(); }
 * ```
 */
export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const takeover = `${path}.takeover`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path)) {
      let held = true;
      return {
        path,
        release: () => {
          if (!held) return;
          held = false;
          if (readPid(path) === process.pid) unlinkSafe(path);
        },
      };
    }
    const pid = readPid(path);
    if (pid !== undefined && isAlive(pid)) {
      throw new StoreError(
        'locked',
        `the data directory ${dir} is in use by process ${pid}${pid === process.pid ? ' (this one)' : ''}; stop it first`,
      );
    }
    removeIfStale(path, takeover);
  }
  throw new StoreError('locked', `the data directory ${dir} could not be locked (${LOCK_FILE} keeps coming back)`);
}
