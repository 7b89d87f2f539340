import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { keysCommand, migrateCommand, operatorCommand, seedCommand } from './admin-commands.js';
import type { CommandIo } from './cli-io.js';
import { entCommand } from './ent-command.js';
import { serveCommand } from './serve-command.js';
import { importFeedCommand } from './import-feed-command.js';
import { rolloverCommand } from './rollover-command.js';
import { conformanceCommand } from './conformance-command.js';
import { paperworkCommand, personCommand } from './privacy-commands.js';

/** Where the CLI writes: results to `out`, problems to `err`. */
export interface ProgramIo {
  out: (line: string) => void;
  err: (text: string) => void;
  /** Throw a `CommanderError` instead of exiting the process on bad flags and after `--help` (for embedding and tests). */
  exitOverride?: boolean;
  /** Whether stderr is a terminal (progress bar) or not (progress lines); default `process.stderr.isTTY`. */
  isTTY?: boolean;
  /** Least time between two progress lines when not on a terminal, in ms (default 3,000). */
  progressIntervalMs?: number;
}

/** The version of `@opengar/server`, read from its package.json (`src/cli` and `dist/cli` are both two levels down). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * The `opengar` command line: `serve`, `migrate`, `seed demo`, `keys rotate`, `operator create`, `ent add|update|list`,
 * `import-feed`, `rollover`, each with `--help`; `--version`.
 *
 * @example
 * ```ts
 * await createProgram().parseAsync(['node', 'opengar', 'operator', 'create', '--store', './.opengar-data']);
 * ```
 */
export function createProgram(
  io: ProgramIo = { out: (l) => process.stdout.write(`${l}\n`), err: (t) => process.stderr.write(t) },
): Command {
  const commandIo: CommandIo = {
    out: io.out,
    err: (line) => io.err(`${line}\n`),
    ...(io.isTTY === undefined ? {} : { isTTY: io.isTTY }),
    ...(io.progressIntervalMs === undefined ? {} : { progressIntervalMs: io.progressIntervalMs }),
  };
  const program = new Command('opengar')
    .description(
      'The reference GAR service: serve it, migrate and seed its store, register ENTs, import feeds, roll years over, rotate its keys, create operators.',
    )
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (t) => io.out(t.replace(/\n$/, '')), writeErr: io.err })
    .enablePositionalOptions()
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 failure, 2 usage (bad command or flag), 3 input (a file missing, unreadable or malformed), 4 refused (by a rule or the current state), 5 unavailable (store, database or port).',
    );
  for (const cmd of [
    serveCommand(commandIo),
    migrateCommand(commandIo),
    seedCommand(commandIo),
    keysCommand(commandIo),
    operatorCommand(commandIo),
    entCommand(commandIo),
    importFeedCommand(commandIo),
    rolloverCommand(commandIo),
    conformanceCommand(io.out, io.err),
    personCommand(commandIo),
    paperworkCommand(commandIo),
  ]) {
    program.addCommand(cmd);
  }
  const configure = (cmd: Command): void => {
    cmd
      .showHelpAfterError('(add --help for usage)')
      .configureOutput({ writeOut: (t) => io.out(t.replace(/\n$/, '')), writeErr: io.err });
    if (io.exitOverride) cmd.exitOverride();
    for (const sub of cmd.commands) configure(sub);
  };
  for (const cmd of program.commands) configure(cmd);
  if (io.exitOverride) program.exitOverride();
  return program;
}
