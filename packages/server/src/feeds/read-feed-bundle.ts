import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract, type Header } from 'tar-stream';
import { FEED_LIMITS } from './feed-limits.js';
import { FeedProblems } from './feed-problems.js';
import type { FeedSource } from './read-feed.js';

/** Limits of a `.tar.gz` bundle (defaults in {@link FEED_LIMITS}). */
export interface BundleLimits {
  /** Most files (default 2,000). */
  maxFiles?: number;
  /**
   * Most bytes once expanded, tar headers included (default 4 GiB for a file on disk; for bytes in memory, an upload,
   * 32 times their size with a floor of 16 MiB). The read stops as soon as it is crossed.
   */
  maxExpandedBytes?: number;
  /** Where the private directory the entries are spilled to is made (default the system's temporary directory). */
  tempDir?: string;
}

/** Where a bundle's bytes come from: a file on disk or bytes in memory (an upload). */
export type BundleInput = { path: string } | { bytes: Uint8Array };

/** An opened bundle: its sources when every check passed, its problems, and `dispose` to remove its spilled files. */
export interface OpenedBundle {
  sources?: FeedSource[];
  problems: FeedProblems;
  /** Removes the private directory the entries were spilled to (call it once the import is over; idempotent). */
  dispose(): Promise<void>;
}

/** Why a bundle is refused, and the entry at fault (the problem's `element`, so the 422's pointer names it). */
class BundleRefusal extends Error {
  constructor(
    readonly entry: string,
    message: string,
  ) {
    super(message);
  }
}

function open(input: BundleInput): Readable {
  return 'path' in input
    ? createReadStream(input.path)
    : Readable.from([Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength)]);
}

function badName(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.includes('\\') ||
    name.includes('\u0000') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((p) => p === '..')
  );
}

async function md5Of(input: BundleInput): Promise<string> {
  const hash = createHash('md5');
  await pipeline(open(input), hash);
  return hash.digest('hex');
}

/** An entry's name as reported: bounded, control characters replaced. */
const shown = (name: string) => name.slice(0, 100).replace(/[\u0000-\u001f\u007f]/g, '?');

/** Refuses an entry that is not a regular, safely named, new `.xml` file within the file count. */
function checkEntry(header: Header, names: ReadonlySet<string>, maxFiles: number): 'skip' | 'keep' {
  if (header.type === 'directory') {
    if (badName(header.name)) throw new BundleRefusal(header.name, 'unsafe path');
    return 'skip';
  }
  if (header.type !== 'file')
    throw new BundleRefusal(header.name, `a ${header.type ?? 'special'} entry is refused (regular files only)`);
  if (badName(header.name)) throw new BundleRefusal(header.name, 'unsafe path');
  if (!header.name.endsWith('.xml')) throw new BundleRefusal(header.name, 'not an .xml file');
  if (names.has(header.name)) throw new BundleRefusal(header.name, 'the name appears twice');
  if (names.size >= maxFiles) throw new BundleRefusal(header.name, `more than ${maxFiles} files`);
  return 'keep';
}

/**
 * Reads the archive once: checks each entry as its header arrives and spills the kept ones to `dir` (named by their
 * index, so no entry name ever reaches the file system). The gunzip is torn down the moment the expanded size crosses
 * `maxBytes`. Every stream involved has an error listener: a refused entry ends the read, never the process.
 */
async function extractOnce(input: BundleInput, dir: string, maxFiles: number, maxBytes: number): Promise<FeedSource[]> {
  let expanded = 0;
  let current = '';
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      expanded += chunk.length;
      if (expanded > maxBytes) callback(new BundleRefusal(current, `more than ${maxBytes} bytes once expanded`));
      else callback(null, chunk);
    },
  });
  const ex = extract();
  const piping = pipeline(open(input), createGunzip(), meter, ex);
  // The loop below reports the failure; this only keeps an early rejection from being unhandled.
  piping.catch(() => undefined);
  const names = new Set<string>();
  const sources: FeedSource[] = [];
  try {
    for await (const entry of ex) {
      const header = entry.header;
      current = header.name;
      if (checkEntry(header, names, maxFiles) === 'skip') {
        entry.resume();
        continue;
      }
      names.add(header.name);
      const path = join(dir, `${sources.length}.xml`);
      await pipeline(entry, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      const size = (await stat(path)).size;
      sources.push({ name: header.name, size, open: () => createReadStream(path) });
    }
    await piping;
  } catch (e) {
    ex.destroy();
    await piping.catch(() => undefined);
    throw e;
  }
  return sources;
}

/**
 * Checks a feed bundle (`.tar.gz`) without writing to the store, in one pass over the archive: its MD5 when given
 * (the `.md5` file's hex), then every entry: only regular `.xml` files (no links, devices or other types), no absolute
 * or `..` path, no name twice, at most `maxFiles` files and `maxExpandedBytes` bytes expanded (counted as the gunzip
 * produces them, whatever the headers say; the read stops at once when crossed). The entries are spilled to a private
 * temporary directory (mode 0700) as they are checked, so memory stays bounded and each file is read once more by the
 * parser, never the archive; `dispose()` removes it. Node-only.
 *
 * @example
 * ```ts
 * const { sources, problems, dispose } = await openFeedBundle({ path: 'ENT_GAR-ENT_Complet_20260901_120000.tar.gz' }, md5Hex);
 * try {
 *   if (sources) await service.feeds.import(system, 'ENT', sources);
 * } finally {
 *   await dispose();
 * }
 * ```
 */
export async function openFeedBundle(
  input: BundleInput,
  md5?: string,
  limits: BundleLimits = {},
): Promise<OpenedBundle> {
  const problems = new FeedProblems();
  const bundle = 'path' in input ? (input.path.split(/[/\\]/).pop() ?? 'bundle') : 'bundle.tar.gz';
  const fail = (message: string, code: 'bad_bundle' | 'bad_checksum' = 'bad_bundle', entry = ''): OpenedBundle => {
    problems.add({ file: bundle, line: 0, element: shown(entry), code, message });
    return { problems, dispose: async () => undefined };
  };
  if (md5 !== undefined) {
    const expected = md5.trim().split(/\s+/)[0]!.toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(expected)) return fail('the .md5 does not hold an MD5 digest', 'bad_checksum');
    if ((await md5Of(input)) !== expected) return fail('the bundle does not match its .md5', 'bad_checksum');
  }
  const maxFiles = limits.maxFiles ?? FEED_LIMITS.maxFiles;
  const maxBytes =
    limits.maxExpandedBytes ??
    ('bytes' in input
      ? Math.max(FEED_LIMITS.minExpandedBytes, input.bytes.byteLength * FEED_LIMITS.maxExpansionRatio)
      : FEED_LIMITS.maxExpandedBytes);
  const dir = await mkdtemp(join(limits.tempDir ?? tmpdir(), 'opengar-bundle-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const sources = await extractOnce(input, dir, maxFiles, maxBytes);
    return { sources, problems, dispose };
  } catch (e) {
    await dispose();
    if (e instanceof BundleRefusal) return fail(e.message, 'bad_bundle', e.entry);
    // zlib's and tar's own errors (not a gzip, truncated, bad header) say nothing about the server: pass their code.
    const code = (e as { code?: unknown }).code;
    return fail(
      `unreadable bundle${typeof code === 'string' ? ` (${code})` : e instanceof Error ? `: ${e.message.slice(0, 100)}` : ''}`,
    );
  }
}

/**
 * Sources for the command line's arguments: XML files as they are, or the files of one `.tar.gz` bundle (checked
 * first, with the `.md5` beside it when there is one; call `dispose` once done).
 *
 * @example
 * ```ts
 * const { sources, problems, dispose } = await feedSourcesFromPaths(['feed.tar.gz']);
 * ```
 */
export async function feedSourcesFromPaths(paths: readonly string[], limits?: BundleLimits): Promise<OpenedBundle> {
  const bundles = paths.filter((p) => p.endsWith('.tar.gz') || p.endsWith('.tgz'));
  if (bundles.length > 0) {
    if (paths.length !== 1) {
      const problems = new FeedProblems();
      problems.add({ file: '', line: 0, element: '', code: 'bad_bundle', message: 'give one .tar.gz, or XML files' });
      return { problems, dispose: async () => undefined };
    }
    const path = bundles[0]!;
    const md5 = await readFile(`${path}.md5`, 'utf8').catch(() =>
      readFile(path.replace(/\.(tar\.gz|tgz)$/, '.md5'), 'utf8').catch(() => undefined),
    );
    return openFeedBundle({ path }, md5, limits);
  }
  const sources: FeedSource[] = [];
  for (const path of paths)
    sources.push({ name: path, size: (await stat(path)).size, open: () => createReadStream(path) });
  return { sources, problems: new FeedProblems(), dispose: async () => undefined };
}
