import type { Person } from '../model/entities.js';
import { PROFILE_PRECEDENCE, audienceOf, type Audience, type Profile } from '../model/profiles.js';

/**
 * The profile that counts for a person at a school, by {@link PROFILE_PRECEDENCE}; `undefined` when the person has no
 * profile there (not, or no longer, at that school).
 *
 * @example
 * ```ts
 * primaryProfileAt(person, '0561641E'); // 'National_ens'
 * ```
 */
export function primaryProfileAt(person: Pick<Person, 'profiles'>, uai: string): Profile | undefined {
  let best: Profile | undefined;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const p of person.profiles) {
    if (p.uai !== uai) continue;
    const rank = PROFILE_PRECEDENCE.indexOf(p.profile);
    if (rank < bestRank) {
      best = p.profile;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * The licence audience a person counts in at a school, or `undefined` when they are not at that school.
 *
 * @example
 * ```ts
 * audienceAt(pupil, '0561641E'); // 'ELEVE'
 * ```
 */
export function audienceAt(person: Pick<Person, 'profiles'>, uai: string): Audience | undefined {
  const p = primaryProfileAt(person, uai);
  return p && audienceOf(p);
}

/**
 * The schools a person has a profile at, in first-seen order.
 *
 * @example
 * ```ts
 * schoolsOf(person); // ['0561641E', '0561622J']
 * ```
 */
export function schoolsOf(person: Pick<Person, 'profiles'>): string[] {
  return [...new Set(person.profiles.map((p) => p.uai))];
}

/** Whether a person is a pupil at a school. */
export function isPupilAt(person: Pick<Person, 'profiles'>, uai: string): boolean {
  return primaryProfileAt(person, uai) === 'National_elv';
}
