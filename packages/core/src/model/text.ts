import type { z } from 'zod';

/**
 * Why a text input is refused:
 * - `control_character`: a C0 control (U+0000–U+001F) or DEL; free text may hold tab, line feed and carriage return.
 * - `format_character`: an invisible format character (Unicode category Cf: zero-width space/joiners, bidi
 *   overrides and isolates, BOM…), in an id only.
 * - `mixed_script`: letters of more than one script in an id (a Cyrillic `а` in a Latin id looks the same).
 */
export type TextProblemCode = 'control_character' | 'format_character' | 'mixed_script';

/** Which rule a text follows: an identifier, or free text (names, labels, comments). */
export type TextKind = 'id' | 'free';

const ANY_CONTROL = /[\u0000-\u001f\u007f]/u;
const CONTROL_BUT_SPACING = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;
const FORMAT = /\p{Cf}/u;

/**
 * Scripts whose letters are told apart; Common and Inherited characters (digits, punctuation, combining marks) belong
 * to none. Han, Hiragana and Katakana are written together, so they count as one.
 */
const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Han', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
];
const LETTER = /\p{L}/u;
const NON_ASCII = /[^\u0000-\u007f]/u;

function scriptOf(char: string): string {
  for (const [name, re] of SCRIPTS) if (re.test(char)) return name;
  return 'Other';
}

/** Whether the letters of `value` come from more than one script. */
function mixesScripts(value: string): boolean {
  if (!NON_ASCII.test(value)) return false;
  let first: string | undefined;
  for (const char of value) {
    if (!LETTER.test(char)) continue;
    const script = scriptOf(char);
    if (first === undefined) first = script;
    else if (script !== first) return true;
  }
  return false;
}

/**
 * Why `value` is refused as text of `kind`, or `undefined` when it is acceptable. The value is checked as given: NFC
 * normalisation ({@link normalizeText}) comes first where the text is stored.
 *
 * @example
 * ```ts
 * textProblem('eleve\u0000', 'id');      // 'control_character'
 * textProblem('ab\u200bc', 'id');        // 'format_character'
 * textProblem('p\u0430ul', 'id');        // 'mixed_script' (Cyrillic а)
 * textProblem('line 1\nline 2', 'free'); // undefined
 * ```
 */
export function textProblem(value: string, kind: TextKind): TextProblemCode | undefined {
  if (kind === 'free') return CONTROL_BUT_SPACING.test(value) ? 'control_character' : undefined;
  if (ANY_CONTROL.test(value)) return 'control_character';
  if (FORMAT.test(value)) return 'format_character';
  if (mixesScripts(value)) return 'mixed_script';
  return undefined;
}

/**
 * A sentence explaining a {@link TextProblemCode}, for validation messages (never quoting the input).
 *
 * @example
 * ```ts
 * TEXT_PROBLEM_MESSAGES.control_character; // 'control characters are not accepted'
 * ```
 */
export const TEXT_PROBLEM_MESSAGES: Readonly<Record<TextProblemCode, string>> = {
  control_character: 'control characters are not accepted',
  format_character: 'invisible format characters (zero-width, bidi controls) are not accepted in an identifier',
  mixed_script: 'an identifier mixes letters of several scripts (look-alike characters)',
};

/**
 * The canonical spelling of a text: Unicode NFC, so that `é` typed as one code point or as `e` + combining accent is
 * the same id.
 *
 * @example
 * ```ts
 * normalizeText('e\u0301') === '\u00e9'; // true
 * ```
 */
export function normalizeText(value: string): string {
  return value.normalize('NFC');
}

/**
 * An identifier's zod rule: NFC-normalised, then no control, no format character, no mixed scripts. Compose it with
 * length and pattern checks: `idText(z.string().min(1).max(64))`.
 *
 * @example
 * ```ts
 * const personId = idText(z.string().min(1).max(64));
 * personId.parse('e\u0301leve'); // 'élève'-style NFC spelling
 * ```
 */
export function idText(schema: z.ZodString): z.ZodString {
  return schema.overwrite(normalizeText).superRefine((value, ctx) => {
    const code = textProblem(value, 'id');
    if (code) ctx.addIssue({ code: 'custom', message: TEXT_PROBLEM_MESSAGES[code], params: { code } });
  });
}

/**
 * A free text's zod rule (a name, a label, a comment): NFC-normalised, tab and line breaks allowed, no other control.
 *
 * @example
 * ```ts
 * const comment = freeText(z.string().max(255));
 * ```
 */
export function freeText(schema: z.ZodString): z.ZodString {
  return schema.overwrite(normalizeText).superRefine((value, ctx) => {
    const code = textProblem(value, 'free');
    if (code) ctx.addIssue({ code: 'custom', message: TEXT_PROBLEM_MESSAGES[code], params: { code } });
  });
}
