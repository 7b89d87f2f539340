import { pathToFileURL } from 'node:url';
import { CommanderError } from 'commander';
import { createProgram } from './create-program.js';
import { EXIT_CODES } from './exit-codes.js';
import { toCliError } from './to-cli-error.js';

/**
 * Runs the `opengar` CLI with `argv` (as `process.argv`); sets `process.exitCode` by {@link EXIT_CODES} and prints
 * a failure in one line on stderr (never a stack trace, never a credential). A bad command or flag exits 2 after
 * commander's own message; `--help` and `--version` exit 0.
 *
 * @example
 * ```ts
 * await main(['node', 'opengar', 'migrate', '--store', './.opengar-data']);
 * ```
 */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  try {
    await createProgram({
      out: (l) => process.stdout.write(`${l}\n`),
      err: (t) => process.stderr.write(t),
      exitOverride: true,
    }).parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has printed its message (or the help, or the version) already.
      process.exitCode = e.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
      return;
    }
    const error = toCliError(e);
    process.stderr.write(`opengar: ${error.message}\n`);
    process.exitCode = error.exitCode;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
