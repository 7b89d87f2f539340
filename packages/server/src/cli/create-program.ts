import { Command } from 'commander';
import { keysCommand, migrateCommand, operatorCommand, seedCommand } from './admin-commands.js';
import { serveCommand } from './serve-command.js';
import { importFeedCommand } from './import-feed-command.js';
import { rolloverCommand } from './rollover-command.js';
import { conformanceCommand } from './conformance-command.js';

/** Where the CLI writes: results to `out`, problems to `err`. */
export interface ProgramIo {
  out: (line: string) => void;
  err: (text: string) => void;
  /** Throw a `CommanderError` instead of exiting the process on bad flags and after `--help` (for embedding and tests). */
  exitOverride?: boolean;
}

/**
 * The `opengar` command line: `serve`, `migrate`, `seed demo`, `keys rotate`, `operator create`, each with `--help`.
 *
 * @example
 * ```ts
 * await createProgram().parseAsync(['node', 'opengar', 'operator', 'create', '--store', 'memory']);
 * ```
 */
export function createProgram(
  io: ProgramIo = { out: (l) => process.stdout.write(`${l}\n`), err: (t) => process.stderr.write(t) },
): Command {
  const program = new Command('opengar')
    .description('The reference GAR service: serve it, migrate and seed its store, rotate its keys, create operators.')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (t) => io.out(t.replace(/\n$/, '')), writeErr: io.err })
    .enablePositionalOptions();
  for (const cmd of [
    serveCommand(io.out),
    migrateCommand(io.out),
    seedCommand(io.out),
    keysCommand(io.out),
    operatorCommand(io.out),
    importFeedCommand(io.out),
    rolloverCommand(io.out),
    conformanceCommand(io.out, io.err),
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
