// `npm run demo`: the whole GAR flow on loopback. Starts the reference service on the embedded durable store with the
// demo data (kept between runs; --reset starts afresh), the example resource provider, the example ENT portal and a
// local mail view, then prints the URLs and the demo users. Ctrl-C stops everything.
//   npm run demo -- [--reset] [--tour] [--port-base N] [--data-dir DIR] [--quiet] [--log-level LEVEL]
// Ports: service 4000, portal 4200, resource provider 4100, mail view 4300, SMTP 2525; with --port-base N, five
// consecutive ports from N (service N, portal N+1, provider N+2, mail view N+3, SMTP N+4).
// --data-dir DIR keeps the data elsewhere than .opengar-data/demo; --quiet does not relay the children's output (their
// errors still show); --log-level (info, warn, error, silent; default warn) sets the service's log lines.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { root } from './lib.mjs';

const args = process.argv.slice(2);
/** The value following a flag, or undefined. */
const option = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const portBaseFlag = option('--port-base');
const portBase = portBaseFlag === undefined ? undefined : Number(portBaseFlag);
if (portBase !== undefined && (!/^\d+$/.test(portBaseFlag) || portBase < 1024 || portBase > 65_531)) {
  console.error('opengar demo: --port-base must be an integer from 1024 to 65531 (five ports from it are used).');
  process.exit(2);
}
const LOG_LEVELS = ['info', 'warn', 'error', 'silent'];
const logLevel = option('--log-level') ?? 'warn';
if (!LOG_LEVELS.includes(logLevel)) {
  console.error(`opengar demo: --log-level must be one of ${LOG_LEVELS.join(', ')}.`);
  process.exit(2);
}
const quiet = args.includes('--quiet');
const node = process.execPath;
const tsx = ['--import', 'tsx', '--conditions=opengar-source'];

if (args.includes('--tour')) {
  const child = spawn(node, [...tsx, join(root, 'examples', 'core-tour', 'tour.ts')], { stdio: 'inherit', cwd: root });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await runDemo();
}

/** The demo users (key, person id, name, role), read from the server's source as the portal does. */
function demoUsers() {
  const r = spawnSync(
    node,
    [
      ...tsx,
      '--input-type=module',
      '-e',
      "const m = await import('./packages/server/src/seed/demo-users.ts'); console.log(JSON.stringify(m.DEMO_USERS.map((u) => ({ personId: u.personId, name: u.name, role: u.role, entId: u.entId }))));",
    ],
    { cwd: root, encoding: 'utf8' },
  );
  try {
    return JSON.parse(r.stdout);
  } catch {
    return [];
  }
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitFor(url, name, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} stopped during start-up (exit code ${child.exitCode}); see its output above`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs / 1000} s`);
}

async function runDemo() {
  const ports =
    portBase === undefined
      ? { service: 4000, portal: 4200, provider: 4100, mail: 4300, smtp: 2525 }
      : { service: portBase, portal: portBase + 1, provider: portBase + 2, mail: portBase + 3, smtp: portBase + 4 };
  console.log(
    `opengar demo: ports: service ${ports.service}, ENT portal ${ports.portal}, resource provider ${ports.provider}, mail view ${ports.mail}, SMTP ${ports.smtp} (127.0.0.1).`,
  );
  const busy = [];
  for (const [name, port] of Object.entries(ports)) if (!(await portFree(port))) busy.push(`${port} (${name})`);
  if (busy.length) {
    console.error(
      `opengar demo: port ${busy.join(', ')} already in use on 127.0.0.1. Stop what uses it (another demo?) or choose other ports with --port-base N.`,
    );
    process.exit(5);
  }
  const dataDir = option('--data-dir') ? resolve(option('--data-dir')) : join(root, '.opengar-data', 'demo');
  if (args.includes('--reset') && existsSync(dataDir)) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log('opengar demo: demo data reset.');
  }
  const service = `http://127.0.0.1:${ports.service}`;
  const children = [];
  const start = (name, argv) => {
    const child = spawn(node, argv, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    const prefix = `[${name}] `;
    const relay = (stream, out) => {
      let rest = '';
      stream.on('data', (d) => {
        const lines = (rest + d.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) out.write(prefix + line + '\n');
      });
    };
    if (quiet) child.stdout.resume();
    else relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    children.push({ name, child });
    return child;
  };
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nopengar demo: stopping…');
    for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(
      children.map(({ child }) => (child.exitCode !== null ? null : new Promise((r) => child.once('exit', r)))),
    );
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const mail = start('mail', [
      ...tsx,
      join(root, 'examples', 'mail-view', 'src', 'main.ts'),
      '--smtp-port',
      String(ports.smtp),
      '--http-port',
      String(ports.mail),
    ]);
    await waitFor(`http://127.0.0.1:${ports.mail}/api/messages`, 'the mail view', mail);
    if (!quiet)
      console.log(
        'opengar demo: starting the service on the embedded store (the first start seeds the demo data; it takes a little while)…',
      );
    // The demo ENT is seeded with the origin http://127.0.0.1:4200; the portal's own origin and console page are
    // given to the service (CORS and the hand-off check the origin; e-mails link to the console).
    const portalUrl = `http://127.0.0.1:${ports.portal}`;
    const opengarBin = join(root, 'packages', 'server', 'bin', 'opengar.mjs');
    const serveArgs = [
      opengarBin,
      'serve',
      '--seed',
      'demo',
      '--store',
      dataDir,
      '--port',
      String(ports.service),
      '--provider-url',
      `http://127.0.0.1:${ports.provider}`,
      '--smtp-url',
      `smtp://127.0.0.1:${ports.smtp}`,
      '--mail-mode',
      'immediate',
      '--demo-origin',
      portalUrl,
      '--demo-console-url',
      `${portalUrl}/console`,
      '--support-name',
      'Assistance GAR (démonstration)',
      '--support-email',
      'assistance-gar@example.fr',
      '--support-phone',
      '02 99 00 00 00',
      '--support-url',
      `${portalUrl}/assistance`,
      '--log-level',
      logLevel,
    ];
    const svc = start('service', serveArgs);
    await waitFor(`${service}/readyz`, 'the service', svc, 180_000);
    const provider = start('provider', [
      ...tsx,
      join(root, 'examples', 'resource-provider', 'src', 'demo.ts'),
      '--port',
      String(ports.provider),
      '--issuer',
      service,
    ]);
    const portal = start('portal', [
      ...tsx,
      join(root, 'examples', 'ent-portal', 'src', 'main.ts'),
      '--port',
      String(ports.portal),
      '--service',
      service,
      '--support-url',
      '/assistance',
    ]);
    await waitFor(`http://127.0.0.1:${ports.provider}/healthz`, 'the resource provider', provider);
    await waitFor(`http://127.0.0.1:${ports.portal}/`, 'the ENT portal', portal);
  } catch (error) {
    console.error(`opengar demo: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
    return;
  }
  const users = demoUsers()
    .map((u) => `  ${u.personId.padEnd(11)} ${u.name.padEnd(19)} ${u.role}`)
    .join('\n');
  console.log(`
opengar demo is running (Ctrl-C stops it):
  ENT portal          http://127.0.0.1:${ports.portal}   ← start here: sign in as a demo user
  allocation console  http://127.0.0.1:${ports.portal}/console
  GAR service         ${service}   (API reference: ${service}/docs)
  resource provider   http://127.0.0.1:${ports.provider}
  mail view           http://127.0.0.1:${ports.mail}   (notification e-mails)

Demo users (ENT-DEMO; choose one in the portal's "Connecté en tant que" list):
${users}
Data is kept in ${dataDir} between runs; \`npm run demo -- --reset\` starts afresh. Service logs: --log-level ${logLevel}.`);
}
