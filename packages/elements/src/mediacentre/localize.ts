import {
  LocalizeController,
  type LocalizedHost,
  langOf,
  lookup,
  onTranslationsChange,
  register,
} from '../shared/localize.js';
import { fr } from './localize/fr.js';
import type { MediacentreLang, MediacentreTranslation } from './localize/translation.js';

declare module '../shared/localize.js' {
  interface GarTranslations {
    'gar-mediacentre': MediacentreTranslation;
  }
}

// French is built in; English registers itself when `lang-en.js` is imported, so a French-only page does not carry it.
register('gar-mediacentre', 'fr', fr);

/**
 * Makes a language available to `<gar-mediacentre>` (elements already on the page re-render).
 *
 * @example
 * ```ts
 * import { en, registerTranslation } from '@opengar/elements';
 * registerTranslation('en', en); // what `@opengar/elements/lang-en.js` does
 * ```
 */
export function registerTranslation(lang: MediacentreLang, translation: MediacentreTranslation): void {
  register('gar-mediacentre', lang, translation);
}

/**
 * The translation of `<gar-mediacentre>` in `lang`, or French when that language was not registered.
 *
 * @example
 * ```ts
 * import { translationFor } from '@opengar/elements';
 * const title: string = translationFor('fr').title; // 'Médiacentre'
 * ```
 */
export function translationFor(lang: MediacentreLang): MediacentreTranslation {
  return lookup('gar-mediacentre', lang);
}

export { langOf, onTranslationsChange };

/** The element's texts in its `lang` (a controller: it re-renders the element when a language is registered). */
export const localize = (host: LocalizedHost): LocalizeController<'gar-mediacentre'> =>
  new LocalizeController(host, 'gar-mediacentre');
