import { Command } from 'commander';
import { createGarService } from '../create-gar-service.js';
import { createConsoleLogger } from '../kernel/logger.js';
import { commandIo, progressFor, type CommandIo } from './cli-io.js';
import { openCliStore } from './open-cli-store.js';
import { storeOption } from './options.js';
import { resolveOneShotStoreSpec } from './store-spec.js';

/**
 * `opengar rollover --year 2026-2027 [--preview]`: rolls every school over to the school year that opens, one
 * transaction per school, and reports what it did; schools already rolled over are left alone.
 *
 * @example
 * ```ts
 * await createProgram().parseAsync(['node', 'opengar', 'rollover', '--year', '2026-2027']);
 * ```
 */
export function rolloverCommand(io: ((line: string) => void) | CommandIo): Command {
  const cio = commandIo(io);
  const { out } = cio;
  return new Command('rollover')
    .description('Roll every school over to the school year that opens (archive, free, carry over; idempotent).')
    .addOption(storeOption())
    .requiredOption('--year <year>', 'the school year that opens, e.g. 2026-2027')
    .option('--preview', 'say what would be done, change nothing', false)
    .action(async (flags: { store?: string; year: string; preview: boolean }) => {
      const store = await openCliStore(resolveOneShotStoreSpec(flags.store));
      const progress = progressFor(cio, 'rollover');
      let schools = 0;
      try {
        progress?.update(`${flags.preview ? 'previewing' : 'rolling over'} to ${flags.year}, 0 school(s) done`);
        const service = createGarService({
          store,
          issuer: 'http://127.0.0.1',
          logger: createConsoleLogger({ level: 'warn', stderr: true }),
        });
        const outcomes = await service.rollover.all({ kind: 'system' }, flags.year, {
          preview: flags.preview,
          onSchool: (o) => {
            schools++;
            progress?.update(`${schools} school(s) done, the last ${o.uai}`);
            out(
              `${o.uai}: ${o.alreadyDone ? 'already rolled over' : o.preview ? 'would' : 'done'}: ${Object.entries(
                o.summary,
              )
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`,
            );
          },
        });
        out(
          `${outcomes.length} school(s); ${outcomes.filter((o) => o.alreadyDone).length} already rolled over to ${flags.year}.`,
        );
      } finally {
        progress?.done();
        await store.close();
      }
    });
}
