import { FeedCollector, type FeedSnapshot } from './feed-collector.js';
import { parseFeedFileName } from './feed-file-name.js';
import { FeedProblems } from './feed-problems.js';
import type { FeedStaging } from './feed-staging.js';
import type { FeedDegree, FeedKind } from './feed-schema.js';
import { parseFeedFile, type FeedFileParser } from './parse-feed-file.js';

/** One file of a feed: its name and a way to stream its bytes (opened once). */
export interface FeedSource {
  name: string;
  /** Its size in bytes when known (for progress). */
  size?: number;
  open(): AsyncIterable<Uint8Array | string>;
}

/** What reading a feed gave: the snapshot when every check passed, and every problem otherwise. */
export interface ReadFeedResult {
  snapshot?: FeedSnapshot;
  problems: FeedProblems;
  files: { name: string; kind: string; records: number }[];
}

/** Options of {@link readFeed}. */
export interface ReadFeedOptions {
  /** The ENT a UAI already belongs to in the store, if any. */
  schoolOwner?: (uai: string) => string | undefined;
  /** Called after each file with the records read so far. */
  onFile?: (file: { name: string; records: number }) => void;
  /** Called every few thousand records. */
  onRecords?: (records: number) => void;
  /** Problems kept in the report (all are counted). */
  problemLimit?: number;
  /** How each file is parsed (default {@link parseFeedFile}, in-process; on Node, `parseFeedFileInWorker`). */
  parseFile?: FeedFileParser;
  /** Stops the read between two slices of input. */
  signal?: AbortSignal;
  /** Where the people and their references wait (default: in memory; `store.openFeedStaging()` in a transaction). */
  staging?: FeedStaging;
}

export const FEED_KINDS: readonly FeedKind[] = ['Etab', 'Eleve', 'Enseignant', 'Groupe', 'RespAff'];

/**
 * Reads and checks a complete feed of one ENT, streaming each file: names, roots, namespaces, structure, keys and
 * references. Nothing is written anywhere. Browser-safe.
 *
 * @example
 * ```ts
 * const { snapshot, problems } = await readFeed('ENTBRE', sources);
 * if (!snapshot) console.log(problems.list);
 * ```
 */
export async function readFeed(
  entId: string,
  sources: readonly FeedSource[],
  options: ReadFeedOptions = {},
): Promise<ReadFeedResult> {
  const problems = new FeedProblems(options.problemLimit);
  const collector = new FeedCollector(entId, problems, options.staging);
  const files: ReadFeedResult['files'] = [];
  const kinds = new Set<FeedKind>();
  let degree: FeedDegree | undefined;
  let total = 0;
  for (const source of sources) {
    const name = parseFeedFileName(source.name);
    const base = source.name.split(/[/\\]/).pop() ?? source.name;
    if (!name) {
      problems.add({
        file: base,
        line: 0,
        element: '',
        code: 'bad_file_name',
        message: 'the name does not follow {idENT}_GAR-ENT_Complet_{yyyyMMdd_HHmmss}_{2D|1D}_{Kind}_{0000}.xml',
      });
      continue;
    }
    if (name.entId !== entId)
      problems.add({
        file: base,
        line: 0,
        element: '',
        code: 'bad_file_name',
        message: `the file is for ENT ${name.entId}, not ${entId}`,
      });
    const parse = options.parseFile ?? parseFeedFile;
    const info = await parse(
      base,
      source.open(),
      problems,
      (record, spec, recordDegree) => {
        collector.add(base, recordDegree, record, spec.key);
        total++;
        if (total % 5000 === 0) options.onRecords?.(total);
      },
      { drain: () => collector.drain(), ...(options.signal ? { signal: options.signal } : {}) },
    );
    options.signal?.throwIfAborted();
    files.push({ name: base, kind: info.kind ?? name.kind, records: info.records });
    options.onFile?.({ name: base, records: info.records });
    if (info.kind !== undefined && info.kind !== name.kind) {
      problems.add({
        file: base,
        line: 1,
        element: `GAR-ENT-${info.kind}`,
        code: 'wrong_root',
        message: `the name says ${name.kind}, the root says ${info.kind}`,
      });
    }
    if (info.degree !== undefined) {
      if (info.degree !== name.degree)
        problems.add({
          file: base,
          line: 1,
          element: '',
          code: 'mixed_degrees',
          message: `the name says ${name.degree}, the namespace says ${info.degree}`,
        });
      if (degree !== undefined && degree !== info.degree)
        problems.add({
          file: base,
          line: 1,
          element: '',
          code: 'mixed_degrees',
          message: 'primary and secondary files in one feed',
        });
      degree ??= info.degree;
    }
    kinds.add(name.kind);
  }
  for (const kind of FEED_KINDS) {
    if (!kinds.has(kind))
      problems.add({
        file: '',
        line: 0,
        element: '',
        code: 'missing_kind',
        message: `a complete feed has a ${kind} file`,
      });
  }
  const snapshot = await collector.finish(options.schoolOwner ?? (() => undefined));
  return problems.ok ? { snapshot, problems, files } : { problems, files };
}
