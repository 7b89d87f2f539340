// The demo's database template: a data directory the service seeded once and closed cleanly, copied into each fresh
// demo data directory (a first start, --reset, the end-to-end tests' own folders), so that only the first fresh start
// after a change of the server pays for creating the database and seeding it. Kept under .opengar-data/demo-templates/,
// one per version of the server's source and per port base (the demo ENT's origins and the provider's URLs name the
// ports); a changed source makes a new one, and so does a new day (the demo's dates are relative to its seeding). The template carries the demo's generated secrets and signing keys: every
// demo copied from it shares them (demo only, loopback only, as the demo's credentials are public).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findFiles, root } from './lib.mjs';

const TEMPLATES = join(root, '.opengar-data', 'demo-templates');

/** The template folder for the server's current source and these ports (it may not exist yet). */
export function demoTemplateDir(ports) {
  const hash = createHash('sha256');
  const server = join(root, 'packages', 'server');
  for (const file of [join(server, 'package.json'), ...findFiles(join(server, 'src'), (n) => n.endsWith('.ts'))]) {
    hash.update(file.slice(server.length));
    hash.update(readFileSync(file));
  }
  const source = hash.digest('hex').slice(0, 12);
  const where = createHash('sha256').update(JSON.stringify(ports)).digest('hex').slice(0, 8);
  return join(TEMPLATES, `${source}-${where}`);
}

/** Whether a demo data directory holds no database yet (missing, or empty). */
export function isFreshDataDir(dataDir) {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

/** A template older than this is made again: the demo's dates (ending soon, expired) follow the day it was seeded. */
const TEMPLATE_MAX_AGE_MS = 24 * 3600 * 1000;

/** Copies the template into a fresh data directory; returns false when there is no template (or only a stale one). */
export function copyDemoTemplate(template, dataDir) {
  if (!existsSync(join(template, 'pglite'))) return false;
  if (Date.now() - statSync(template).mtimeMs > TEMPLATE_MAX_AGE_MS) {
    rmSync(template, { recursive: true, force: true });
    return false;
  }
  mkdirSync(dataDir, { recursive: true });
  cpSync(template, dataDir, { recursive: true, filter: (src) => !src.endsWith('opengar.lock') });
  return true;
}

/**
 * Makes the template: `seed(dir)` starts the service on a working folder and resolves once it is seeded, ready and
 * stopped again; the folder then becomes the template (another start that made it first wins; old ones are removed).
 */
export async function buildDemoTemplate(template, seed) {
  mkdirSync(TEMPLATES, { recursive: true });
  const work = `${template}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  try {
    await seed(work);
    if (existsSync(template)) return;
    renameSync(work, template);
    // Templates of an older source go; those of other ports (another demo, the end-to-end tests) stay.
    const source = basename(template).split('-')[0];
    for (const name of readdirSync(TEMPLATES)) {
      if (!name.startsWith(`${source}-`) && !name.endsWith('.tmp'))
        rmSync(join(TEMPLATES, name), { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
