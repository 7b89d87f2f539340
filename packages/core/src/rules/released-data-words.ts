import type { AttributeName } from '../model/entities.js';

const WORDS: Record<'fr' | 'en', Record<AttributeName, string>> = {
  fr: {
    IDO: 'un pseudonyme propre à cette ressource (jamais l’identifiant de l’ENT)',
    UAI: 'l’établissement (code UAI)',
    PRO: 'le profil (élève, enseignant, documentaliste…)',
    NOM: 'le nom',
    PRE: 'le prénom',
    CIV: 'la civilité',
    P_MEL: 'l’adresse électronique des personnels (jamais celle d’un élève)',
    DIV: 'les classes',
    GRO: 'les groupes',
    P_MS4: 'les niveaux enseignés (MEFSTAT4)',
    E_MS4: 'le niveau de l’élève (MEFSTAT4)',
  },
  en: {
    IDO: 'a pseudonym specific to this resource (never the ENT’s identifier)',
    UAI: 'the school (UAI code)',
    PRO: 'the profile (pupil, teacher, librarian…)',
    NOM: 'the last name',
    PRE: 'the first name',
    CIV: 'the civility',
    P_MEL: 'the e-mail address of staff (never a pupil’s)',
    DIV: 'the classes',
    GRO: 'the groups',
    P_MS4: 'the levels taught (MEFSTAT4)',
    E_MS4: 'the pupil’s level (MEFSTAT4)',
  },
};

const ORDER: readonly AttributeName[] = [
  'IDO',
  'UAI',
  'PRO',
  'CIV',
  'NOM',
  'PRE',
  'P_MEL',
  'DIV',
  'GRO',
  'P_MS4',
  'E_MS4',
];

/**
 * What a resource would receive, in words, from the attributes it declared: the pseudonym always first (it is always
 * released), then each declared attribute once, in a fixed order, in French (default) or English. The release function
 * (`releasableAttributeNames`, the hand-off's own) sends each declared attribute to some profile, so this is the same
 * list (a property test checks it); it is not called here because its modules would bring zod into the elements.
 *
 * @example
 * ```ts
 * describeReleasedData(['NOM', 'UAI']);
 * // ['un pseudonyme propre à cette ressource (jamais l’identifiant de l’ENT)', 'l’établissement (code UAI)', 'le nom']
 * ```
 */
export function describeReleasedData(declared: readonly AttributeName[], lang: 'fr' | 'en' = 'fr'): string[] {
  const words = WORDS[lang];
  const set = new Set<AttributeName>(declared);
  set.add('IDO');
  return ORDER.filter((a) => set.has(a)).map((a) => words[a]);
}
