import { checkGrain, type MediacentreResource } from '@opengar/core';
import { resourceLink } from '@opengar/sdk';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ShareTranslation } from './localize/share.js';

/** The link a teacher copies: `GET /launch?idRessource=…[&grain=…]` of the listing's launch URL (no token, no ENT). */
export function shareLinkOf(launchUrl: string, r: MediacentreResource, grain?: string): string {
  return resourceLink({ launchUrl, resourceId: r.id, ...(grain === undefined ? {} : { grain }) });
}

/** Copies text to the clipboard; `false` when the browser refuses (no permission, insecure page). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** What the share section of the details view needs. */
export interface ShareSectionOptions {
  t: ShareTranslation;
  link: string;
  /** The page address typed so far, and its refusal (shown once the person tried to copy). */
  page: string;
  pageError?: string | undefined;
  onCopy: () => void;
  onPageInput: (value: string) => void;
  onCopyPage: () => void;
}

/**
 * The details view's "share" section: the resource's link with a copy button, and, when the publisher declared
 * origins for its pages, a field to paste a page's address and copy a link to that page (checked as the service will:
 * the error says why before anything is copied).
 */
export function shareSection(r: MediacentreResource, o: ShareSectionOptions): TemplateResult {
  const origins = Array.isArray(r.grainOrigins) ? r.grainOrigins.filter((x) => typeof x === 'string') : [];
  const invalid = o.pageError !== undefined;
  return html`<section class="share" part="share" aria-labelledby="share-title">
    <h4 id="share-title">${o.t.title}</h4>
    <p class="meta">${o.t.intro}</p>
    <label for="share-link">${o.t.resourceLink}</label>
    <div class="share-row">
      <input id="share-link" part="share-link" type="url" readonly .value=${o.link} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
      <button class="button" part="copy-link-button" @click=${o.onCopy}>${o.t.copy}</button>
    </div>
    ${
      origins.length === 0
        ? nothing
        : html`<label for="page-address">${o.t.pageAddress}</label>
          <p class="meta" id="page-hint">${o.t.pageHint(origins.join(', '))}</p>
          <div class="share-row">
            <input
              id="page-address"
              part="page-address"
              type="url"
              inputmode="url"
              autocomplete="off"
              spellcheck="false"
              aria-describedby=${invalid ? 'page-hint page-error' : 'page-hint'}
              aria-invalid=${invalid ? 'true' : 'false'}
              .value=${o.page}
              @input=${(e: Event) => o.onPageInput((e.target as HTMLInputElement).value)}
              @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && o.onCopyPage()}
            />
            <button class="button" part="copy-page-button" @click=${o.onCopyPage}>${o.t.copyPage}</button>
          </div>
          ${invalid ? html`<p class="field-error" id="page-error" part="page-error">${o.pageError}</p>` : nothing}`
    }
  </section>`;
}

/** The page link for a typed address, or the text of its refusal. */
export function pageLinkOf(
  launchUrl: string,
  r: MediacentreResource,
  typed: string,
  t: ShareTranslation,
): { ok: true; link: string } | { ok: false; error: string } {
  const checked = checkGrain(typed.trim(), Array.isArray(r.grainOrigins) ? r.grainOrigins : []);
  if (!checked.ok) return { ok: false, error: t.grainErrors[checked.reason] };
  return { ok: true, link: shareLinkOf(launchUrl, r, checked.url) };
}

/** The share section's styles (added to the médiacentre's). */
export const shareStyles = css`
  .share { margin-top: 1.25rem; border-top: 1px solid var(--_border); padding-top: 0.75rem; }
  .share h4 { margin: 0 0 0.25rem; font-size: 1rem; }
  .share label { display: block; font-weight: 600; margin-top: 0.75rem; }
  .share-row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 0.25rem; }
  .share-row input {
    flex: 1 1 16rem; min-width: 0; font: inherit; padding: 0.4rem;
    color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border); border-radius: 4px;
  }
  .share-row input[aria-invalid='true'] { border-color: var(--_danger); }
  .field-error { color: var(--_danger); margin: 0.25rem 0 0; }
`;
