import type { QualityStats } from '@opengar/core';
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { UsageStatsTranslation } from './localize/translation.js';
import { formatDay } from './period-grid.js';
import { bandedText } from './stats-lists.js';

/** What one resource's month says: it worked, it was unreachable, it refused people, or no one used it. */
export type QualityVerdict = 'ok' | 'down' | 'refusals' | 'unused';

type Day = QualityStats['handoffs'][number];
const positive = (v: number | string) => (typeof v === 'number' ? v > 0 : v !== '' && v !== '0');

/** A resource's verdict from its days and its last probe. */
export function verdictOf(days: readonly Day[], probe: QualityStats['probes'][number] | undefined): QualityVerdict {
  if (probe && !probe.ok) return 'down';
  if (days.some((d) => positive(d.successes))) return 'ok';
  if (days.some((d) => Object.values(d.refusals).some(positive))) return 'refusals';
  return 'unused';
}

/**
 * A month of one resource at a glance (decorative: the verdict and the days' table say it in words): a column per day
 * for successes (a hatched stub when banded), a red tick under days with refusals.
 */
export function dayStrip(month: string, days: readonly Day[], hatch: string, k: number): TemplateResult {
  const [y, m] = month.split('-').map(Number);
  const count = y && m ? new Date(Date.UTC(y, m, 0)).getUTCDate() : 31;
  const byDay = new Map(days.map((d) => [Number(d.day.slice(8, 10)), d]));
  const exact = (v: number | string): v is number => typeof v === 'number' && (v === 0 || v >= k);
  const max = Math.max(k, ...days.map((d) => (exact(d.successes) ? d.successes : 0)));
  return html`<svg class="day-strip" part="day-strip" viewBox="0 0 ${count * 4} 24" aria-hidden="true" focusable="false">
    ${Array.from({ length: count }, (_, i) => {
      const d = byDay.get(i + 1);
      if (!d) return nothing;
      const banded = !exact(d.successes);
      const h = ((exact(d.successes) ? d.successes : k) / max) * 18;
      const refused = Object.values(d.refusals).some(positive);
      return svg`${positive(d.successes) ? svg`<rect class=${banded ? 'band' : 'bar'} x=${i * 4 + 0.5} y=${19 - Math.max(h, 2)} width="3" height=${Math.max(h, 2)} fill=${banded ? `url(#${hatch})` : nothing}></rect>` : nothing}
        ${refused ? svg`<rect class="refusal" x=${i * 4 + 0.5} y="21" width="3" height="3"></rect>` : nothing}`;
    })}
  </svg>`;
}

/** What the quality view needs besides the figures. */
export interface QualityOptions {
  t: UsageStatsTranslation;
  k: number;
  format: (n: number) => string;
  /** Names of resources by id (from the usage figures); unknown ids show as themselves. */
  names: ReadonlyMap<string, string>;
}

/** Per resource: a verdict, then a table of its days (successes, refusals per reason). */
export function qualityView(q: QualityStats, o: QualityOptions): TemplateResult {
  const { t } = o;
  const ids = [
    ...new Set([...o.names.keys(), ...q.handoffs.map((d) => d.resourceId), ...q.probes.map((p) => p.resourceId)]),
  ];
  const byResource = new Map<string, Day[]>();
  for (const d of q.handoffs) byResource.set(d.resourceId, [...(byResource.get(d.resourceId) ?? []), d]);
  const probes = new Map(q.probes.map((p) => [p.resourceId, p]));
  const name = (id: string) => o.names.get(id) ?? id;
  const count = (v: number | string) => bandedText(v, o.k, o.format);
  const requests = q.service.reduce((n, d) => n + d.requests, 0);
  const worst = q.service.reduce(
    (w, d) => (d.errorRate > w.errorRate ? d : w),
    q.service[0] ?? { errorRate: 0, p95Ms: 0 },
  );
  return html`<section class="quality" part="quality" aria-labelledby="quality-title">
    <svg width="0" height="0" aria-hidden="true" focusable="false" class="defs">
      <defs>
        <pattern id="quality-hatch" width="3" height="3" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line class="hatch" x1="0" y1="0" x2="0" y2="3"></line>
        </pattern>
      </defs>
    </svg>
    <h3 id="quality-title">${t.qualityTitle}</h3>
    <p class="hint">${t.qualityHint}</p>
    ${
      q.service.length
        ? html`<p class="service" part="service-health">${t.serviceSummary(o.format(requests), new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 1 }).format(worst.errorRate), o.format(Math.round(Math.max(...q.service.map((d) => d.p95Ms)))))}</p>`
        : nothing
    }
    ${
      ids.length === 0
        ? html`<p class="none">${t.qualityNone}</p>`
        : html`<ul class="list quality-list">
          ${ids
            .sort((a, b) => name(a).localeCompare(name(b), t.locale))
            .map((id) => {
              const days = (byResource.get(id) ?? []).sort((a, b) => a.day.localeCompare(b.day));
              const verdict = verdictOf(days, probes.get(id));
              const reasons = [...new Set(days.flatMap((d) => Object.keys(d.refusals)))].sort();
              return html`<li class="quality-item" data-resource=${id} data-verdict=${verdict}>
                <details part="quality-resource">
                  <summary>
                    <span class="name">${name(id)}</span> <span class="verdict ${verdict}" part="verdict">${t.qualityVerdicts[verdict]}</span>
                    ${days.length ? dayStrip(q.month, days, 'quality-hatch', o.k) : nothing}
                  </summary>
                  ${
                    days.length === 0
                      ? html`<p class="none">${t.qualityVerdicts.unused}</p>`
                      : html`<div class="table-scroll" role="region" tabindex="0" aria-label=${t.qualityDays(name(id))}>
                        <table class="stats">
                          <caption class="sr-only">${t.qualityDays(name(id))}</caption>
                          <thead>
                            <tr>
                              <th scope="col">${t.day}</th>
                              <th scope="col" class="num">${t.successes}</th>
                              ${reasons.map((r) => html`<th scope="col" class="num">${t.refusals} (${t.refusalReasons[r] ?? r})</th>`)}
                            </tr>
                          </thead>
                          <tbody>
                            ${days.map(
                              (d) => html`<tr>
                                <th scope="row">${formatDay(d.day, t.locale)}</th>
                                <td class="num">${count(d.successes)}</td>
                                ${reasons.map((r) => html`<td class="num">${count(d.refusals[r] ?? 0)}</td>`)}
                              </tr>`,
                            )}
                          </tbody>
                        </table>
                      </div>`
                  }
                </details>
              </li>`;
            })}
        </ul>`
    }
  </section>`;
}
