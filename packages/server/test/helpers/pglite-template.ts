// A migrated, empty PGlite database for tests where the store is the vehicle, not the subject: PGlite's initdb and the
// migrations take seconds (2 to 3 on an idle 2-core machine, 20 and more under load), a copy of their result a fraction
// of that. The template is built once per set of migrations and PGlite version, in .tmp/pglite-template/, and shared
// by the test processes of a run (built aside and renamed into place, so two builders never see half a template).
// Tests of opening, migrating and locking a data directory keep creating theirs from nothing.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../../src/index.js';
import { createPgliteStore } from '../../src/node/stores.js';

const SQL = fileURLToPath(new URL('../../src/store/sql/', import.meta.url));
const MIGRATIONS = join(SQL, 'migrations');
const TEMPLATES = fileURLToPath(new URL('../../../../.tmp/pglite-template/', import.meta.url));

/** What the template depends on: every migration's source, the SQL store's own (how it migrates), PGlite's version. */
function templateKey(): string {
  const hash = createHash('sha256');
  for (const dir of [MIGRATIONS, SQL])
    for (const name of readdirSync(dir).sort())
      if (name.endsWith('.ts')) hash.update(name).update(readFileSync(join(dir, name)));
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = join(pglite.slice(0, pglite.lastIndexOf('/dist/')), 'package.json');
  hash.update(JSON.parse(readFileSync(pkg, 'utf8')).version as string);
  return hash.digest('hex').slice(0, 16);
}

let template: Promise<string> | undefined;

async function buildTemplate(): Promise<string> {
  const final = join(TEMPLATES, templateKey());
  if (existsSync(join(final, 'pglite'))) return final;
  mkdirSync(TEMPLATES, { recursive: true });
  const aside = mkdtempSync(join(TEMPLATES, 'building-'));
  const store = await createPgliteStore({ dataDir: aside });
  await store.close();
  try {
    renameSync(aside, final);
  } catch {
    rmSync(aside, { recursive: true, force: true }); // another process renamed its own first
    return final;
  }
  // Templates of older migrations go (a half-built one of another process is named building-…).
  for (const name of readdirSync(TEMPLATES))
    if (join(TEMPLATES, name) !== final && !name.startsWith('building-'))
      rmSync(join(TEMPLATES, name), { recursive: true, force: true });
  return final;
}

/**
 * Opens a PGlite store in `dataDir` (which should not hold one yet) on a copy of the migrated template: the same
 * database `createPgliteStore` makes from nothing, in a fraction of the time.
 */
export async function createTestPgliteStore(dataDir: string): Promise<Store> {
  template ??= buildTemplate();
  const from = await template;
  cpSync(join(from, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  return createPgliteStore({ dataDir });
}
