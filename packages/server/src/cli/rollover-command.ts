import { Command } from 'commander';
import { createGarService } from '../create-gar-service.js';
import { createConsoleLogger } from '../kernel/logger.js';
import { openCliStore } from './open-cli-store.js';
import { storeOption } from './options.js';
import { resolveStoreSpec } from './store-spec.js';

/**
 * `opengar rollover --year 2026-2027 [--preview]`: rolls every school over to the school year that opens, one
 * transaction per school, and reports what it did; schools already rolled over are left alone.
 *
 * @example
 * ```ts
 * await createProgram().parseAsync(['node', 'opengar', 'rollover', '--year', '2026-2027']);
 * ```
 */
export function rolloverCommand(out: (line: string) => void): Command {
  return new Command('rollover')
    .description('Roll every school over to the school year that opens (archive, free, carry over; idempotent).')
    .addOption(storeOption())
    .requiredOption('--year <year>', 'the school year that opens, e.g. 2026-2027')
    .option('--preview', 'say what would be done, change nothing', false)
    .action(async (flags: { store?: string; year: string; preview: boolean }) => {
      const store = await openCliStore(resolveStoreSpec(flags.store));
      try {
        const service = createGarService({
          store,
          issuer: 'http://127.0.0.1',
          logger: createConsoleLogger(),
        });
        const outcomes = await service.rollover.all({ kind: 'system' }, flags.year, {
          preview: flags.preview,
          onSchool: (o) =>
            out(
              `${o.uai}: ${o.alreadyDone ? 'already rolled over' : o.preview ? 'would' : 'done'}: ${Object.entries(
                o.summary,
              )
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`,
            ),
        });
        out(
          `${outcomes.length} school(s); ${outcomes.filter((o) => o.alreadyDone).length} already rolled over to ${flags.year}.`,
        );
      } finally {
        await store.close();
      }
    });
}
