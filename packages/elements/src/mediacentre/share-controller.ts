import type { Mediacentre, MediacentreResource } from '@opengar/core';
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { safeHttpUrl } from '../shared/safe-url.js';
import type { ShareTranslation } from './localize/share.js';
import { copyText, pageLinkOf, shareLinkOf, shareSection } from './share-link.js';

/**
 * The médiacentre's "copy a link" state: the status said after a copy, the page address typed in the details view and
 * its refusal. Kept out of the element's class so that it stays one concept per file.
 */
export class ShareController implements ReactiveController {
  /** Said (status) after a link was copied, or why it could not be. */
  notice: string | undefined;
  #page = '';
  #pageError: string | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Forgets the notice and the typed page (another resource, or back to the grid). */
  reset(): void {
    this.notice = undefined;
    this.#page = '';
    this.#pageError = undefined;
  }

  /** Copies the link to `r` (or to the page typed, checked first) and says so. */
  async copy(
    listing: Mediacentre | undefined,
    r: MediacentreResource,
    t: ShareTranslation,
    page?: string,
  ): Promise<void> {
    const launchUrl = safeHttpUrl(listing?.launchUrl);
    if (!launchUrl) return;
    let link = shareLinkOf(launchUrl, r);
    if (page !== undefined) {
      const checked = pageLinkOf(launchUrl, r, page, t);
      this.#pageError = checked.ok ? undefined : checked.error;
      this.host.requestUpdate();
      if (!checked.ok) return;
      link = checked.link;
    }
    const done = await copyText(link);
    this.notice = done ? (page === undefined ? t.copied(r.name) : t.pageCopied(r.name)) : t.copyFailed;
    this.host.requestUpdate();
  }

  /** The details view's share section, or nothing when the listing's launch URL is not safe. */
  section(listing: Mediacentre, r: MediacentreResource, t: ShareTranslation): TemplateResult | typeof nothing {
    const launchUrl = safeHttpUrl(listing.launchUrl);
    if (!launchUrl) return nothing;
    return shareSection(r, {
      t,
      link: shareLinkOf(launchUrl, r),
      page: this.#page,
      pageError: this.#pageError,
      onCopy: () => void this.copy(listing, r, t),
      onPageInput: (value) => {
        this.#page = value;
        this.#pageError = undefined;
        this.host.requestUpdate();
      },
      onCopyPage: () => void this.copy(listing, r, t, this.#page),
    });
  }
}
