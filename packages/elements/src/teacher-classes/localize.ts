import { LocalizeController, type LocalizedHost, register } from '../shared/localize.js';
import { teacherClassesEn } from './localize/en.js';
import { teacherClassesFr } from './localize/fr.js';
import type { TeacherClassesTranslation } from './localize/translation.js';

declare module '../shared/localize.js' {
  interface GarTranslations {
    'gar-teacher-classes': TeacherClassesTranslation;
  }
}

// For staff on any page: both languages come with it.
register('gar-teacher-classes', 'fr', teacherClassesFr);
register('gar-teacher-classes', 'en', teacherClassesEn);

/** The element's texts in its `lang` (a controller: it re-renders the element when a language is registered). */
export const localize = (host: LocalizedHost): LocalizeController<'gar-teacher-classes'> =>
  new LocalizeController(host, 'gar-teacher-classes');
