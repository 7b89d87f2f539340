import { Worker } from 'node:worker_threads';
import { FEED_SCHEMAS, type RecordSpec } from './feed-schema.js';
import type { FeedFileParser, ParsedFileInfo, ParseFeedFileOptions } from './parse-feed-file.js';
import type { FromWorker, ToWorker } from './parse-feed-worker.js';

/** Bytes sent to the worker at a time: each round trip is one bounded piece of work on the main thread. */
const SLICE = 64 * 1024;
/** Workers parsing at once (more imports wait for one); idle ones end after `IDLE_MS`. */
const MAX_WORKERS = 4;
const IDLE_MS = 10_000;

/** Built, the worker is the .js file beside this one; run from source (tsx: tests, a checkout), the .ts file, loaded
 * through tsx's loader, which a worker thread does not inherit from `--import tsx`. */
function startWorker(): Worker {
  // A worker's heap is capped: whatever a file does, it cannot take the main thread's memory with it.
  const options = { resourceLimits: { maxOldGenerationSizeMb: 256 } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parse-feed-worker.js', import.meta.url), options);
  const url = new URL('./parse-feed-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); });`,
    { ...options, eval: true },
  );
}

interface Pooled {
  worker: Worker;
  idle?: ReturnType<typeof setTimeout>;
}

const idle: Pooled[] = [];
let busy = 0;
const queue: (() => void)[] = [];

async function acquire(): Promise<Pooled> {
  while (busy >= MAX_WORKERS) await new Promise<void>((resolve) => queue.push(resolve));
  busy++;
  const pooled = idle.pop();
  if (pooled) {
    clearTimeout(pooled.idle);
    pooled.worker.ref();
    return pooled;
  }
  const worker = startWorker();
  worker.on('error', () => undefined);
  return { worker };
}

function release(pooled: Pooled, reuse: boolean): void {
  busy--;
  queue.shift()?.();
  if (!reuse) {
    void pooled.worker.terminate();
    return;
  }
  pooled.worker.unref();
  pooled.idle = setTimeout(() => {
    idle.splice(idle.indexOf(pooled), 1);
    void pooled.worker.terminate();
  }, IDLE_MS);
  pooled.idle.unref();
  idle.push(pooled);
}

async function* slices(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of chunks) {
    if (chunk.length <= SLICE) yield chunk;
    else for (let at = 0; at < chunk.length; at += SLICE) yield chunk.slice(at, at + SLICE);
  }
}

/**
 * Parses a feed file like `parseFeedFile`, in a `node:worker_threads` worker: the main thread only reads the
 * bytes, hands them over 64 KB at a time and takes back the records of each slice, so a huge or hostile file never
 * blocks the event loop (the HTTP server keeps answering). Same problems, same limits, same records. Node-only;
 * inject it where the in-process parser would run (`readFeed`'s `parseFile`, the feed routes' `parseFile`).
 *
 * @example
 * ```ts
 * const { snapshot } = await readFeed('ENTBRE', sources, { parseFile: parseFeedFileInWorker });
 * ```
 */
export const parseFeedFileInWorker: FeedFileParser = async (
  file,
  chunks,
  problems,
  onRecord,
  options: ParseFeedFileOptions = {},
) => {
  const pooled = await acquire();
  const { worker } = pooled;
  let reuse = false;
  let wake: (() => void) | undefined;
  let pending: FromWorker[] = [];
  let failure: Error | undefined;
  const onMessage = (m: FromWorker) => {
    pending.push(m);
    wake?.();
  };
  const onExit = () => {
    failure ??= new Error('the feed parser stopped');
    wake?.();
  };
  const onAbort = () => wake?.();
  worker.on('message', onMessage);
  worker.on('exit', onExit);
  options.signal?.addEventListener('abort', onAbort);
  const specs = new Map<string, RecordSpec>();
  const take = (m: Extract<FromWorker, { type: 'batch' }>) => {
    for (const p of m.problems) problems.add(p);
    problems.addUncounted(m.uncounted);
    const { kind, degree } = m;
    if (!kind || !degree) return;
    for (const record of m.records) {
      let spec = specs.get(record.element);
      if (!spec) {
        spec = FEED_SCHEMAS[degree][kind].find((r) => r.name === record.element)!;
        specs.set(record.element, spec);
      }
      onRecord(record, spec, degree);
    }
  };
  /** Waits for the worker's next answer; resolves with the file's info once it is over. */
  const answer = async (): Promise<ParsedFileInfo | undefined> => {
    for (;;) {
      options.signal?.throwIfAborted();
      if (failure) throw failure;
      const m = pending.shift();
      if (!m) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      if (m.type === 'failed') throw new Error(`the feed parser failed (${m.message})`);
      take(m);
      await options.drain?.();
      if (m.info) return m.info;
      if (m.ready) return undefined;
    }
  };
  try {
    worker.postMessage({
      type: 'start',
      file,
      problemLimit: Math.max(0, problems.limit - problems.list.length),
    } satisfies ToWorker);
    let info = await answer();
    if (!info) {
      for await (const chunk of slices(chunks)) {
        worker.postMessage({ type: 'chunk', chunk } satisfies ToWorker);
        info = await answer();
        if (info) break;
      }
      if (!info) {
        worker.postMessage({ type: 'end' } satisfies ToWorker);
        while (!info) info = await answer();
      }
    }
    reuse = true;
    return info;
  } finally {
    worker.off('message', onMessage);
    worker.off('exit', onExit);
    options.signal?.removeEventListener('abort', onAbort);
    pending = [];
    release(pooled, reuse);
  }
};
