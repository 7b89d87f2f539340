import type { School } from '../model/entities.js';
import type { Audience, Profile } from '../model/profiles.js';

/** One level of an école élémentaire: its MEFSTAT4 (as 1D feeds give it), label and cycle. */
export interface PrimaryLevel {
  mefStat4: string;
  label: 'CP' | 'CE1' | 'CE2' | 'CM1' | 'CM2';
  cycle: 2 | 3;
}

/**
 * The levels of an école élémentaire (our rule: the MEFSTAT4 codes 1D feeds carry in `GARPersonMEFSTAT4`, CP `2111`
 * to CM2 `2115`; a code outside this list is reported by the sync report, not refused).
 */
export const PRIMARY_LEVELS: readonly PrimaryLevel[] = [
  { mefStat4: '2111', label: 'CP', cycle: 2 },
  { mefStat4: '2112', label: 'CE1', cycle: 2 },
  { mefStat4: '2113', label: 'CE2', cycle: 2 },
  { mefStat4: '2114', label: 'CM1', cycle: 3 },
  { mefStat4: '2115', label: 'CM2', cycle: 3 },
];

/**
 * The level of an école a MEFSTAT4 names, or `undefined`.
 *
 * @example
 * ```ts
 * primaryLevelOf('2111')?.label; // 'CP'
 * ```
 */
export function primaryLevelOf(mefStat4: string): PrimaryLevel | undefined {
  return PRIMARY_LEVELS.find((l) => l.mefStat4 === mefStat4);
}

/** Profiles an école has no use for (our rule): there is no professeur documentaliste in the first degree. */
export const PROFILES_ABSENT_AT_ECOLE: readonly Profile[] = ['National_doc'];

/**
 * The audiences that exist at a school (our rule): at an école (`degree` `1D`) there is no librarian, so the
 * `DOCUMENTALISTE` pool is not offered; a secondary school keeps every audience given.
 *
 * @example
 * ```ts
 * audiencesAtSchool({ degree: '1D' }, ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE']); // ['ELEVE', 'ENSEIGNANT']
 * ```
 */
export function audiencesAtSchool(school: Pick<School, 'degree'>, audiences: readonly Audience[]): Audience[] {
  return school.degree === '1D' ? audiences.filter((a) => a !== 'DOCUMENTALISTE') : [...audiences];
}
