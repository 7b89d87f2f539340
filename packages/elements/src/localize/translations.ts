import { fr } from './fr.js';
import type { MediacentreLang, MediacentreTranslation } from './translation.js';

// French is built in; other languages register themselves when their module is imported (`lang-en.js`), so a
// French-only page does not carry them.
const registry = new Map<MediacentreLang, MediacentreTranslation>([['fr', fr]]);
const listeners = new Set<() => void>();

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
  registry.set(lang, translation);
  for (const listener of listeners) listener();
}

/** The translation of `lang`, or French when that language was not registered. */
export function translationFor(lang: MediacentreLang): MediacentreTranslation {
  return registry.get(lang) ?? fr;
}

/** Calls `listener` whenever a language is registered; returns the unsubscribe function. */
export function onTranslationsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The language for a BCP 47 tag: English for `en…`, French otherwise (the default). */
export function langOf(tag: string | null | undefined): MediacentreLang {
  return tag !== null && tag !== undefined && /^en\b/i.test(tag) ? 'en' : 'fr';
}
