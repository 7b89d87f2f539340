import type { UnusedStats } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { UsageStatsTranslation } from './localize/translation.js';

// Lists show bands, never small counts (GAR-REFERENCE.md): a count is a number when it is zero or at least k, else
// the service's band. Names come from the service, untrusted: text bindings only.

type Banded = number | string;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A banded count for the locale: zero or a number of at least k, else the band (`<5`). A small number never shows,
 * even if an answer carried one.
 */
export function bandedText(v: Banded, k: number, format: (n: number) => string): string {
  if (typeof v === 'number' && Number.isInteger(v) && (v === 0 || v >= k)) return format(v);
  return typeof v === 'string' && /^<\d{1,3}$/.test(v) ? v : `<${k}`;
}

const isBand = (v: Banded) => typeof v !== 'number';

/** "Allocated but never opened" and "opened by few". */
export function unusedLists(u: UnusedStats, t: UsageStatsTranslation, format: (n: number) => string): TemplateResult {
  const k = u.k;
  return html`<section class="list-section" part="unused" aria-labelledby="unused-title">
      <h3 id="unused-title">${t.unusedTitle}</h3>
      <p class="hint">${t.unusedHint}</p>
      ${
        u.neverOpened.length === 0
          ? html`<p class="none">${t.unusedNone}</p>`
          : html`<ul class="list">
            ${u.neverOpened.map(
              (x) => html`<li data-resource=${text(x.resourceId)}>
                <span class="name">${text(x.resourceLabel)}</span> <span class="meta">${t.allocated(bandedText(x.allocatedCopies, k, format))}</span>
              </li>`,
            )}
          </ul>`
      }
    </section>
    <section class="list-section" part="few" aria-labelledby="few-title">
      <h3 id="few-title">${t.fewTitle}</h3>
      <p class="hint">${t.fewHint}</p>
      ${
        u.openedByFew.length === 0
          ? html`<p class="none">${t.fewNone}</p>`
          : html`<ul class="list">
            ${u.openedByFew.map(
              (x) => html`<li data-resource=${text(x.resourceId)}>
                <span class="name">${text(x.resourceLabel)}</span>
                <span class="meta">${t.openedBy(bandedText(x.people, k, format))} · ${t.allocated(bandedText(x.allocatedCopies, k, format))}</span>
              </li>`,
            )}
          </ul>`
      }
      ${u.openedByFew.length || u.neverOpened.some((x) => isBand(x.allocatedCopies)) ? html`<p class="hint">${t.suppressedPrimary(`<${k}`, format(k))}</p>` : nothing}
    </section>`;
}
