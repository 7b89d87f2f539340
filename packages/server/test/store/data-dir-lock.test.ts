// The PGlite data-directory lock tells a live holder from a stale lock whose pid came back: a container restarted with
// the server as PID 1 again finds a lock naming PID 1, alive but another run. The lock records the boot id and the
// process's start time besides the pid; a lock naming a live pid of another run is taken over (and said so), a real
// live holder still blocks, and a lock in the older pid-only form keeps the older rule (a live pid holds).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE, lockDataDir } from '../../src/node/stores.js';
import { StoreError } from '../../src/store/index.js';

const root = mkdtempSync(join(tmpdir(), 'opengar-lock-test-'));
after(() => rmSync(root, { recursive: true, force: true }));
const onLinux = existsSync('/proc/self/stat') && existsSync('/proc/sys/kernel/random/boot_id');
let n = 0;
const freshDir = () => {
  const dir = join(root, `d${++n}`);
  mkdirSync(dir);
  return dir;
};

function lockText(dir: string): string {
  return readFileSync(join(dir, LOCK_FILE), 'utf8');
}

function recorded(dir: string): { pid: number; bootId?: string; startTime?: string } {
  const [pid, json] = lockText(dir).split('\n');
  return { pid: Number(pid), ...(JSON.parse(json!) as { bootId?: string; startTime?: string }) };
}

function assertLocked(fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => e instanceof StoreError && e.code === 'locked');
}

/** Takes the lock of `dir` with a notice recorder. */
function take(dir: string) {
  const notices: string[] = [];
  const lock = lockDataDir(dir, { notice: (m) => notices.push(m) });
  return { lock, notices };
}

describe('data-directory lock: which process instance holds it', () => {
  test('the lock records our pid, and on Linux the boot id and our start time', () => {
    const dir = freshDir();
    const { lock } = take(dir);
    try {
      const r = recorded(dir);
      assert.equal(r.pid, process.pid);
      if (onLinux) {
        assert.equal(r.bootId, readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
        assert.match(r.startTime ?? '', /^\d+$/);
      }
      assertLocked(() => lockDataDir(dir));
    } finally {
      lock.release();
    }
    assert.equal(existsSync(join(dir, LOCK_FILE)), false);
  });

  test('a lock naming our pid with another start time is stale: taken over, and the log says so', {
    skip: !onLinux && 'needs /proc',
  }, () => {
    const dir = freshDir();
    const { lock: first } = take(dir);
    const mine = recorded(dir);
    first.release();
    writeFileSync(join(dir, LOCK_FILE), `${process.pid}\n${JSON.stringify({ bootId: mine.bootId, startTime: '1' })}\n`);
    const { lock, notices } = take(dir);
    try {
      assert.deepEqual(recorded(dir), mine);
      assert.equal(notices.length, 1);
      assert.match(notices[0]!, /stale lock/);
    } finally {
      lock.release();
    }
  });

  test('a lock naming our pid written before the machine restarted (another boot id) is taken over', {
    skip: !onLinux && 'needs /proc',
  }, () => {
    const dir = freshDir();
    writeFileSync(
      join(dir, LOCK_FILE),
      `${process.pid}\n${JSON.stringify({ bootId: '00000000-0000-0000-0000-000000000000', startTime: '1' })}\n`,
    );
    const { lock, notices } = take(dir);
    try {
      assert.equal(recorded(dir).pid, process.pid);
      assert.equal(notices.length, 1);
    } finally {
      lock.release();
    }
  });

  test('an older pid-only lock naming our pid, which this process does not hold, is taken over', () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE), `${process.pid}\n`);
    const { lock, notices } = take(dir);
    try {
      assert.equal(recorded(dir).pid, process.pid);
      assert.equal(notices.length, 1);
    } finally {
      lock.release();
    }
  });

  describe('another live process', () => {
    const children: ChildProcess[] = [];
    after(() => {
      for (const c of children) c.kill('SIGKILL');
    });

    /** A live process of its own (a Node child that idles until killed). */
    async function idleChild(
      code = 'setInterval(() => {}, 1000); process.stdout.write("ready\\n");',
    ): Promise<ChildProcess> {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--conditions=opengar-source', '--input-type=module', '-e', code],
        {
          cwd: fileURLToPath(new URL('../..', import.meta.url)),
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      children.push(child);
      await once(child.stdout!, 'data');
      return child;
    }

    test('a real live holder blocks', async () => {
      const dir = freshDir();
      const module = new URL('../../src/node/stores.ts', import.meta.url).href;
      const child = await idleChild(
        `const m = await import(${JSON.stringify(module)}); m.lockDataDir(${JSON.stringify(dir)}); setInterval(() => {}, 1000); process.stdout.write("ready\\n");`,
      );
      assert.equal(recorded(dir).pid, child.pid);
      assertLocked(() => lockDataDir(dir, { notice: () => assert.fail('no take-over') }));
      assert.equal(recorded(dir).pid, child.pid);
    });

    test('a live pid of another run (its start time differs) is stale and taken over', {
      skip: !onLinux && 'needs /proc',
    }, async () => {
      const dir = freshDir();
      const child = await idleChild();
      writeFileSync(join(dir, LOCK_FILE), `${child.pid}\n${JSON.stringify({ startTime: '1' })}\n`);
      const { lock, notices } = take(dir);
      try {
        assert.equal(recorded(dir).pid, process.pid);
        assert.match(notices[0] ?? '', new RegExp(`process ${child.pid} is alive`));
      } finally {
        lock.release();
      }
    });

    test('an older pid-only lock of a live process still blocks (nothing to compare)', async () => {
      const dir = freshDir();
      const child = await idleChild();
      writeFileSync(join(dir, LOCK_FILE), `${child.pid}\n`);
      assertLocked(() => lockDataDir(dir, { notice: () => assert.fail('no take-over') }));
    });
  });
});
