import { normalizeText, textProblem } from '@opengar/core';
import { detached } from './detached.js';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import {
  FEED_NAMESPACES,
  FEED_SCHEMAS,
  kindOfRoot,
  type FeedDegree,
  type FeedKind,
  type FieldSpec,
  type RecordSpec,
} from './feed-schema.js';
import type { FeedProblemCode, FeedProblems } from './feed-problems.js';
import { FEED_LIMITS } from './feed-limits.js';

/** A nested structure of a record (`GARPersonProfils`…): its leaf values by element name. */
export type NestedValue = Record<string, string[]>;

/** One record of a feed file, with the line it starts on; leaf values and nested structures by element name. */
export interface FeedRecord {
  element: string;
  line: number;
  values: Record<string, string[]>;
  nested: Record<string, NestedValue[]>;
}

/** What a file turned out to be. */
export interface ParsedFileInfo {
  kind?: FeedKind;
  degree?: FeedDegree;
  version?: string;
  records: number;
}

interface Frame {
  spec: FieldSpec | RecordSpec;
  fields: readonly FieldSpec[];
  counts: Map<string, number>;
  lastIndex: number;
  line: number;
  values: Record<string, string[]>;
  nested: Record<string, NestedValue[]>;
}

/** How a file is parsed: in-process ({@link parseFeedFile}) or, on Node, in a worker thread (`parseFeedFileInWorker`). */
export type FeedFileParser = (
  file: string,
  chunks: AsyncIterable<Uint8Array | string>,
  problems: FeedProblems,
  onRecord: (record: FeedRecord, spec: RecordSpec, degree: FeedDegree) => void,
  options?: ParseFeedFileOptions,
) => Promise<ParsedFileInfo>;

/** Options of {@link parseFeedFile}. */
export interface ParseFeedFileOptions {
  /** Stops the parse between two slices of input (the import was cancelled: shutdown, client gone). */
  signal?: AbortSignal;
  /** Awaited between two slices of input: the records' consumer writes what it holds (bounded memory). */
  drain?: () => Promise<void>;
}

/** Thrown from saxes' handlers to stop it in the middle of a write, as soon as a limit is crossed. */
class LimitCrossed extends Error {}

/** Input is fed to saxes in slices this long, so that a limit is noticed, and the loop yields, every few KB. */
const SLICE = 16 * 1024;
/** Characters parsed between two yields to the event loop (a few milliseconds of saxes). */
const YIELD_EVERY = 128 * 1024;

const DATE = /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/;
/** Text kept per leaf beyond its maximum length, so that an absurd value cannot fill memory. */
const TEXT_SLACK = 16;

/**
 * Parses one feed file as a stream (SAX: memory stays bounded whatever the size) and checks it against the schema's
 * structure: root and namespace, `Version`, element order, required and repeated elements, lengths and dates. DTDs and
 * entities other than XML's five are refused. The limits of {@link FEED_LIMITS} (depth, attributes per element, run of
 * characters without markup, elements per file) stop the parse the moment one is crossed, with a `limit_exceeded`
 * problem at that line. Each complete record goes to `onRecord`; problems go to `problems`. Browser-safe.
 *
 * @example
 * ```ts
 * const info = await parseFeedFile('ENT_GAR-ENT_Complet_20260901_120000_2D_Eleve_0000.xml', chunks, problems, (r) => records.push(r));
 * info.kind; // 'Eleve'
 * ```
 */
export async function parseFeedFile(
  file: string,
  chunks: AsyncIterable<Uint8Array | string>,
  problems: FeedProblems,
  onRecord: (record: FeedRecord, spec: RecordSpec, degree: FeedDegree) => void,
  options: ParseFeedFileOptions = {},
): Promise<ParsedFileInfo> {
  const info: ParsedFileInfo = { records: 0 };
  const parser = new SaxesParser({ xmlns: true, position: true });
  let stopped = false;
  let schema: Record<FeedKind, readonly RecordSpec[]> | undefined;
  let recordSpecs: readonly RecordSpec[] = [];
  let recordIndex = 0;
  let depth = 0;
  let skipDepth = 0;
  const stack: Frame[] = [];
  let text = '';
  let textLimit = 0;

  const problem = (element: string, code: FeedProblemCode, message: string, line = parser.line) =>
    problems.add({ file, line, element, code, message });
  const stop = (element: string, code: FeedProblemCode, message: string) => {
    if (!stopped) problem(element, code, message);
    stopped = true;
  };

  const openFrame = (spec: FieldSpec | RecordSpec, fields: readonly FieldSpec[]): Frame => ({
    spec,
    fields,
    counts: new Map(),
    lastIndex: -1,
    line: parser.line,
    values: {},
    nested: {},
  });

  const closeFrame = (frame: Frame) => {
    for (const field of frame.fields) {
      const n = frame.counts.get(field.name) ?? 0;
      if (n < field.min)
        problem(frame.spec.name, 'missing_element', `${field.name} is required in ${frame.spec.name}`, frame.line);
    }
  };

  // Limits are checked as saxes reads, before it builds anything big: a tag's depth when it starts, each attribute as
  // it is read, and after each slice the characters read since the last markup.
  let elements = 0;
  let attributes = 0;
  let lastMarkup = 0;
  const cross = (code: 'depth' | 'attributes' | 'text' | 'elements', limit: number) => {
    const what = {
      depth: 'elements nested deeper than',
      attributes: 'an element with more attributes than',
      text: 'a run of characters without markup longer than',
      elements: 'more elements than',
    }[code];
    stop('', 'limit_exceeded', `${what} ${limit} (limit ${code})`);
    throw new LimitCrossed();
  };
  const markup = () => {
    lastMarkup = parser.position;
  };
  parser.on('opentagstart', () => {
    markup();
    attributes = 0;
    if (depth + 1 > FEED_LIMITS.maxDepth) cross('depth', FEED_LIMITS.maxDepth);
    if (++elements > FEED_LIMITS.maxElementsPerFile) cross('elements', FEED_LIMITS.maxElementsPerFile);
  });
  parser.on('attribute', () => {
    markup();
    if (++attributes > FEED_LIMITS.maxAttributes) cross('attributes', FEED_LIMITS.maxAttributes);
  });
  parser.on('comment', markup);
  parser.on('cdata', markup);
  parser.on('processinginstruction', markup);
  parser.on('error', (e) => stop('', 'not_well_formed', e.message.replace(/^[^:]*:\d+:\d+: /, '')));
  parser.on('doctype', () => stop('', 'doctype_refused', 'a DOCTYPE (DTD) is refused'));
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stopped) return;
    depth++;
    if (skipDepth > 0) return;
    const name = tag.local;
    if (depth === 1) {
      const degree = (Object.keys(FEED_NAMESPACES) as FeedDegree[]).find((d) => FEED_NAMESPACES[d] === tag.uri);
      if (!degree)
        return stop(
          tag.name,
          'wrong_namespace',
          `namespace ${JSON.stringify(tag.uri).slice(0, 120)} is not a GAR feed namespace`,
        );
      const kind = kindOfRoot(name);
      if (!kind) return stop(tag.name, 'wrong_root', `${name.slice(0, 80)} is not a feed root element`);
      info.kind = kind;
      info.degree = degree;
      schema = FEED_SCHEMAS[degree];
      recordSpecs = schema[kind];
      const version = Object.values(tag.attributes).find((a) => a.local === 'Version' && a.uri === '');
      if (!version) problem(name, 'missing_version', 'the root element needs a Version attribute');
      else info.version = version.value;
      return;
    }
    if (depth === 2) {
      const index = recordSpecs.findIndex((r) => r.name === name && tag.uri === FEED_NAMESPACES[info.degree!]);
      if (index < 0) {
        problem(tag.name, 'unexpected_element', `${tag.name.slice(0, 80)} is not allowed here`);
        skipDepth = depth;
        return;
      }
      if (index < recordIndex)
        problem(name, 'out_of_order', `${name} must come before ${recordSpecs[recordIndex]!.name}`);
      recordIndex = Math.max(recordIndex, index);
      const spec = recordSpecs[index]!;
      stack.push(openFrame(spec, spec.fields));
      return;
    }
    const parent = stack[stack.length - 1]!;
    const index = parent.fields.findIndex((x) => x.name === name);
    const field = parent.fields[index];
    if (!field || tag.uri !== FEED_NAMESPACES[info.degree!] || stack.length !== depth - 2) {
      problem(parent.spec.name, 'unexpected_element', `${tag.name.slice(0, 80)} is not allowed in ${parent.spec.name}`);
      skipDepth = depth;
      return;
    }
    if (index < parent.lastIndex)
      problem(parent.spec.name, 'out_of_order', `${name} is out of order in ${parent.spec.name}`);
    parent.lastIndex = Math.max(parent.lastIndex, index);
    const n = (parent.counts.get(name) ?? 0) + 1;
    parent.counts.set(name, n);
    if (n > field.max)
      problem(parent.spec.name, 'too_many', `${name} may appear at most ${field.max} time(s) in ${parent.spec.name}`);
    if (field.children) {
      stack.push(openFrame(field, field.children));
      return;
    }
    text = '';
    textLimit = (field.maxLength ?? 64) + TEXT_SLACK;
  });
  parser.on('text', (t) => {
    markup();
    if (stopped || skipDepth > 0) return;
    const frame = stack[stack.length - 1];
    if (depth >= 3 && frame && stack.length === depth - 2) {
      if (text.length < textLimit) text += t.slice(0, textLimit - text.length);
    } else if (t.trim() !== '') {
      problem(frame?.spec.name ?? '', 'unexpected_text', 'text is not allowed here');
    }
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    markup();
    if (stopped) return;
    const d = depth--;
    if (skipDepth > 0) {
      if (d === skipDepth) skipDepth = 0;
      return;
    }
    if (d === 1) return;
    const frame = stack[stack.length - 1]!;
    if (stack.length === d - 1) {
      // A record or nested structure ends.
      stack.pop();
      closeFrame(frame);
      if (d === 2) {
        info.records++;
        onRecord(
          { element: frame.spec.name, line: frame.line, values: frame.values, nested: frame.nested },
          frame.spec as RecordSpec,
          info.degree!,
        );
      } else {
        const parent = stack[stack.length - 1]!;
        const siblings = parent.nested[frame.spec.name];
        if (siblings) siblings.push(frame.values);
        else parent.nested[frame.spec.name] = [frame.values];
      }
      return;
    }
    const field = frame.fields.find((x) => x.name === tag.local)!;
    // The core text rule: NFC, so two spellings never make two people; a record's key fields follow the id rule.
    // Detached from the chunk it was cut from: a record kept must not keep its part of the file.
    const value = detached(normalizeText(text.trim()));
    text = '';
    const isKey = 'key' in frame.spec && (frame.spec as RecordSpec).key.includes(field.name);
    const textCode = textProblem(value, isKey ? 'id' : 'free');
    if (value === '') problem(frame.spec.name, 'empty', `${field.name} is empty`);
    else if (textCode)
      problem(frame.spec.name, 'invalid_text', `${field.name} holds characters that are not accepted (${textCode})`);
    else if (field.maxLength !== undefined && value.length > field.maxLength) {
      problem(frame.spec.name, 'too_long', `${field.name} is longer than ${field.maxLength} characters`);
    } else if (field.type === 'date' && !DATE.test(value))
      problem(frame.spec.name, 'bad_date', `${field.name} is not a date (YYYY-MM-DD)`);
    const values = frame.values[field.name];
    if (values) values.push(value);
    else frame.values[field.name] = [value];
  });

  let sinceYield = 0;
  let written = 0;
  const write = async (text: string) => {
    for (let at = 0; at < text.length && !stopped; at += SLICE) {
      const slice = text.slice(at, at + SLICE);
      parser.write(slice);
      // saxes' `position` is only right inside a handler; between writes, count the characters given.
      written += slice.length;
      if (written - lastMarkup > FEED_LIMITS.maxTextChars) cross('text', FEED_LIMITS.maxTextChars);
      // In-process (the browser, tests), let the event loop breathe every few slices; a worker does not need it.
      sinceYield += slice.length;
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        options.signal?.throwIfAborted();
        await options.drain?.();
      }
    }
  };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of chunks) {
      if (stopped) break;
      options.signal?.throwIfAborted();
      if (typeof chunk === 'string') await write(chunk);
      // Decoded a slice at a time too: one huge chunk (a multipart file) never becomes one huge string.
      else
        for (let at = 0; at < chunk.byteLength && !stopped; at += SLICE * 4)
          await write(decoder.decode(chunk.subarray(at, at + SLICE * 4), { stream: true }));
    }
    if (!stopped) {
      const rest = decoder.decode();
      if (rest) await write(rest);
      parser.close();
    }
  } catch (e) {
    if (e instanceof LimitCrossed) return info;
    if (e instanceof TypeError && !stopped) stop('', 'bad_encoding', 'the file is not valid UTF-8');
    else if (!stopped) throw e;
  }
  if (!stopped && info.kind === undefined) problem('', 'wrong_root', 'the file has no root element');
  return info;
}
