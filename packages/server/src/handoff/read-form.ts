import { TEXT_PROBLEM_MESSAGES, normalizeText, textProblem, type ValidationIssue } from '@opengar/core';
import type { Context } from 'hono';
import { readBoundedBody } from '../http/read-bounded-body.js';

/** A form body's fields, or why it could not be read. */
export type FormResult =
  | { ok: true; fields: Map<string, string> }
  | {
      ok: false;
      status: 400 | 413 | 415;
      reason: 'bad-request' | 'payload-too-large' | 'unsupported-media-type';
      detail: string;
    }
  | { ok: false; status: 400; reason: 'validation'; detail: string; errors: ValidationIssue[] };

const URLENCODED = /^application\/x-www-form-urlencoded\s*(?:;.*)?$/i;
const MULTIPART = /^multipart\/form-data\s*;/i;

/**
 * Reads a form posted by a browser (`application/x-www-form-urlencoded` or `multipart/form-data`), at most
 * `maxBytes`, text fields only, each given once, with no control character but tab and line breaks (the fields come
 * back NFC-normalised).
 *
 * @example
 * ```ts
 * const form = await readForm(c, 32 * 1024);
 * if (form.ok) form.fields.get('assertion');
 * ```
 */
export async function readForm(c: Context, maxBytes: number): Promise<FormResult> {
  const type = (c.req.header('content-type') ?? '').trim();
  const multipart = MULTIPART.test(type);
  if (!multipart && !URLENCODED.test(type)) {
    return {
      ok: false,
      status: 415,
      reason: 'unsupported-media-type',
      detail: 'post an HTML form (application/x-www-form-urlencoded)',
    };
  }
  const bytes = await readBoundedBody(c.req.raw, maxBytes);
  if (!bytes)
    return { ok: false, status: 413, reason: 'payload-too-large', detail: `the form exceeds ${maxBytes} bytes` };
  const fields = new Map<string, string>();
  const errors: ValidationIssue[] = [];
  let entries: Iterable<[string, FormDataEntryValue]>;
  try {
    entries = multipart
      ? await new Response(bytes, { headers: { 'content-type': type } }).formData()
      : new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, status: 400, reason: 'bad-request', detail: 'the form could not be read' };
  }
  for (const [name, value] of entries) {
    if (typeof value !== 'string')
      return { ok: false, status: 400, reason: 'bad-request', detail: 'the form carries a file' };
    if (fields.has(name))
      return { ok: false, status: 400, reason: 'bad-request', detail: `the field ${name.slice(0, 40)} is given twice` };
    const code = textProblem(name, 'free') ?? textProblem(value, 'free');
    if (code)
      errors.push({
        pointer: `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        code,
        message: TEXT_PROBLEM_MESSAGES[code],
      });
    fields.set(normalizeText(name), normalizeText(value));
  }
  if (errors.length > 0)
    return { ok: false, status: 400, reason: 'validation', detail: 'invalid text in the form', errors };
  return { ok: true, fields };
}
