import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { parseFeedFileInWorker } from '../feeds/parse-in-worker.js';
import { feedSourcesFromPaths, type OpenedBundle } from '../feeds/read-feed-bundle.js';
import { createGarService } from '../create-gar-service.js';
import { createConsoleLogger } from '../kernel/logger.js';
import { CliError } from './cli-error.js';
import { commandIo, progressFor, type CommandIo } from './cli-io.js';
import { openCliStore } from './open-cli-store.js';
import { storeOption } from './options.js';
import { resolveOneShotStoreSpec } from './store-spec.js';

/**
 * `opengar import-feed --ent ID FILE…`: imports a complete feed (XML files or one `.tar.gz` with its `.md5`), with a
 * progress bar on a terminal (progress lines on stderr otherwise) and a summary at the end; a refused feed lists its
 * problems on stderr and exits 4 (an unreadable file exits 3).
 *
 * @example
 * ```ts
 * await createProgram().parseAsync(['node', 'opengar', 'import-feed', '--ent', 'ENTBRE', 'feed.tar.gz']);
 * ```
 */
export function importFeedCommand(io: ((line: string) => void) | CommandIo): Command {
  const cio = commandIo(io);
  return new Command('import-feed')
    .description(
      "Import an ENT's complete directory feed (GAR's five kinds of XML file, or one .tar.gz bundle with its .md5).",
    )
    .addOption(storeOption())
    .requiredOption('--ent <id>', 'the ENT the feed comes from (idENT)')
    .option('--no-progress', 'no progress bar or progress lines')
    .argument('<files...>', 'XML files, or one .tar.gz')
    .action(async (files: string[], flags: { store?: string; ent: string; progress: boolean }) => {
      const spec = resolveOneShotStoreSpec(flags.store);
      const opened = await openSources(files);
      try {
        await importOpened(opened, { ...flags, store: spec }, cio);
      } finally {
        // A bundle's entries were spilled to a private temporary directory: removed whatever happened.
        await opened.dispose();
      }
    });
}

function openSources(files: string[]): Promise<OpenedBundle> {
  return feedSourcesFromPaths(files).catch((e: unknown) => {
    const code = (e as { code?: string }).code;
    const path = (e as { path?: string }).path;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'a directory, not a file'
            : (code ?? 'unreadable');
    throw new CliError('input', `cannot read the feed${path ? ` ${path}` : ''}: ${why}`, { cause: e });
  });
}

async function importOpened(
  opened: OpenedBundle,
  flags: { store: ReturnType<typeof resolveOneShotStoreSpec>; ent: string; progress: boolean },
  io: CommandIo,
): Promise<void> {
  const { out, err } = io;
  if (!opened.sources) {
    for (const p of opened.problems.list) err(`${p.file}: ${p.code}: ${p.message}`);
    throw new CliError('input', 'the bundle was refused before anything was read from it (see the problems above)');
  }
  // Progress in bytes when the sizes are known (XML files), else in records (a bundle's entries).
  const sources = opened.sources;
  const totalBytes = sources.every((x) => x.size !== undefined)
    ? sources.reduce((n, x) => n + (x.size ?? 0), 0)
    : undefined;
  let bytesRead = 0;
  const counted = sources.map((x) => ({
    ...x,
    open: async function* () {
      for await (const chunk of x.open()) {
        bytesRead += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
        yield chunk;
      }
    },
  }));
  const store = await openCliStore(flags.store);
  const lines = flags.progress ? progressFor(io, 'import-feed') : undefined;
  const bar =
    flags.progress && (io.isTTY ?? process.stderr.isTTY)
      ? new SingleBar({
          format: totalBytes
            ? '{phase} [{bar}] {percentage}% | {records} records | {file}'
            : '{phase} {records} records | {file}',
          stream: process.stderr,
          hideCursor: true,
        })
      : undefined;
  try {
    const service = createGarService({
      store,
      issuer: 'http://127.0.0.1',
      logger: createConsoleLogger({ level: 'warn', stderr: true }),
    });
    bar?.start(totalBytes ?? 1, 0, { phase: 'read', records: 0, file: '' });
    const started = Date.now();
    const { run, reports } = await service.feeds.import(
      { kind: 'system' },
      flags.ent,
      counted,
      (p) => {
        lines?.update(
          p.phase === 'read'
            ? `reading, ${p.records} records${totalBytes ? ` (${Math.floor((100 * bytesRead) / Math.max(totalBytes, 1))} %)` : ''}${p.file ? `, ${p.file}` : ''}`
            : p.phase === 'apply'
              ? `applying ${p.records} records (one transaction)`
              : `done, ${p.records} records`,
        );
        bar?.update(totalBytes ? bytesRead : 0, {
          phase: p.phase === 'read' ? 'reading' : p.phase === 'apply' ? 'applying (one transaction)' : 'done',
          records: p.records,
          file: p.file ?? '',
        });
      },
      { parseFile: parseFeedFileInWorker },
    );
    bar?.stop();
    const records = run.files.reduce((s, f) => s + f.records, 0);
    out(`${run.files.length} file(s), ${records} records read in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (run.status === 'refused') {
      for (const p of run.problems) err(`${p.file}:${p.line}: ${p.element}: ${p.code}: ${p.message}`);
      if (run.problemCount > run.problems.length) err(`… and ${run.problemCount - run.problems.length} more.`);
      throw new CliError(
        'refused',
        `the feed was refused as a whole (${run.problemCount} problem(s)); nothing was applied (run ${run.id})`,
      );
    }
    out(
      `Feed applied (run ${run.id}): ${Object.entries(run.summary ?? {})
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
    );
    for (const r of reports) {
      const a = r.anomalies;
      out(
        `${r.uai}: ${Object.entries(r.counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(
            ', ',
          )}; anomalies: ${a.pupilsWithoutDivision.length} pupil(s) without a division, ${a.divisionsWithoutPupils.length} division(s) without pupils, ${a.managersWithoutEmail.length} manager(s) without e-mail, ${a.teachersWithoutClasses?.length ?? 0} teacher(s) in no class, ${a.pupilsWithoutMef?.length ?? 0} pupil(s) without a MEF.`,
      );
      // An école's (1D) own checks: only a 1D feed's reports have them.
      if (a.pupilsWithUnknownLevel)
        out(
          `${r.uai} (école): ${a.pupilsWithUnknownLevel.length} pupil(s) at a level that is not CP to CM2, ` +
            `${a.directorsNotInRespAff?.length ?? 0} director(s) missing from RespAff, ` +
            `${a.profilesAbsentAtEcole?.length ?? 0} person(s) with a librarian profile.`,
        );
    }
  } finally {
    bar?.stop();
    lines?.done();
    await store.close();
  }
}
