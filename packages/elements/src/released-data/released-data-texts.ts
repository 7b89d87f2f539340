import type { AttributeName } from '@opengar/core';
import type { Lang } from '../shared/localize.js';

/**
 * Who the words speak to: `tu` (a pupil, about themself), `vous` (an adult, about themself), `neutral` (a head or
 * librarian, about someone else).
 */
export type ReleasedDataVoice = 'tu' | 'vous' | 'neutral';

/** « Données transmises » in words: the heading, what comes before and after the list, and one phrase per attribute. */
export interface ReleasedDataTexts {
  heading: string;
  intro: string;
  /** What is never sent (the ENT's identifiers, the birth date). */
  nothingElse: string;
  loading: string;
  failed: string;
  /** The console's two lists: what a resource can receive about a pupil, and about a member of staff. */
  aboutPupil: string;
  aboutStaff: string;
  attribute: Record<AttributeName, string>;
}

type Phrases = Record<AttributeName, readonly [tu: string, vous: string, neutral: string]>;

const NNBSP = '\u202f';

const FR: Phrases = {
  IDO: [
    'un identifiant qui ne te désigne qu’auprès de cet éditeur',
    'un identifiant qui ne vous désigne qu’auprès de cet éditeur',
    'un identifiant propre à cet éditeur, qui ne permet pas de relier la personne d’un éditeur à l’autre',
  ],
  UAI: ['ton établissement', 'votre établissement', 'l’établissement'],
  PRO: [
    'ton profil (élève)',
    'votre profil (enseignant, documentaliste, personnel…)',
    'le profil (élève, enseignant…)',
  ],
  NOM: ['ton nom', 'votre nom', 'le nom'],
  PRE: ['ton prénom', 'votre prénom', 'le prénom'],
  CIV: ['ta civilité (M. ou Mme)', 'votre civilité (M. ou Mme)', 'la civilité (M. ou Mme)'],
  P_MEL: ['ton adresse électronique', 'votre adresse électronique', 'l’adresse électronique (personnels seulement)'],
  DIV: ['ta classe', 'vos classes', 'la classe ou les classes'],
  GRO: ['tes groupes', 'vos groupes', 'les groupes'],
  P_MS4: ['les niveaux où tu enseignes', 'les niveaux où vous enseignez', 'les niveaux enseignés (personnels)'],
  E_MS4: ['ton niveau (par exemple 6e)', 'votre niveau', 'le niveau (élèves)'],
};

const EN: Phrases = {
  IDO: [
    'an identifier that refers to you for this publisher only',
    'an identifier that refers to you for this publisher only',
    'an identifier for this publisher only, which cannot link the person from one publisher to another',
  ],
  UAI: ['your school', 'your school', 'the school'],
  PRO: ['your role (pupil)', 'your role (teacher, librarian, staff…)', 'the role (pupil, teacher…)'],
  NOM: ['your last name', 'your last name', 'the last name'],
  PRE: ['your first name', 'your first name', 'the first name'],
  CIV: ['your title (Mr or Ms)', 'your title (Mr or Ms)', 'the title (Mr or Ms)'],
  P_MEL: ['your e-mail address', 'your e-mail address', 'the e-mail address (staff only)'],
  DIV: ['your class', 'your classes', 'the class or classes'],
  GRO: ['your groups', 'your groups', 'the groups'],
  P_MS4: ['the year groups you teach', 'the year groups you teach', 'the year groups taught (staff)'],
  E_MS4: ['your year group (for example Year 7)', 'your year group', 'the year group (pupils)'],
};

const FRAME = {
  fr: {
    heading: 'Données transmises',
    intro: [
      `Quand tu ouvres cette ressource, son éditeur reçoit seulement${NNBSP}:`,
      `Quand vous ouvrez cette ressource, son éditeur reçoit seulement${NNBSP}:`,
      `Quand une personne ouvre cette ressource, son éditeur reçoit seulement${NNBSP}:`,
    ],
    nothingElse: [
      `Rien d’autre${NNBSP}: ni ton identifiant de l’ENT, ni ta date de naissance.`,
      `Rien d’autre${NNBSP}: ni votre identifiant de l’ENT, ni votre date de naissance.`,
      `Rien d’autre${NNBSP}: ni l’identifiant de l’ENT, ni la date de naissance.`,
    ],
    loading: 'Chargement des données transmises…',
    aboutPupil: `Sur un élève${NNBSP}:`,
    aboutStaff: `Sur un membre du personnel${NNBSP}:`,
    failed: 'Les données transmises ne peuvent pas être affichées pour l’instant.',
  },
  en: {
    heading: 'Data shared',
    intro: [
      'When you open this resource, its publisher receives only:',
      'When you open this resource, its publisher receives only:',
      'When someone opens this resource, its publisher receives only:',
    ],
    nothingElse: [
      'Nothing else: not your ENT account identifier, not your date of birth.',
      'Nothing else: not your ENT account identifier, not your date of birth.',
      'Nothing else: not the ENT account identifier, not the date of birth.',
    ],
    loading: 'Loading the data shared…',
    aboutPupil: 'About a pupil:',
    aboutStaff: 'About a member of staff:',
    failed: 'The data shared cannot be shown right now.',
  },
} as const;

const VOICES: readonly ReleasedDataVoice[] = ['tu', 'vous', 'neutral'];

/**
 * The words of « données transmises » in `lang` for `voice`.
 *
 * @example
 * ```ts
 * import { releasedDataTexts } from '@opengar/elements';
 * releasedDataTexts('fr', 'tu').attribute.UAI; // 'ton établissement'
 * ```
 */
export function releasedDataTexts(lang: Lang, voice: ReleasedDataVoice): ReleasedDataTexts {
  const i = VOICES.indexOf(voice);
  const phrases = lang === 'en' ? EN : FR;
  const frame = FRAME[lang === 'en' ? 'en' : 'fr'];
  const attribute = Object.fromEntries(Object.entries(phrases).map(([k, v]) => [k, v[i]])) as Record<
    AttributeName,
    string
  >;
  return {
    heading: frame.heading,
    intro: frame.intro[i]!,
    nothingElse: frame.nothingElse[i]!,
    loading: frame.loading,
    failed: frame.failed,
    aboutPupil: frame.aboutPupil,
    aboutStaff: frame.aboutStaff,
    attribute,
  };
}
