import { normalizeText, textProblem, type TextProblemCode } from './text.js';

/**
 * Deepest nesting of arrays and objects accepted in a JSON input (GAR's documents nest fewer than 10 levels).
 *
 * @example
 * ```ts
 * if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return badRequest(`more than ${MAX_JSON_DEPTH} levels`);
 * ```
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of arrays and objects in a JSON text, counted on the raw text without recursion (so a hostile
 * body cannot overflow the stack); stops counting once `limit` is passed. Brackets inside strings do not count.
 *
 * @example
 * ```ts
 * jsonDepth('{"a":[1,[2]]}'); // 3
 * jsonDepth('['.repeat(50_000), 64) > 64; // true, found after 65 characters
 * ```
 */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** A string of a JSON input that breaks the free-text rule, with its RFC 6901 pointer. */
export interface JsonTextProblem {
  pointer: string;
  code: TextProblemCode;
}

const escapePointerPart = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Normalises every string (values and member names) of a parsed JSON input to NFC and finds those holding a control
 * character other than tab and line breaks (the rule every text follows; ids are checked further by their schemas).
 * Call it on input whose depth {@link jsonDepth} has bounded.
 *
 * @example
 * ```ts
 * const { value, problems } = cleanJsonText(JSON.parse('{"id":"a\\u0000"}'));
 * problems; // [{ pointer: '/id', code: 'control_character' }]
 * ```
 */
export function cleanJsonText(input: unknown, maxProblems = 20): { value: unknown; problems: JsonTextProblem[] } {
  const problems: JsonTextProblem[] = [];
  const check = (text: string, pointer: string): string => {
    const code = textProblem(text, 'free');
    if (code && problems.length < maxProblems) problems.push({ pointer, code });
    return normalizeText(text);
  };
  const walk = (value: unknown, pointer: string): unknown => {
    if (typeof value === 'string') return check(value, pointer);
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${pointer}/${i}`));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const at = `${pointer}/${escapePointerPart(k)}`;
        // Defined, not assigned: a `__proto__` member stays a member (for the schema to refuse), never a prototype.
        Object.defineProperty(out, check(k, at), {
          value: walk(v, at),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return value;
  };
  return { value: walk(input, ''), problems };
}
