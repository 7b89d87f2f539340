import { MAX_JSON_DEPTH, TEXT_PROBLEM_MESSAGES, cleanJsonText, jsonDepth, type ValidationIssue } from '@opengar/core';
import type { Context } from 'hono';
import type { AppEnv } from './app-env.js';
import { problemResponse } from './problem-response.js';
import { readBoundedBody } from './read-bounded-body.js';

/** The input of a request, or the problem response to answer instead. */
export type InputResult = { ok: true; value: unknown } | { ok: false; response: Response };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

function fail(
  c: Context<AppEnv>,
  code: 'bad-request' | 'payload-too-large' | 'unsupported-media-type' | 'validation',
  status: number,
  detail: string,
  errors?: ValidationIssue[],
): InputResult {
  return {
    ok: false,
    response: problemResponse({
      code,
      status,
      detail,
      requestId: c.get('requestId'),
      instance: c.req.path,
      ...(errors ? { errors } : {}),
    }),
  };
}

/**
 * Reads a JSON body: `application/json` (415 otherwise), at most `maxBytes` (413, checked on the declared length
 * and while reading), valid UTF-8 JSON (400 `bad-request`) nested at most {@link MAX_JSON_DEPTH} levels (400
 * `bad-request`, counted on the text before parsing), no control character but tab and line breaks in any string
 * (400 `validation`, each offending string named by a JSON pointer). Every string comes back NFC-normalised.
 */
export async function readJsonBody(c: Context<AppEnv>, maxBytes: number): Promise<InputResult> {
  const type = c.req.header('content-type');
  if (!type || !JSON_TYPE.test(type.trim())) return fail(c, 'unsupported-media-type', 415, 'send application/json');
  const bytes = await readBoundedBody(c.req.raw, maxBytes);
  if (!bytes) return fail(c, 'payload-too-large', 413, `the body exceeds ${maxBytes} bytes`);
  if (!c.req.raw.body) return fail(c, 'bad-request', 400, 'a JSON body is required');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(c, 'bad-request', 400, 'the body is not UTF-8');
  }
  // Counted before parsing: a deeply nested body would overflow the stack of whatever walks it next.
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    return fail(c, 'bad-request', 400, `the body nests more than ${MAX_JSON_DEPTH} levels of arrays and objects`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return fail(c, 'bad-request', 400, 'the body is not valid JSON');
  }
  const { value, problems } = cleanJsonText(parsed);
  if (problems.length > 0) {
    return fail(
      c,
      'validation',
      400,
      'invalid text in the body',
      problems.map((p) => ({ pointer: p.pointer, code: p.code, message: TEXT_PROBLEM_MESSAGES[p.code] })),
    );
  }
  return { ok: true, value };
}

/** Reads the query string as an object of single values; a repeated parameter is a validation problem. */
export function readQuery(c: Context<AppEnv>): InputResult {
  const out: Record<string, string> = {};
  const errors: ValidationIssue[] = [];
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (values.length > 1)
      errors.push({
        pointer: `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        code: 'invalid_type',
        message: 'give this parameter once',
      });
    out[key] = values[0] ?? '';
  }
  if (errors.length > 0) return fail(c, 'validation', 400, 'invalid query', errors);
  return { ok: true, value: out };
}
