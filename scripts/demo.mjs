// `npm run demo`: the whole GAR flow on loopback. Starts the reference service on the embedded durable store with the
// demo data (kept between runs; --reset starts afresh), the example resource provider, the example ENT portal and a
// local mail view, then prints the URLs and the demo users. Ctrl-C stops everything.
//   npm run demo -- [--reset] [--tour] [--port-base N] [--data-dir DIR] [--quiet] [--log-level LEVEL]
// Ports: service 4000, portal 4200, resource provider 4100, mail view 4300, SMTP 2525; with --port-base N, five
// consecutive ports from N (service N, portal N+1, provider N+2, mail view N+3, SMTP N+4).
// --data-dir DIR keeps the data elsewhere than .opengar-data/demo; --quiet does not relay the children's output (their
// errors still show); --log-level (info, warn, error, silent; default warn) sets the service's log lines.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib.mjs';
import { bundledEntry } from './demo-bundle.mjs';
import { buildDemoTemplate, copyDemoTemplate, demoTemplateDir, isFreshDataDir } from './demo-template.mjs';

const args = process.argv.slice(2);
const USAGE = `Usage: npm run demo -- [--reset] [--tour] [--port-base N] [--data-dir DIR] [--quiet] [--log-level LEVEL]
  --port-base N      five consecutive ports from N: service N, portal N+1, provider N+2, mail view N+3, SMTP N+4
                     (default: service 4000, portal 4200, provider 4100, mail view 4300, SMTP 2525)
  --data-dir DIR     keep the data in DIR instead of .opengar-data/demo
  --reset            start afresh (deletes the data directory first)
  --tour             run the core tour instead of the servers
  --quiet            do not relay the children's output (their errors still show)
  --log-level LEVEL  the service's log lines: info, warn, error, silent (default warn)`;
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const FLAGS = new Set(['--reset', '--tour', '--quiet']);
const VALUED = new Set(['--port-base', '--data-dir', '--log-level']);
for (let i = 0; i < args.length; i++) {
  if (VALUED.has(args[i])) i++;
  else if (!FLAGS.has(args[i])) {
    // An unknown flag would otherwise start the demo on the default ports, which may not be what was asked.
    console.error(`opengar demo: unknown option ${JSON.stringify(args[i])}.\n${USAGE}`);
    process.exit(2);
  }
}
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
/** When each part answered, in seconds from the demo's start (printed with OPENGAR_DEMO_TIMING=1). */
const readyAt = {};
const demoStartedAt = Date.now();
const node = process.execPath;
const tsx = ['--import', 'tsx', '--conditions=opengar-source'];

if (args.includes('--tour')) {
  const child = spawn(node, [...tsx, join(root, 'examples', 'core-tour', 'tour.ts')], { stdio: 'inherit', cwd: root });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await runDemo();
}

/** The demo users (key, person id, name, role), read from the server's source as the portal does (while the rest starts). */
async function demoUsers() {
  try {
    const m = await import(pathToFileURL(await bundledEntry('packages/server/src/seed/demo-users.ts')).href);
    return m.DEMO_USERS.map((u) => ({ personId: u.personId, name: u.name, role: u.role, entId: u.entId }));
  } catch {
    return [];
  }
}

/**
 * How to start one of the example programs: bundled once into plain JavaScript (see demo-bundle.mjs), else (no
 * esbuild, a bundling error) through tsx as before.
 */
async function exampleArgv(entry) {
  try {
    return [await bundledEntry(entry)];
  } catch (error) {
    if (!quiet)
      console.log(`opengar demo: running ${entry} through tsx (${error instanceof Error ? error.message : error})`);
    return [...tsx, join(root, entry)];
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
      if (r.ok) {
        readyAt[name] = (Date.now() - demoStartedAt) / 1000;
        if (process.env.OPENGAR_DEMO_TIMING)
          console.log(`opengar demo: ${name} ready at ${readyAt[name].toFixed(1)} s`);
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
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
  let readyIn = 0;
  let usersRead = Promise.resolve([]);
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
    // The four processes start together (none needs another to start: the portal and the provider reach the service
    // only when a browser asks); the demo is running once each answers. The portal bundles the elements as it starts,
    // so the first médiacentre page finds its script ready. The three example programs run as plain JavaScript bundled
    // once (demo-bundle.mjs), not through tsx: on a 2-core machine the four starts share the CPU.
    const startedAt = Date.now();
    usersRead = demoUsers();
    if (!quiet)
      console.log(
        'opengar demo: starting the service on the embedded store (the first start seeds the demo data and says how far it is)…',
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
    // The service, the longest to start, starts first: on kept data, or on a fresh folder copied from the template.
    // Without a template, it is made below (the service seeds a working folder) while the rest starts.
    const template = isFreshDataDir(dataDir) ? demoTemplateDir(ports) : undefined;
    const copied = template !== undefined && copyDemoTemplate(template, dataDir);
    if (copied && !quiet) console.log('opengar demo: fresh demo data copied from the demo database template.');
    let svc = template === undefined || copied ? start('service', serveArgs) : undefined;
    const [mailJs, providerJs, portalJs] = await Promise.all(
      [
        'examples/mail-view/src/main.ts',
        'examples/resource-provider/src/demo.ts',
        'examples/ent-portal/src/main.ts',
      ].map(exampleArgv),
    );
    const mail = start('mail', [...mailJs, '--smtp-port', String(ports.smtp), '--http-port', String(ports.mail)]);
    const provider = start('provider', [...providerJs, '--port', String(ports.provider), '--issuer', service]);
    const portal = start('portal', [
      ...portalJs,
      '--port',
      String(ports.portal),
      '--service',
      service,
      '--support-url',
      '/assistance',
      '--prebuild',
    ]);
    // A fresh data directory is a copy of the demo's template, made once per version of the server by a first start.
    if (template !== undefined && !copied) {
      if (!quiet) console.log('opengar demo: making the demo database once for this version of the server…');
      await buildDemoTemplate(template, async (work) => {
        const first = start(
          'service',
          serveArgs.map((a) => (a === dataDir ? work : a)),
        );
        await waitFor(`${service}/readyz`, 'the service', first, 300_000);
        first.kill('SIGTERM');
        await new Promise((r) => (first.exitCode !== null ? r(undefined) : first.once('exit', r)));
        if (first.exitCode !== 0 && first.exitCode !== 143)
          throw new Error(`the service did not stop cleanly (exit code ${first.exitCode})`);
      });
      copyDemoTemplate(template, dataDir);
    }
    svc ??= start('service', serveArgs);
    await Promise.all([
      waitFor(`http://127.0.0.1:${ports.mail}/api/messages`, 'the mail view', mail),
      waitFor(`${service}/readyz`, 'the service', svc, 180_000),
      waitFor(`http://127.0.0.1:${ports.provider}/healthz`, 'the resource provider', provider),
      // The elements' script answers once bundled: the portal's first médiacentre does not wait for it.
      waitFor(`${portalUrl}/assets/opengar-elements.min.js`, 'the ENT portal', portal),
    ]);
    readyIn = (Date.now() - startedAt) / 1000;
  } catch (error) {
    console.error(`opengar demo: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
    return;
  }
  const users = (await usersRead).map((u) => `  ${u.personId.padEnd(11)} ${u.name.padEnd(19)} ${u.role}`).join('\n');
  console.log(`
opengar demo is running (ready in ${readyIn.toFixed(1)} s; Ctrl-C stops it):
  ENT portal          http://127.0.0.1:${ports.portal}   ← start here: sign in as a demo user
  allocation console  http://127.0.0.1:${ports.portal}/console
  GAR service         ${service}   (API reference: ${service}/docs)
  resource provider   http://127.0.0.1:${ports.provider}
  mail view           http://127.0.0.1:${ports.mail}   (notification e-mails)

Demo users (ENT-DEMO; choose one in the portal's "Connecté en tant que" list):
${users}
Data is kept in ${dataDir} between runs; \`npm run demo -- --reset\` starts afresh. Service logs: --log-level ${logLevel}.`);
}
