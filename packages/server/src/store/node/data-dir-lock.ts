import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StoreError } from '../errors.js';

/** The lock file of a data directory: the pid of the process using it, then what tells that process from a later one. */
export const LOCK_FILE = 'opengar.lock';

/** A held lock on a data directory. */
export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Synchronous, so that it also runs from an `exit` handler. */
  release(): void;
}

/** Options of {@link lockDataDir}. */
export interface LockDataDirOptions {
  /** Told when a stale lock is taken over, and why (default: a line on stderr). */
  notice?: (message: string) => void;
}

/**
 * What identifies one run of a process beyond its pid, which a restart can give again (a container's PID 1): the
 * kernel's boot id and the process's start time (clock ticks since boot, `/proc/<pid>/stat`). Empty off Linux.
 */
interface ProcessInstance {
  bootId?: string;
  startTime?: string;
}

/** Lock files this process holds now: a file naming our pid that is not among them was left by an earlier run. */
const heldHere = new Set<string>();

function readSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  return readSafe('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

function startTime(pid: number): string | undefined {
  const stat = readSafe(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces or parentheses: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const value = fields[22 - 3];
  return value !== undefined && /^\d+$/.test(value) ? value : undefined;
}

function instanceOf(pid: number): ProcessInstance {
  const out: ProcessInstance = {};
  const boot = bootId();
  const start = startTime(pid);
  if (boot !== undefined) out.bootId = boot;
  if (start !== undefined) out.startTime = start;
  return out;
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

interface LockRecord {
  pid: number;
  instance: ProcessInstance;
}

function readLock(path: string): LockRecord | undefined {
  const text = readSafe(path);
  if (text === undefined) return undefined;
  const [first = '', second] = text.split('\n');
  const pid = Number.parseInt(first.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  // A lock written by an older opengar holds the pid alone.
  let instance: ProcessInstance = {};
  try {
    const parsed: unknown = second ? JSON.parse(second) : {};
    if (typeof parsed === 'object' && parsed !== null) {
      const { bootId: b, startTime: t } = parsed as Record<string, unknown>;
      if (typeof b === 'string') instance.bootId = b;
      if (typeof t === 'string') instance.startTime = t;
    }
  } catch {
    instance = {};
  }
  return { pid, instance };
}

function readPid(path: string): number | undefined {
  return readLock(path)?.pid;
}

/**
 * Why a lock whose pid is alive belongs to another run of that pid (and is stale), or `undefined` when it may be the
 * holder's: the recorded boot id or start time differs from the live process's, or it names this process but this
 * process does not hold it. Without a record to compare (an older lock, a system without `/proc`), a live pid holds.
 */
function otherInstance(path: string, lock: LockRecord): string | undefined {
  if (lock.pid === process.pid && !heldHere.has(path))
    return 'it names this process, which does not hold it (a restart reused the pid)';
  const now = instanceOf(lock.pid);
  if (lock.instance.bootId !== undefined && now.bootId !== undefined && lock.instance.bootId !== now.bootId)
    return 'it was written before the machine restarted';
  if (
    lock.instance.startTime !== undefined &&
    now.startTime !== undefined &&
    lock.instance.startTime !== now.startTime
  ) {
    return `process ${lock.pid} is alive but started after the lock was written (the pid was reused)`;
  }
  return undefined;
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
    writeSync(fd, `${process.pid}\n${JSON.stringify(instanceOf(process.pid))}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function removeIfStale(path: string, takeover: string, notice: (message: string) => void): void {
  // Only one process at a time may decide a lock is stale and remove it (else one could remove another's new lock).
  if (!createExclusive(takeover)) {
    const age = Date.now() - (statSafe(takeover) ?? Date.now());
    if (age < 10_000) return;
    unlinkSafe(takeover);
    return;
  }
  try {
    const lock = readLock(path);
    if (lock === undefined) {
      unlinkSafe(path);
      return;
    }
    const why = isAlive(lock.pid) ? otherInstance(path, lock) : `process ${lock.pid} is gone`;
    if (why === undefined) return;
    unlinkSafe(path);
    notice(`opengar: took over the stale lock ${path}: ${why}`);
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
 * Makes this process the only one using `dir`: creates `dir/opengar.lock` exclusively (O_EXCL) with our pid, the boot
 * id and our start time. A lock left by a process that no longer runs (killed, crashed) is taken over, and so is one
 * whose pid is alive but is another run (a container restarted with the server as PID 1 again); the take-over is told
 * to `notice`. One held by a running process is refused.
 *
 * @throws `StoreError` `locked` when another running process holds the directory.
 *
 * @example
 * ```ts
 * const lock = lockDataDir('./.opengar-data'); // throws StoreError('locked') if another opengar uses it
 * try { await serve(); } finally { lock.release(); }
 * ```
 */
export function lockDataDir(dir: string, options: LockDataDirOptions = {}): DataDirLock {
  const notice = options.notice ?? ((message: string) => void process.stderr.write(`${message}\n`));
  mkdirSync(dir, { recursive: true });
  // Absolute, so that the lock files this process holds are recognised however the directory was spelled.
  const path = join(resolve(dir), LOCK_FILE);
  const takeover = `${path}.takeover`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path)) {
      heldHere.add(path);
      let held = true;
      return {
        path,
        release: () => {
          if (!held) return;
          held = false;
          heldHere.delete(path);
          if (readPid(path) === process.pid) unlinkSafe(path);
        },
      };
    }
    const lock = readLock(path);
    if (lock !== undefined && isAlive(lock.pid) && otherInstance(path, lock) === undefined) {
      throw new StoreError(
        'locked',
        `the data directory ${dir} is in use by process ${lock.pid}${lock.pid === process.pid ? ' (this one)' : ''}; stop it first`,
      );
    }
    removeIfStale(path, takeover, notice);
  }
  throw new StoreError('locked', `the data directory ${dir} could not be locked (${LOCK_FILE} keeps coming back)`);
}
