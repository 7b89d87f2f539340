import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The languages the elements speak: French (the default) and English. */
export type Lang = 'fr' | 'en';

/** What the user reads when something fails; each maps from error codes in `describe-error.ts`. */
export type ErrorMessageKey =
  | 'offline'
  | 'unreachable'
  | 'originRefused'
  | 'authRefused'
  | 'timeout'
  | 'session'
  | 'forbidden'
  | 'notEntitled'
  | 'unavailable'
  | 'generic'
  | 'notConfigured'
  | 'badLink';

/**
 * The translation interface of each element, by tag name. An element's `localize.ts` adds its entry (declaration
 * merging), so that the one registry below is typed per element.
 */
// biome-ignore lint/suspicious/noEmptyInterface: elements add their entries by declaration merging, which a type alias cannot take.
export interface GarTranslations {}

/** A tag name that has a translation interface. */
export type TranslatedTag = keyof GarTranslations;

// One registry for every element: French is registered by each element's `localize.ts` when the element is
// imported; other languages register when their module is imported, so a page carries only what it speaks.
const registry = new Map<string, unknown>();
const listeners = new Set<() => void>();

/** Makes `translation` the text of `tag` in `lang`; elements already on the page re-render. */
export function register<K extends TranslatedTag>(tag: K, lang: Lang, translation: GarTranslations[K]): void {
  registry.set(`${tag}:${lang}`, translation);
  for (const listener of listeners) listener();
}

/** The text of `tag` in `lang`, or in French when that language was not registered. */
export function lookup<K extends TranslatedTag>(tag: K, lang: Lang): GarTranslations[K] {
  return (registry.get(`${tag}:${lang}`) ?? registry.get(`${tag}:fr`)) as GarTranslations[K];
}

/** Calls `listener` whenever a language is registered; returns the unsubscribe function. */
export function onTranslationsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The language for a BCP 47 tag: English for `en…`, French otherwise (the default). */
export function langOf(tag: string | null | undefined): 'fr' | 'en' {
  return tag !== null && tag !== undefined && /^en\b/i.test(tag) ? 'en' : 'fr';
}

/** The host's side of {@link LocalizeController}: its `lang` property. */
export interface LocalizedHost extends ReactiveControllerHost {
  lang: string;
  // Named, so that `willUpdate` sees a change of `lang` and re-sorts what depends on the language.
  requestUpdate(name?: PropertyKey): void;
}

/** An element's texts in its `lang`, re-rendering it when a language is registered while it is on the page. */
export class LocalizeController<K extends TranslatedTag> implements ReactiveController {
  #stop?: () => void;

  constructor(
    private readonly host: LocalizedHost,
    private readonly tag: K,
  ) {
    host.addController(this);
  }

  /** The host's language. */
  get lang(): Lang {
    return langOf(this.host.lang);
  }

  /** The host's texts in its language. */
  get t(): GarTranslations[K] {
    return lookup(this.tag, this.lang);
  }

  hostConnected(): void {
    this.#stop = onTranslationsChange(() => this.host.requestUpdate('lang'));
  }

  hostDisconnected(): void {
    this.#stop?.();
  }
}
