#!/usr/bin/env node
// A private, throw-away PostgreSQL cluster on loopback, for tests, CI and trying the PostgreSQL store by hand.
//
//   node scripts/pg-cluster.mjs start [--dir D] [--port P]   initdb + start, prints DATABASE_URL=…
//   node scripts/pg-cluster.mjs stop  [--dir D]              stops it and deletes its files
//
// It uses the server binaries of the machine (Debian's `postgresql` package: /usr/lib/postgresql/<v>/bin, or
// OPENGAR_PG_BIN). Authentication is `trust` and the server listens on 127.0.0.1 only: never use it for real data.
// As root, initdb and postgres refuse to run, so they run as the `postgres` system user on a directory it owns.
// The test helper (packages/server/test/helpers/postgres.ts) imports these functions.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_STATE_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)), '.tmp', 'pg-cluster');

/** The directory of the PostgreSQL server binaries, or `undefined` when none is installed. */
export function findPgBin(env = process.env) {
  const candidates = [];
  if (env.OPENGAR_PG_BIN) candidates.push(env.OPENGAR_PG_BIN);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(base, v, 'bin')));
  }
  const probe = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (probe.status === 0) candidates.push(probe.stdout.trim());
  return candidates.find((dir) => existsSync(join(dir, 'postgres')) && existsSync(join(dir, 'initdb')));
}

/** The uid and gid of the `postgres` system user, when we are root and must drop to it. */
function systemUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function runPg(cluster, tool, args) {
  const exe = join(cluster.bin, tool);
  const [cmd, argv] = cluster.user ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) {
    const log = existsSync(cluster.logFile) ? readFileSync(cluster.logFile, 'utf8').slice(-2000) : '';
    throw new Error(
      `${tool} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || r.error?.message || '').trim()}\n${log}`,
    );
  }
  return r.stdout;
}

/**
 * Creates and starts a cluster in a new directory (under the system temp dir unless `dir` is given); resolves to its
 * description: `{ dir, port, url(database) }`. About a second.
 */
export async function startCluster({ dir, port } = {}) {
  const bin = findPgBin();
  if (!bin) throw new Error('no PostgreSQL server binaries (install the postgresql package, or set OPENGAR_PG_BIN)');
  const user = systemUser();
  const root = dir ? resolve(dir) : mkdtempSync(join(tmpdir(), 'opengar-pg-'));
  mkdirSync(root, { recursive: true });
  if (user) chownSync(root, user.uid, user.gid);
  const chosenPort = port ?? (await freePort());
  const cluster = {
    bin,
    user,
    dir: root,
    dataDir: join(root, 'data'),
    logFile: join(root, 'postgres.log'),
    port: chosenPort,
  };
  runPg(cluster, 'initdb', [
    '-D',
    cluster.dataDir,
    '--auth=trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  runPg(cluster, 'pg_ctl', [
    'start',
    '-w',
    '-D',
    cluster.dataDir,
    '-l',
    cluster.logFile,
    '-o',
    `-k ${root} -h 127.0.0.1 -p ${chosenPort} -c max_connections=200 -c fsync=off`,
  ]);
  writeFileSync(join(root, 'cluster.json'), JSON.stringify({ port: chosenPort }));
  return describe(cluster);
}

function describe(cluster) {
  return {
    dir: cluster.dir,
    port: cluster.port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${cluster.port}/${database}`,
    createDatabase: (name, template) =>
      runPg(cluster, 'createdb', [
        '-h',
        '127.0.0.1',
        '-p',
        String(cluster.port),
        '-U',
        'postgres',
        ...(template ? ['-T', template] : []),
        name,
      ]),
    stop: () => stopCluster(cluster.dir),
  };
}

/**
 * A streaming replica (hot standby) of a running cluster started by {@link startCluster}: `pg_basebackup -R` from the
 * primary's port into a new directory, then started on its own port, read-only. Resolves to `{ dir, port, url(db),
 * stop() }`. For the tests of reads sent to a replica; trust authentication, loopback only, like the primary.
 */
export async function startStandby({ primaryPort, dir } = {}) {
  const bin = findPgBin();
  if (!bin) throw new Error('no PostgreSQL server binaries (install the postgresql package, or set OPENGAR_PG_BIN)');
  const user = systemUser();
  const root = dir ? resolve(dir) : mkdtempSync(join(tmpdir(), 'opengar-pg-standby-'));
  mkdirSync(root, { recursive: true });
  if (user) chownSync(root, user.uid, user.gid);
  const port = await freePort();
  const cluster = { bin, user, dir: root, dataDir: join(root, 'data'), logFile: join(root, 'postgres.log'), port };
  runPg(cluster, 'pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    'postgres',
    '-D',
    cluster.dataDir,
    '-R',
    '-X',
    'stream',
    '--no-sync',
    // An immediate checkpoint: the default (spread) one made the copy wait a minute or more for nothing.
    '--checkpoint=fast',
  ]);
  runPg(cluster, 'pg_ctl', [
    'start',
    '-w',
    '-D',
    cluster.dataDir,
    '-l',
    cluster.logFile,
    '-o',
    `-k ${root} -h 127.0.0.1 -p ${port} -c max_connections=200 -c hot_standby=on`,
  ]);
  writeFileSync(join(root, 'cluster.json'), JSON.stringify({ port }));
  return describe(cluster);
}

/** Stops the cluster of `dir` (at once: it is throw-away) and deletes its files. */
export function stopCluster(dir) {
  const root = resolve(dir);
  const dataDir = join(root, 'data');
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    const bin = findPgBin();
    if (bin) {
      const cluster = { bin, user: systemUser(), dir: root, dataDir, logFile: join(root, 'postgres.log'), port: 0 };
      runPg(cluster, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
    }
  }
  rmSync(root, { recursive: true, force: true });
}

function option(args, name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args) {
  const [command] = args;
  const dir = option(args, '--dir') ?? DEFAULT_STATE_DIR;
  if (command === 'start') {
    if (existsSync(join(dir, 'data', 'postmaster.pid'))) {
      const { port } = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8'));
      console.error(`pg-cluster: already running in ${dir}`);
      console.log(`DATABASE_URL=postgres://postgres@127.0.0.1:${port}/opengar`);
      return;
    }
    rmSync(dir, { recursive: true, force: true });
    const portOption = option(args, '--port');
    const cluster = await startCluster({ dir, port: portOption ? Number(portOption) : undefined });
    cluster.createDatabase('opengar');
    console.error(`pg-cluster: PostgreSQL running in ${cluster.dir} (stop it with: node scripts/pg-cluster.mjs stop)`);
    console.log(`DATABASE_URL=${cluster.url('opengar')}`);
  } else if (command === 'stop') {
    stopCluster(dir);
    console.error(`pg-cluster: stopped and removed ${dir}`);
  } else {
    console.error('usage: node scripts/pg-cluster.mjs start|stop [--dir D] [--port P]');
    process.exit(2);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`pg-cluster: ${error.message}`);
    process.exit(1);
  });
}
