import { pathToFileURL } from 'node:url';
import { CliError } from './cli-error.js';
import { createProgram } from './create-program.js';

/**
 * Runs the `opengar` CLI with `argv` (as `process.argv`); sets `process.exitCode` on failure and prints one line
 * (never a stack trace, never a credential).
 *
 * @example
 * ```ts
 * await main(['node', 'opengar', 'migrate', '--store', './.opengar-data']);
 * ```
 */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  try {
    await createProgram().parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`opengar: ${e.message}\n`);
      process.exitCode = e.exitCode;
      return;
    }
    process.stderr.write(
      `opengar: unexpected ${e instanceof Error ? e.name : 'error'}${e instanceof Error && e.message && !/:\/\/[^/\s]*@/.test(e.message) ? `: ${e.message}` : ''}\n`,
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
