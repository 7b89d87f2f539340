// A worker thread's side of `parseFeedFileInWorker`: parses one file at a time with `parseFeedFile`, receiving its
// bytes slice by slice and sending back, each time it asks for more, the records and problems of the slice before.
import { parentPort } from 'node:worker_threads';
import { FeedProblems, type FeedProblem } from './feed-problems.js';
import { FEED_SCHEMAS, type FeedDegree, type FeedKind, type RecordSpec } from './feed-schema.js';
import { parseFeedFile, type FeedRecord, type ParsedFileInfo } from './parse-feed-file.js';

/** From the main thread. */
export type ToWorker =
  | { type: 'start'; file: string; problemLimit: number }
  | { type: 'chunk'; chunk: Uint8Array | string }
  | { type: 'end' };

/** To the main thread: what the slices so far gave; `ready` asks for the next slice, `info` says the file is over. */
export type FromWorker =
  | {
      type: 'batch';
      records: FeedRecord[];
      kind?: FeedKind;
      degree?: FeedDegree;
      problems: FeedProblem[];
      uncounted: number;
      ready?: true;
      info?: ParsedFileInfo;
    }
  | { type: 'failed'; message: string };

const port = parentPort;
if (!port) throw new TypeError('parse-feed-worker runs in a worker thread');

let waiting: ((m: Extract<ToWorker, { type: 'chunk' | 'end' }>) => void) | undefined;
let records: FeedRecord[] = [];
let problems = new FeedProblems();
let sent = { list: 0, count: 0 };
let of: { kind?: FeedKind; degree?: FeedDegree } = {};

/** The kind a record's spec belongs to (records of one file are all of its root's kind). */
function kindOf(spec: RecordSpec, degree: FeedDegree): FeedKind | undefined {
  return (Object.keys(FEED_SCHEMAS[degree]) as FeedKind[]).find((k) => FEED_SCHEMAS[degree][k].includes(spec));
}

function flush(extra: { ready?: true; info?: ParsedFileInfo }): void {
  const fresh = problems.list.slice(sent.list);
  const message: FromWorker = {
    type: 'batch',
    records,
    ...of,
    problems: fresh,
    uncounted: problems.count - sent.count - fresh.length,
    ...extra,
  };
  sent = { list: problems.list.length, count: problems.count };
  records = [];
  port!.postMessage(message);
}

async function* chunks(): AsyncGenerator<Uint8Array | string> {
  for (;;) {
    const next = await new Promise<Extract<ToWorker, { type: 'chunk' | 'end' }>>((resolve) => {
      waiting = resolve;
      flush({ ready: true });
    });
    if (next.type === 'end') return;
    yield next.chunk;
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type !== 'start') {
    const w = waiting;
    waiting = undefined;
    w?.(m);
    return;
  }
  records = [];
  problems = new FeedProblems(m.problemLimit);
  sent = { list: 0, count: 0 };
  of = {};
  parseFeedFile(m.file, chunks(), problems, (record, spec, degree) => {
    if (of.degree === undefined) of = { kind: kindOf(spec, degree), degree };
    records.push(record);
  }).then(
    (info) => flush({ info }),
    (e: unknown) =>
      port.postMessage({ type: 'failed', message: e instanceof Error ? e.name : 'error' } satisfies FromWorker),
  );
});
