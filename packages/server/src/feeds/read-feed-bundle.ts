import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract, type Header } from 'tar-stream';
import { FeedProblems } from './feed-problems.js';
import type { FeedSource } from './read-feed.js';

/** Limits of a `.tar.gz` bundle, checked before anything is read from it. */
export interface BundleLimits {
  /** Most files (default 2,000). */
  maxFiles?: number;
  /** Most bytes once expanded, all files together (default 4 GiB). */
  maxExpandedBytes?: number;
}

/** Where a bundle's bytes come from: a file on disk or bytes in memory (an upload). */
export type BundleInput = { path: string } | { bytes: Uint8Array };

function open(input: BundleInput): Readable {
  return 'path' in input ? createReadStream(input.path) : Readable.from([Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength)]);
}

function badName(name: string): boolean {
  return name.startsWith('/') || name.includes('\\') || name.includes('\u0000') || /^[A-Za-z]:/.test(name) || name.split('/').some((p) => p === '..');
}

async function md5Of(input: BundleInput): Promise<string> {
  const hash = createHash('md5');
  await pipeline(open(input), hash);
  return hash.digest('hex');
}

/** A tar entry's data. */
type EntryStream = { resume(): unknown } & AsyncIterable<unknown>;

/** Streams the entries of a bundle through `onEntry`; every entry is drained. */
async function walk(input: BundleInput, onEntry: (header: Header, stream: EntryStream) => Promise<void>): Promise<void> {
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      onEntry(header, stream).then(
        () => next(),
        (e: unknown) => {
          stream.resume();
          ex.destroy(e instanceof Error ? e : new Error('bundle entry failed'));
        },
      );
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  await Promise.all([pipeline(open(input), createGunzip(), ex), done]);
}

/**
 * Checks a feed bundle (`.tar.gz`) without writing anything: its MD5 when given (the `.md5` file's hex), then every
 * entry: only regular `.xml` files (no links, devices or other types), no absolute or `..` path, at most `maxFiles`
 * files and `maxExpandedBytes` bytes expanded (counted as the data streams, whatever the headers say). When it passes,
 * returns sources that stream each file from the bundle again, so memory stays bounded. Node-only.
 *
 * @example
 * ```ts
 * const { sources, problems } = await openFeedBundle({ path: 'ENT_GAR-ENT_Complet_20260901_120000.tar.gz' }, md5Hex);
 * if (sources) await service.importFeed(system, 'ENT', sources);
 * ```
 */
export async function openFeedBundle(input: BundleInput, md5?: string, limits: BundleLimits = {}): Promise<{ sources?: FeedSource[]; problems: FeedProblems }> {
  const problems = new FeedProblems();
  const bundle = 'path' in input ? (input.path.split(/[/\\]/).pop() ?? 'bundle') : 'bundle.tar.gz';
  const fail = (message: string, code: 'bad_bundle' | 'bad_checksum' = 'bad_bundle') => {
    problems.add({ file: bundle, line: 0, element: '', code, message });
    return { problems };
  };
  if (md5 !== undefined) {
    const expected = md5.trim().split(/\s+/)[0]!.toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(expected)) return fail('the .md5 does not hold an MD5 digest', 'bad_checksum');
    if ((await md5Of(input)) !== expected) return fail('the bundle does not match its .md5', 'bad_checksum');
  }
  const maxFiles = limits.maxFiles ?? 2000;
  const maxBytes = limits.maxExpandedBytes ?? 4 * 1024 ** 3;
  const names: string[] = [];
  let expanded = 0;
  try {
    await walk(input, async (header, stream) => {
      if (header.type === 'directory') {
        if (badName(header.name)) throw new Error(`unsafe path ${header.name.slice(0, 100)}`);
        stream.resume();
        return;
      }
      if (header.type !== 'file') throw new Error(`${header.name.slice(0, 100)}: a ${header.type ?? 'special'} entry is refused (regular files only)`);
      if (badName(header.name)) throw new Error(`unsafe path ${header.name.slice(0, 100)}`);
      if (!header.name.endsWith('.xml')) throw new Error(`${header.name.slice(0, 100)} is not an .xml file`);
      if (names.length >= maxFiles) throw new Error(`more than ${maxFiles} files`);
      if (names.includes(header.name)) throw new Error(`${header.name.slice(0, 100)} appears twice`);
      names.push(header.name);
      for await (const chunk of stream) {
        expanded += (chunk as Buffer).length;
        if (expanded > maxBytes) throw new Error(`more than ${maxBytes} bytes once expanded`);
      }
    });
  } catch (e) {
    return fail(e instanceof Error ? e.message : 'unreadable bundle');
  }
  const sources = names.map(
    (name): FeedSource => ({
      name,
      open: () => entryChunks(input, name),
    }),
  );
  return { sources, problems };
}

/** The bytes of one entry of a bundle, streamed (the bundle is read again up to that entry). */
async function* entryChunks(input: BundleInput, name: string): AsyncGenerator<Uint8Array> {
  const queue: (Buffer | null)[] = [];
  let wake: (() => void) | undefined;
  let failure: unknown;
  const walking = walk(input, async (header, stream) => {
    if (header.name !== name) {
      stream.resume();
      return;
    }
    for await (const chunk of stream) {
      queue.push(chunk as Buffer);
      wake?.();
      // Back-pressure: wait until the parser took what is queued.
      while (queue.length > 8) await new Promise<void>((r) => setTimeout(r, 1));
    }
  }).then(
    () => {
      queue.push(null);
      wake?.();
    },
    (e: unknown) => {
      failure = e;
      queue.push(null);
      wake?.();
    },
  );
  for (;;) {
    if (queue.length === 0) await new Promise<void>((r) => (wake = r));
    wake = undefined;
    const chunk = queue.shift();
    if (chunk === undefined) continue;
    if (chunk === null) break;
    yield chunk;
  }
  await walking;
  if (failure) throw failure;
}

/**
 * Sources for the command line's arguments: XML files as they are, or the files of one `.tar.gz` bundle (checked
 * first, with the `.md5` beside it when there is one).
 *
 * @example
 * ```ts
 * const { sources, problems } = await feedSourcesFromPaths(['feed.tar.gz']);
 * ```
 */
export async function feedSourcesFromPaths(paths: readonly string[], limits?: BundleLimits): Promise<{ sources?: FeedSource[]; problems: FeedProblems }> {
  const bundles = paths.filter((p) => p.endsWith('.tar.gz') || p.endsWith('.tgz'));
  if (bundles.length > 0) {
    if (paths.length !== 1) {
      const problems = new FeedProblems();
      problems.add({ file: '', line: 0, element: '', code: 'bad_bundle', message: 'give one .tar.gz, or XML files' });
      return { problems };
    }
    const path = bundles[0]!;
    const md5 = await readFile(`${path}.md5`, 'utf8').catch(() => readFile(path.replace(/\.(tar\.gz|tgz)$/, '.md5'), 'utf8').catch(() => undefined));
    return openFeedBundle({ path }, md5, limits);
  }
  const sources: FeedSource[] = [];
  for (const path of paths) sources.push({ name: path, size: (await stat(path)).size, open: () => createReadStream(path) });
  return { sources, problems: new FeedProblems() };
}
