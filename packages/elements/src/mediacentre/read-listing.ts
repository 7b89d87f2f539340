import type { Mediacentre, Recommendation } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { GarMediacentreClient } from '@opengar/sdk';
import { reportLink } from '../shared/report-link.js';
import { isListing } from './listing.js';
import type { ErrorMessageKey, MediacentreTranslation } from './localize/translation.js';

/** What the médiacentre shows once loaded: the listing, the person's favourites and their teachers' recommendations. */
export interface LoadedListing {
  listing: Mediacentre;
  favouriteIds: readonly string[];
  recommended: readonly Recommendation[];
}

/**
 * Reads a school's listing (the person's current one without `uai`), with the favourites and recommendations the
 * standard view shows; the young pupils' view asks for neither. Favourites and recommendations are a bonus: a failure
 * or a service without them leaves them out. Answers come from the network: anything but a list is none.
 */
export async function readListing(
  client: GarMediacentreClient,
  o: { uai: string; young: boolean; signal: AbortSignal },
): Promise<LoadedListing> {
  const uai = o.uai || undefined;
  const { signal } = o;
  const [listing, favourites, recommended] = await Promise.all([
    client.resources(uai, { signal }),
    o.young ? undefined : client.favourites({ signal }).catch(() => undefined),
    o.young ? undefined : client.recommendations?.(uai, { signal })?.catch(() => undefined),
  ]);
  if (!isListing(listing)) throw new TypeError('unexpected listing');
  const ids = favourites?.resourceIds;
  return {
    listing,
    recommended: Array.isArray(recommended?.items) ? recommended.items : [],
    favouriteIds: Array.isArray(ids) ? ids : listing.resources.filter((r) => r.favourite).map((r) => r.id),
  };
}

/**
 * The error and offline states: what went wrong in words, « Réessayer » when a client is there, and the « Signaler un
 * problème » link when the page gave a support URL.
 */
export function errorState(o: {
  t: MediacentreTranslation;
  offline: boolean;
  errorKey: ErrorMessageKey | undefined;
  retry: (() => void) | undefined;
  supportUrl: string | undefined;
  failure: unknown;
  uai: string;
}): TemplateResult {
  const { t } = o;
  return html`<div class="message error" part="error">
    <h3>${o.offline ? t.offlineTitle : t.errorTitle}</h3>
    <p>${t.errors[o.errorKey ?? 'generic']}</p>
    ${o.retry ? html`<button class="button primary" @click=${o.retry}>${t.retry}</button>` : nothing}
    ${reportLink(o.supportUrl, o.failure, t.report, o.uai)}
  </div>`;
}
