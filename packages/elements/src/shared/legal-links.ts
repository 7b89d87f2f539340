import { html, nothing, type TemplateResult } from 'lit';
import type { Lang } from './localize.js';

const WORDS = {
  fr: { label: 'Informations légales', terms: 'Conditions d’utilisation', notice: 'Mentions d’information' },
  en: { label: 'Legal information', terms: 'Terms of use', notice: 'Information notice' },
} as const;

/**
 * A link the page may show: an `https:` URL without credentials, or a path of the page's own origin (`/cgu`);
 * anything else (`javascript:`, `http:`, `//other.example`) is `undefined`.
 */
export function safeLegalHref(value: string | null | undefined, base = globalThis.location?.href): string | undefined {
  if (!value) return undefined;
  const sameOrigin = value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
  try {
    const url = sameOrigin && base ? new URL(value, base) : new URL(value);
    if (url.username || url.password) return undefined;
    if (sameOrigin) return base && url.origin === new URL(base).origin ? url.href : undefined;
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The deployment's terms of use and information notice under an element, when its `terms-url` and `notice-url` are
 * set and safe; nothing otherwise.
 */
export function legalLinks(
  termsUrl: string | undefined,
  noticeUrl: string | undefined,
  lang: Lang,
): TemplateResult | typeof nothing {
  const terms = safeLegalHref(termsUrl);
  const notice = safeLegalHref(noticeUrl);
  if (!terms && !notice) return nothing;
  const w = WORDS[lang];
  return html`<nav class="legal" part="legal" aria-label=${w.label}>
    ${terms ? html`<a href=${terms} target="_blank" rel="noopener noreferrer">${w.terms}</a>` : nothing}
    ${terms && notice ? ' · ' : nothing}
    ${notice ? html`<a href=${notice} target="_blank" rel="noopener noreferrer">${w.notice}</a>` : nothing}
  </nav>`;
}
