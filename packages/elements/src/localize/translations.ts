import { en } from './en.js';
import { fr } from './fr.js';
import type { MediacentreLang, MediacentreTranslation } from './translation.js';

/** The translations, by language. */
export const translations: Readonly<Record<MediacentreLang, MediacentreTranslation>> = { fr, en };

/** The language for a BCP 47 tag: English for `en…`, French otherwise (the default). */
export function langOf(tag: string | null | undefined): MediacentreLang {
  return tag !== null && tag !== undefined && /^en\b/i.test(tag) ? 'en' : 'fr';
}
