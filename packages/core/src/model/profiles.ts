import { z } from 'zod';

/** GAR's national profiles, as emitted (input is accepted in any case, see {@link normalizeProfile}). */
export const PROFILES = [
  'National_elv',
  'National_ens',
  'National_doc',
  'National_dir',
  'National_evs',
  'National_eta',
  'National_col',
] as const;

/** A GAR national profile: pupil, teacher, librarian-teacher, head, school-life, administrative or local-authority staff. */
export type Profile = (typeof PROFILES)[number];

/** Licence audiences (`publicCible`). */
export const AUDIENCES = ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'] as const;

/** A licence audience (`publicCible`). */
export type Audience = (typeof AUDIENCES)[number];

const PROFILE_BY_LOWER = new Map<string, Profile>(PROFILES.map((p) => [p.toLowerCase(), p]));

/**
 * Normalises a profile written in any case to GAR's spelling, or returns `undefined` when it is not a profile.
 *
 * @example
 * ```ts
 * normalizeProfile('NATIONAL_ELV'); // 'National_elv'
 * normalizeProfile('teacher');      // undefined
 * ```
 */
export function normalizeProfile(value: string): Profile | undefined {
  return PROFILE_BY_LOWER.get(value.trim().toLowerCase());
}

const AUDIENCE_OF: Record<Profile, Audience> = {
  National_elv: 'ELEVE',
  National_ens: 'ENSEIGNANT',
  National_doc: 'DOCUMENTALISTE',
  National_dir: 'AUTRE PERSONNEL',
  National_evs: 'AUTRE PERSONNEL',
  National_eta: 'AUTRE PERSONNEL',
  National_col: 'AUTRE PERSONNEL',
};

/**
 * The licence audience a profile counts in (our rule: elv→ELEVE, ens→ENSEIGNANT, doc→DOCUMENTALISTE, others→AUTRE PERSONNEL).
 *
 * @example
 * ```ts
 * audienceOf('National_doc'); // 'DOCUMENTALISTE'
 * ```
 */
export function audienceOf(profile: Profile): Audience {
  return AUDIENCE_OF[profile];
}

/** Which profile wins when a person holds several at one school (our rule): the most specific staff role first, pupil last. */
export const PROFILE_PRECEDENCE: readonly Profile[] = [
  'National_dir',
  'National_doc',
  'National_ens',
  'National_evs',
  'National_eta',
  'National_col',
  'National_elv',
];

/** Zod schema of a profile: accepts any case, yields GAR's spelling. */
export const profileSchema = z
  .string()
  .max(31)
  .transform((v, ctx) => {
    const p = normalizeProfile(v);
    if (!p) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown profile; expected one of ${PROFILES.join(', ')}`,
        params: { code: 'invalid_enum' },
      });
      return z.NEVER;
    }
    return p;
  });

/** Zod schema of an audience (`publicCible`). */
export const audienceSchema = z.enum(AUDIENCES);
