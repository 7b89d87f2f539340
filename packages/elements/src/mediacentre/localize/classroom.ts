import { register } from '../../shared/localize.js';

/** The texts of the médiacentre's teacher recommendations and textbooks row. */
export interface MediacentreClassroomTranslation {
  /** Heading of the recommended row. */
  recommended: string;
  /** « Recommandé par M. Martin ». */
  recommendedBy(teacher: string): string;
  /** Heading of the textbooks row (`textbooks-apart`). */
  textbooks: string;
}

/** French (built in). */
export const classroomFr: MediacentreClassroomTranslation = {
  recommended: 'Recommandé par vos enseignants',
  recommendedBy: (teacher) => `Recommandé par ${teacher}`,
  textbooks: 'Mes manuels',
};

declare module '../../shared/localize.js' {
  interface GarTranslations {
    'gar-mediacentre-classroom': MediacentreClassroomTranslation;
  }
}

// French is built in; English registers itself with `lang-en.js`, as the médiacentre's own texts do.
register('gar-mediacentre-classroom', 'fr', classroomFr);
