import { readFile } from 'node:fs/promises';
import { cleanJsonText, entSchema, TEXT_PROBLEM_MESSAGES, type Ent } from '@opengar/core';
import { Command } from 'commander';
import { validate } from '../kernel/context.js';
import { entIssues } from '../registry/ent-issues.js';
import { GarServiceError } from '../kernel/errors.js';
import { withStore } from './admin-commands.js';
import { CliError } from './cli-error.js';
import { commandIo, type CommandIo } from './cli-io.js';
import { storeOption } from './options.js';

/** Flags of `opengar ent add` and `ent update`. */
interface EntFlags {
  store?: string;
  id: string;
  name?: string;
  origin?: string[];
  addOrigin?: string[];
  removeOrigin?: string[];
  jwksUrl?: string;
  jwksFile?: string;
  consoleUrl?: string;
  assertionEndpoint?: string;
}

// Each field of the record by the flag that sets it, to say which flag is wrong.
const FLAG_OF: Record<string, string> = {
  id: '--id',
  name: '--name',
  origins: '--origin',
  jwksUri: '--jwks-url',
  jwks: '--jwks-file',
  consoleUrl: '--console-url',
  assertionEndpoint: '--assertion-endpoint',
  clientCertFingerprints: 'clientCertFingerprints',
};

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Validates a record as the service does (schema and ENT rules), naming the flags of what is wrong. */
function checkEnt(input: Record<string, unknown>): Ent {
  // The text rule the HTTP API applies to every body first (no control character: an escape sequence in a name
  // would reach the operator's terminal at `ent list`); strings come back NFC-normalised, as over HTTP.
  const { value, problems } = cleanJsonText(input);
  if (problems.length > 0) {
    const list = problems.map((p) => {
      const field = p.pointer.split('/')[1] ?? '';
      return `${FLAG_OF[field] ?? (p.pointer || 'the record')}: ${TEXT_PROBLEM_MESSAGES[p.code]}`;
    });
    throw new CliError('usage', `the ENT is not valid: ${list.join('; ')}`);
  }
  try {
    return validate(entSchema, value, 'ENT', entIssues);
  } catch (e) {
    if (!(e instanceof GarServiceError) || e.code !== 'validation') throw e;
    const list = e.issues.map((i) => {
      const [, field, index] = i.pointer.split('/');
      const flag = FLAG_OF[field ?? ''] ?? (i.pointer || 'the record');
      const origins = input.origins as string[] | undefined;
      const value = field === 'origins' && index !== undefined ? ` ${origins?.[Number(index)] ?? ''}` : '';
      return `${flag}${value}: ${i.message}`;
    });
    throw new CliError('usage', `the ENT is not valid: ${list.join('; ')}`, { cause: e });
  }
}

async function readJwks(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CliError('input', `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}`, {
      cause: e,
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError('input', `${file} is not JSON (a key set: { "keys": [ … ] })`, { cause: e });
  }
}

/** The record's optional URL fields from the flags: a value sets it, an empty value removes it. */
function applyUrls(record: Record<string, unknown>, flags: EntFlags): void {
  for (const [flag, field] of [
    ['jwksUrl', 'jwksUri'],
    ['consoleUrl', 'consoleUrl'],
    ['assertionEndpoint', 'assertionEndpoint'],
  ] as const) {
    const value = flags[flag];
    if (value === undefined) continue;
    if (value === '') delete record[field];
    else record[field] = value;
  }
}

function describeEnt(e: Ent): string[] {
  return [
    `${e.id}  ${e.name}`,
    `  origins             ${e.origins.length ? e.origins.join(', ') : '(none)'}`,
    `  key set             ${e.jwksUri ?? (e.jwks ? `inline, ${e.jwks.keys.length} key(s)` : '(none)')}`,
    `  console URL         ${e.consoleUrl ?? '(none)'}`,
    `  assertion endpoint  ${e.assertionEndpoint ?? '(none)'}`,
  ];
}

function entOptions(cmd: Command, add: boolean): Command {
  return cmd
    .addOption(storeOption())
    .requiredOption('--id <id>', 'the ENT id (idENT)')
    .option('--name <name>', add ? 'its display name (default: the id)' : 'its new display name')
    .option(
      '--origin <origin>',
      add ? 'a browser origin of the ENT (repeat for several)' : 'replace the origins with these (repeat)',
      collect,
    )
    .option('--jwks-url <url>', 'where the ENT publishes its public keys (https; http only on loopback)')
    .option('--jwks-file <file>', 'or its public key set, from a JSON file ({ "keys": [ … ] })')
    .option('--console-url <url>', "the ENT's allocation console (e-mails link there)")
    .option('--assertion-endpoint <url>', 'where GAR-style launch links get an assertion');
}

/**
 * `opengar ent add|update|list`: registers an ENT, changes it, lists them (from the store, as the operator API does;
 * the same rules). In `update`, a flag given empty (`--console-url ''`) removes that setting.
 *
 * @example
 * ```ts
 * await createProgram().parseAsync(['node', 'opengar', 'ent', 'add', '--id', 'ENTBRE', '--origin', 'https://ent.example', '--jwks-url', 'https://ent.example/jwks.json']);
 * ```
 */
export function entCommand(io: ((line: string) => void) | CommandIo): Command {
  const { out } = commandIo(io);
  const ent = new Command('ent').description('Register the ENTs that send users, and change their settings.');
  entOptions(ent.command('add').description('Register an ENT (refused when the id exists).'), true).action(
    async (flags: EntFlags) => {
      const record: Record<string, unknown> = {
        id: flags.id,
        name: flags.name ?? flags.id,
        origins: flags.origin ?? [],
        clientCertFingerprints: [],
      };
      applyUrls(record, flags);
      if (flags.jwksFile) record.jwks = await readJwks(flags.jwksFile);
      const checked = checkEnt(record);
      await withStore(flags.store, async (store) => {
        await store.transaction(async (tx) => {
          if (await tx.getEnt(checked.id))
            throw new CliError('conflict', `an ENT ${checked.id} exists already (use \`opengar ent update\`)`);
          await tx.putEnt(checked);
        });
      });
      out(`ENT ${checked.id} registered.`);
      for (const line of describeEnt(checked)) out(line);
    },
  );
  entOptions(ent.command('update').description('Change a registered ENT: only the settings given change.'), false)
    .option('--add-origin <origin>', 'add a browser origin (repeat)', collect)
    .option('--remove-origin <origin>', 'remove a browser origin (repeat)', collect)
    .action(async (flags: EntFlags) => {
      const jwks = flags.jwksFile ? await readJwks(flags.jwksFile) : undefined;
      const saved = await withStore(flags.store, (store) =>
        store.transaction(async (tx) => {
          const existing = await tx.getEnt(flags.id);
          if (!existing) throw new CliError('not_found', `no ENT ${flags.id} is registered (see \`opengar ent list\`)`);
          const record: Record<string, unknown> = { ...existing };
          if (flags.name !== undefined) record.name = flags.name;
          let origins = flags.origin ?? existing.origins;
          origins = [...new Set([...origins, ...(flags.addOrigin ?? [])])];
          origins = origins.filter((o) => !(flags.removeOrigin ?? []).includes(o));
          record.origins = origins;
          applyUrls(record, flags);
          if (jwks !== undefined) {
            record.jwks = jwks;
            delete record.jwksUri;
          } else if (flags.jwksUrl) delete record.jwks;
          const checked = checkEnt(record);
          await tx.putEnt(checked);
          return checked;
        }),
      );
      out(`ENT ${saved.id} updated.`);
      for (const line of describeEnt(saved)) out(line);
    });
  ent
    .command('list')
    .description('List the registered ENTs with their origins, key set, console URL and assertion endpoint.')
    .addOption(storeOption())
    .option('--json', 'as a JSON array (the records the operator API returns)', false)
    .action(async (flags: { store?: string; json: boolean }) => {
      const ents = await withStore(flags.store, (store) => store.listEnts());
      if (flags.json) out(JSON.stringify(ents, null, 2));
      else if (ents.length === 0) out('No ENT registered (add one with `opengar ent add`).');
      else for (const e of ents) for (const line of describeEnt(e)) out(line);
    });
  return ent;
}
