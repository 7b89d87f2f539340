// `npm run demo`: the whole GAR flow on loopback. Starts the reference service on the embedded durable store with the
// demo data (kept between runs; --reset starts afresh), the example resource provider, the example ENT portal and a
// local mail view, then prints the URLs and the demo users. Ctrl-C stops everything.
//   npm run demo -- [--reset] [--tour] [--port-base N] [--data-dir DIR] [--quiet]
// --port-base N shifts every port by N (service 4000+N, provider 4100+N, portal 4200+N, mail 4300+N, SMTP 2525+N);
// --data-dir DIR keeps the data elsewhere than .opengar-data/demo; --quiet does not relay the children's output.
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
const portBase = Number(option('--port-base') ?? 0);
if (!Number.isInteger(portBase) || portBase < 0 || portBase > 60_000) {
  console.error('opengar demo: --port-base must be an integer between 0 and 60000.');
  process.exit(1);
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

/** Whether `opengar serve` knows a flag (notifications came with a later capability than the service). */
function serveSupports(flag) {
  const r = spawnSync(node, [join(root, 'packages', 'server', 'bin', 'opengar.mjs'), 'serve', '--help'], {
    cwd: root,
    encoding: 'utf8',
  });
  return (r.stdout ?? '').includes(flag);
}

/** Adds `origin` to the demo ENT's registered origins (operator API). */
async function registerPortalOrigin(service, secret, origin) {
  const url = `${service}/api/v1/admin/ents/ENT-DEMO`;
  const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
  const got = await fetch(url, { headers });
  if (!got.ok) throw new Error(`could not read the demo ENT (${got.status}): ${await got.text()}`);
  const ent = await got.json();
  if (ent.origins.includes(origin)) return;
  const put = await fetch(url, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ ...ent, origins: [...ent.origins, origin] }),
  });
  if (!put.ok) throw new Error(`could not register the portal's origin ${origin} (${put.status}): ${await put.text()}`);
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
  const ports = {
    service: 4000 + portBase,
    provider: 4100 + portBase,
    portal: 4200 + portBase,
    mail: 4300 + portBase,
    smtp: 2525 + portBase,
  };
  const busy = [];
  for (const [name, port] of Object.entries(ports)) if (!(await portFree(port))) busy.push(`${port} (${name})`);
  if (busy.length) {
    console.error(
      `opengar demo: port ${busy.join(', ')} already in use on 127.0.0.1. Stop what uses it (another demo?) and try again.`,
    );
    process.exit(1);
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
    // The demo ENT is registered with the origin http://127.0.0.1:4200; a portal on a shifted port needs its own
    // origin registered too (CORS and the hand-off check it), through the operator API with a credential made here.
    const opengarBin = join(root, 'packages', 'server', 'bin', 'opengar.mjs');
    let operatorSecret;
    if (ports.portal !== 4200) {
      const r = spawnSync(node, [opengarBin, 'operator', 'create', '--store', dataDir, '--label', 'demo port base'], {
        cwd: root,
        encoding: 'utf8',
      });
      operatorSecret = /\b(ogo_\S+)/.exec(r.stdout ?? '')?.[1];
      if (!operatorSecret) throw new Error(`could not create an operator credential: ${r.stderr || r.stdout}`);
    }
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
      ...(serveSupports('--smtp-url')
        ? ['--smtp-url', `smtp://127.0.0.1:${ports.smtp}`, '--mail-mode', 'immediate']
        : []),
    ];
    const svc = start('service', serveArgs);
    await waitFor(`${service}/readyz`, 'the service', svc, 180_000);
    if (operatorSecret) await registerPortalOrigin(service, operatorSecret, `http://127.0.0.1:${ports.portal}`);
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
    ]);
    await waitFor(`http://127.0.0.1:${ports.provider}/healthz`, 'the resource provider', provider);
    await waitFor(`http://127.0.0.1:${ports.portal}/`, 'the ENT portal', portal);
  } catch (error) {
    console.error(`opengar demo: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
    return;
  }
  console.log(`
opengar demo is running (Ctrl-C stops it):
  ENT portal          http://127.0.0.1:${ports.portal}   ← start here: log in as a demo user
  GAR service         ${service}   (API reference: ${service}/docs)
  resource provider   http://127.0.0.1:${ports.provider}
  mail view           http://127.0.0.1:${ports.mail}   (notification e-mails)

Demo users (ENT-DEMO): eleve-0001 Emma Le Goff (pupil, collège) · eleve-1001 Lucas Tanguy (pupil, lycée) ·
ens-001 Nathalie Rousseau (teacher at both schools) · doc-001 Hélène Tanguy (librarian) ·
dir-001 Philippe Guillou (head of the collège, allocation manager) · ens-002 Yann Le Floch (delegate).
Data is kept in ${dataDir} between runs; \`npm run demo -- --reset\` starts afresh.`);
}
