import { Command } from 'commander';
import { createKeyManager } from '../keys/create-key-manager.js';
import { readKek } from '../node/secrets.js';
import { SecretsError } from '../node/secrets.js';
import { seedDemo, type SeedProgress } from '../seed/seed-demo.js';
import { randomId, randomSecret, sha256Hex } from '../kernel/crypto.js';
import type { Store } from '../store/types.js';
import { CliError } from './cli-error.js';
import { commandIo, progressFor, type CommandIo } from './cli-io.js';
import { openCliStore } from './open-cli-store.js';
import { parseInstant, parseProviderUrl, storeOption } from './options.js';
import { describeStore, resolveOneShotStoreSpec, type StoreSpec } from './store-spec.js';

type Io = ((line: string) => void) | CommandIo;

/** Opens the store a one-shot command names (`memory` refused), runs `fn`, closes the store. */
export async function withStore<T>(
  flag: string | undefined,
  fn: (store: Store, spec: StoreSpec) => Promise<T>,
): Promise<T> {
  const spec = resolveOneShotStoreSpec(flag);
  const store = await openCliStore(spec);
  try {
    return await fn(store, spec);
  } finally {
    await store.close();
  }
}

/** `opengar migrate`: applies pending schema migrations. */
export function migrateCommand(io: Io): Command {
  const { out } = commandIo(io);
  return new Command('migrate')
    .description('Apply pending schema migrations to the store (idempotent).')
    .addOption(storeOption())
    .action(async (flags: { store?: string }) => {
      await withStore(flags.store, async (_store, spec) => out(`Migrations applied to the ${describeStore(spec)}.`));
    });
}

/** `opengar seed demo`: writes the demo data (idempotent). */
export function seedCommand(io: Io): Command {
  const cio = commandIo(io);
  const { out } = cio;
  const seed = new Command('seed').description('Seed data into the store.');
  seed
    .command('demo')
    .description(
      'Seed the demo data set: an ENT, a collège, a lycée, ~1,500 pupils, publishers, resources, subscriptions (idempotent; demo only).',
    )
    .addOption(storeOption())
    .option(
      '--provider-url <url>',
      'base URL of the example resource provider',
      parseProviderUrl,
      'http://127.0.0.1:4100',
    )
    .option(
      '--reference-date <iso>',
      'the demo\'s "now" for validity windows (default: the current time)',
      parseInstant,
    )
    .action(async (flags: { store?: string; providerUrl: string; referenceDate?: string }) => {
      await withStore(flags.store, async (store, spec) => {
        const progress = progressFor(cio, 'seed', true);
        const r = await seedDemo(store, {
          providerBaseUrl: flags.providerUrl,
          referenceDate: flags.referenceDate ?? new Date().toISOString(),
          ...(progress ? { onProgress: (p) => progress.update(seedProgressText(p)) } : {}),
        }).finally(() => progress?.done());
        out(
          r.alreadySeeded
            ? `Demo data already present in the ${describeStore(spec)}.`
            : `Demo data seeded into the ${describeStore(spec)}: ${r.subscriptions} subscriptions, ${r.allocations} allocations, ${r.copies} licence copies. Credentials: docs/demo-data.md (demo only).`,
        );
      });
    });
  return seed;
}

/** `opengar keys rotate`: publishes the next signing keys now. */
export function keysCommand(io: Io): Command {
  const { out } = commandIo(io);
  const keys = new Command('keys').description('Manage the token-signing keys.');
  keys
    .command('rotate')
    .description(
      'Rotate the signing keys: the next keys are published at once and sign after one day (pre-publication), or at once with --immediate; the old keys stay published until their last tokens expired.',
    )
    .addOption(storeOption())
    .option('--immediate', 'the new keys sign at once (after a suspected compromise)', false)
    .action(async (flags: { store?: string; immediate: boolean }) => {
      const spec = resolveOneShotStoreSpec(flags.store);
      let kek: string;
      try {
        kek = await readKek({ ...(spec.kind === 'pglite' ? { dataDir: spec.dir } : {}) });
      } catch (e) {
        throw e instanceof SecretsError ? new CliError('secrets', e.message, { cause: e }) : e;
      }
      await withStore(flags.store, async (store) => {
        const made = await createKeyManager({ store, kek }).rotate({ immediate: flags.immediate });
        for (const k of made) out(`${k.alg} key ${k.kid} published; signs from ${k.activatesAt}.`);
      });
    });
  return keys;
}

/** `opengar operator create`: a new operator credential, its secret printed once. */
export function operatorCommand(io: Io): Command {
  const { out } = commandIo(io);
  const operator = new Command('operator').description('Manage operator credentials.');
  operator
    .command('create')
    .description('Create an operator credential; the secret is printed once and only its hash is stored.')
    .addOption(storeOption())
    .option('--label <label>', 'who or what the credential is for', 'operator')
    .action(async (flags: { store?: string; label: string }) => {
      const label = flags.label.trim();
      if (label.length === 0 || label.length > 255) throw new CliError('usage', '--label must be 1 to 255 characters');
      await withStore(flags.store, async (store) => {
        const secret = randomSecret('ogo_');
        const id = randomId();
        await store.putOperator({
          id,
          label,
          secretHash: await sha256Hex(secret),
          createdAt: new Date().toISOString(),
        });
        out(`Operator ${id} (${label}) created. Its secret, shown this once:`);
        out(secret);
      });
    });
  return operator;
}

/** A seed step in words: `registry`, `school 1 of 2`, `subscription 12 of 40`, `usage statistics`. */
export function seedProgressText(p: SeedProgress): string {
  return p.total > 1 ? `${p.step} ${p.done} of ${p.total}` : p.step;
}
