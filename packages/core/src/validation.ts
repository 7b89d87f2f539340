import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from './errors.js';
import {
  entSchema,
  groupSchema,
  membershipSchema,
  mefSchema,
  personSchema,
  publisherSchema,
  resourceSchema,
  respAffSchema,
  schoolSchema,
  subscriptionSchema,
  type Ent,
  type Group,
  type Membership,
  type Mef,
  type Person,
  type Publisher,
  type Resource,
  type RespAff,
  type School,
  type Subscription,
} from './model/entities.js';

/** Escapes one JSON pointer segment (RFC 6901). */
function segment(part: PropertyKey): string {
  return String(part).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Turns a path into an RFC 6901 JSON pointer. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${segment(p)}`).join('');
}

function issueCode(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return 'input' in issue && issue.input === undefined ? 'required' : 'invalid_type';
    case 'too_big':
      return issue.origin === 'string' ? 'too_long' : 'too_big';
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? 'required' : 'too_small';
    case 'invalid_value':
      return 'invalid_enum';
    case 'unrecognized_keys':
      return 'unknown_field';
    case 'invalid_format':
      return 'invalid_format';
    case 'invalid_union':
      return 'input' in issue && issue.input === undefined ? 'required' : 'invalid_type';
    case 'custom': {
      const code = (issue.params as { code?: unknown } | undefined)?.code;
      return typeof code === 'string' ? code : 'invalid_format';
    }
    default:
      return 'invalid_format';
  }
}

/** Converts zod issues to {@link ValidationIssue}s with JSON pointers; unknown keys get one issue each. */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ pointer: toJsonPointer([...issue.path, key]), code: 'unknown_field', message: 'unknown field' });
      }
      continue;
    }
    const code = issueCode(issue);
    const message = code === 'required' ? 'required' : issue.message;
    out.push({ pointer: toJsonPointer(issue.path), code, message });
  }
  return out;
}

/** The result of a `safeParse…` function. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ValidationError };

/**
 * Validates untrusted input against a schema, never throwing.
 *
 * @example
 * ```ts
 * const r = safeParse(resourceSchema, body, 'resource');
 * if (!r.ok) return problem(400, r.error.issues);
 * ```
 */
export function safeParse<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): ParseResult<z.output<S>> {
  // reportInput lets us tell a missing field from a wrong one; the input itself never reaches a message.
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, error: new ValidationError(toValidationIssues(r.error.issues), what) };
}

/**
 * Validates untrusted input against a schema, throwing a {@link ValidationError} that lists every problem.
 *
 * @example
 * ```ts
 * const person = parse(personSchema, body, 'person');
 * ```
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.output<S> {
  const r = safeParse(schema, input, what);
  if (!r.ok) throw r.error;
  return r.value;
}

/** Validates an ENT registration. @throws {@link ValidationError} */
export const parseEnt = (input: unknown): Ent => parse(entSchema, input, 'ENT');
/** Validates a school. @throws {@link ValidationError} */
export const parseSchool = (input: unknown): School => parse(schoolSchema, input, 'school');
/** Validates a person. @throws {@link ValidationError} */
export const parsePerson = (input: unknown): Person => parse(personSchema, input, 'person');
/** Validates a MEF. @throws {@link ValidationError} */
export const parseMef = (input: unknown): Mef => parse(mefSchema, input, 'MEF');
/** Validates a division or group. @throws {@link ValidationError} */
export const parseGroup = (input: unknown): Group => parse(groupSchema, input, 'group');
/** Validates a membership. @throws {@link ValidationError} */
export const parseMembership = (input: unknown): Membership => parse(membershipSchema, input, 'membership');
/** Validates a publisher account. @throws {@link ValidationError} */
export const parsePublisher = (input: unknown): Publisher => parse(publisherSchema, input, 'publisher');
/** Validates a catalogue resource. @throws {@link ValidationError} */
export const parseResource = (input: unknown): Resource => parse(resourceSchema, input, 'resource');
/** Validates a subscription. @throws {@link ValidationError} */
export const parseSubscription = (input: unknown): Subscription => parse(subscriptionSchema, input, 'subscription');
/** Validates a RespAff entry. @throws {@link ValidationError} */
export const parseRespAff = (input: unknown): RespAff => parse(respAffSchema, input, 'RespAff entry');
