import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { parseFeedFileInWorker } from '../feeds/parse-in-worker.js';
import { feedSourcesFromPaths, type OpenedBundle } from '../feeds/read-feed-bundle.js';
import { createGarService } from '../create-gar-service.js';
import { createConsoleLogger } from '../kernel/logger.js';
import { CliError } from './cli-error.js';
import { openCliStore } from './open-cli-store.js';
import { storeOption } from './options.js';
import { resolveStoreSpec } from './store-spec.js';

type Out = (line: string) => void;

/**
 * `opengar import-feed --ent ID FILE…`: imports a complete feed (XML files or one `.tar.gz` with its `.md5`), with a
 * progress bar on a terminal and a summary at the end; a refused feed lists its problems and exits 1.
 *
 * @example
 * ```ts
 * await createProgram().parseAsync(['node', 'opengar', 'import-feed', '--ent', 'ENTBRE', 'feed.tar.gz']);
 * ```
 */
export function importFeedCommand(out: Out): Command {
  return new Command('import-feed')
    .description(
      "Import an ENT's complete directory feed (GAR's five kinds of XML file, or one .tar.gz bundle with its .md5).",
    )
    .addOption(storeOption())
    .requiredOption('--ent <id>', 'the ENT the feed comes from (idENT)')
    .option('--no-progress', 'no progress bar')
    .argument('<files...>', 'XML files, or one .tar.gz')
    .action(async (files: string[], flags: { store?: string; ent: string; progress: boolean }) => {
      const opened = await openSources(files);
      try {
        await importOpened(opened, flags, out);
      } finally {
        // A bundle's entries were spilled to a private temporary directory: removed whatever happened.
        await opened.dispose();
      }
    });
}

function openSources(files: string[]): Promise<OpenedBundle> {
  return feedSourcesFromPaths(files).catch((e: unknown) => {
    throw new CliError('usage', `cannot read the feed: ${(e as { code?: string }).code ?? 'error'}`, { cause: e });
  });
}

async function importOpened(
  opened: OpenedBundle,
  flags: { store?: string; ent: string; progress: boolean },
  out: Out,
): Promise<void> {
  if (!opened.sources) {
    for (const p of opened.problems.list) out(`${p.file}: ${p.code}: ${p.message}`);
    throw new CliError('refused', 'the bundle was refused before anything was read from it');
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
  const spec = resolveStoreSpec(flags.store);
  const store = await openCliStore(spec);
  const bar =
    flags.progress && process.stderr.isTTY
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
      logger: createConsoleLogger(),
    });
    bar?.start(totalBytes ?? 1, 0, { phase: 'read', records: 0, file: '' });
    const started = Date.now();
    const { run, reports } = await service.feeds.import(
      { kind: 'system' },
      flags.ent,
      counted,
      (p) => {
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
      for (const p of run.problems) out(`${p.file}:${p.line}: ${p.element}: ${p.code}: ${p.message}`);
      if (run.problemCount > run.problems.length) out(`… and ${run.problemCount - run.problems.length} more.`);
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
    }
  } finally {
    bar?.stop();
    await store.close();
  }
}
