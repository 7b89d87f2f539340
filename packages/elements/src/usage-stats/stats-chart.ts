import type { PublishedStatsCell } from '@opengar/core';
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { StatsMetric } from './localize/translation.js';
import { bandOf, figureOf } from './published-figures.js';

const TICKS = 4;

// Charts drawn by the element itself as SVG: a column chart over the grid's months and a bar chart over rows. No
// chart library (each costs more than the elements' whole 25 KB budget). A hidden figure is drawn as a hatched band
// from 0 to k with its label (`<5`), never as a zero-height bar, so no one reads it as "nobody".

/** One bar: its key, its name (full and short), its cell. */
export interface ChartDatum {
  key: string;
  label: string;
  short: string;
  cell: PublishedStatsCell;
}

/** What a chart draws and how it names itself. */
export interface ChartOptions {
  /** Unique within the element (ids of the title, description and hatch pattern). */
  id: string;
  orientation: 'columns' | 'bars';
  title: string;
  /** The description for assistive technology (extent, highest figure, hidden figures). */
  description: string;
  metric: StatsMetric;
  k: number;
  format: (n: number) => string;
  /** The word of a figure hidden by secondary suppression (“masqué”). */
  hidden: string;
}

/** A round upper bound for the axis: four whole ticks of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ⁿ, at least `k` so that bands fit. */
export function niceMax(values: readonly number[], k: number): number {
  const rough = Math.max(k, ...values) / TICKS;
  const power = 10 ** Math.max(0, Math.floor(Math.log10(rough)));
  const step =
    [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * power).find((s) => Number.isInteger(s) && s >= rough) ??
    10 * power;
  return step * TICKS;
}

const W = 640;
const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function bar(
  d: ChartDatum,
  o: ChartOptions,
  rect: { x: number; y: number; w: number; h: number },
  label: { x: number; y: number; anchor: string },
): SVGTemplateResult {
  const value = figureOf(d.cell, o.metric);
  const hidden = value === undefined;
  const text = hidden ? bandOf(d.cell, o.k, o.hidden) : o.format(value);
  return svg`<g class=${hidden ? 'datum suppressed' : 'datum'} data-key=${d.key}>
    <title>${d.label} — ${text}</title>
    ${
      hidden
        ? svg`<rect class="band" x=${rect.x} y=${rect.y} width=${Math.max(rect.w, 0)} height=${Math.max(rect.h, 0)} fill=${`url(#${o.id}-hatch)`}></rect>`
        : svg`<rect class="bar" x=${rect.x} y=${rect.y} width=${Math.max(rect.w, 0)} height=${Math.max(rect.h, 0)}></rect>`
    }
    <text class=${hidden ? 'value band-label' : 'value'} x=${label.x} y=${label.y} text-anchor=${label.anchor}>${text}</text>
  </g>`;
}

function columns(
  data: readonly ChartDatum[],
  o: ChartOptions,
  max: number,
): { height: number; body: SVGTemplateResult } {
  const H = 260;
  const left = 52;
  const top = 20;
  const bottom = 30;
  const plot = H - top - bottom;
  const step = (W - left - 8) / Math.max(1, data.length);
  const y = (v: number) => top + plot - (v / max) * plot;
  const min = 4;
  const body = svg`${Array.from({ length: TICKS + 1 }, (_, i) => {
    const v = (max / TICKS) * i;
    return svg`<line class="grid" x1=${left} x2=${W - 8} y1=${y(v)} y2=${y(v)}></line><text class="tick" x=${left - 6} y=${y(v) + 4} text-anchor="end">${o.format(v)}</text>`;
  })}
  ${data.map((d, i) => {
    const value = figureOf(d.cell, o.metric);
    const top0 = value === undefined ? Math.min(y(o.k), y(0) - min) : y(value);
    const x = left + i * step + step * 0.15;
    return svg`${bar(d, o, { x, y: top0, w: step * 0.7, h: y(0) - top0 }, { x: x + step * 0.35, y: top0 - 5, anchor: 'middle' })}
      <text class="axis-label" x=${x + step * 0.35} y=${H - 10} text-anchor="middle">${truncate(d.short, 10)}</text>`;
  })}`;
  return { height: H, body };
}

function bars(data: readonly ChartDatum[], o: ChartOptions, max: number): { height: number; body: SVGTemplateResult } {
  const row = 30;
  const left = 200;
  const right = 56;
  const top = 8;
  const H = top + row * data.length + 22;
  const x = (v: number) => left + (v / max) * (W - left - right);
  const min = 4;
  const body = svg`${Array.from({ length: TICKS + 1 }, (_, i) => {
    const v = (max / TICKS) * i;
    return svg`<line class="grid" x1=${x(v)} x2=${x(v)} y1=${top} y2=${H - 20}></line><text class="tick" x=${x(v)} y=${H - 6} text-anchor="middle">${o.format(v)}</text>`;
  })}
  ${data.map((d, i) => {
    const value = figureOf(d.cell, o.metric);
    const end = value === undefined ? Math.max(x(o.k), x(0) + min) : x(value);
    const y = top + i * row + 6;
    return svg`<text class="axis-label" x=${left - 8} y=${y + 13} text-anchor="end">${truncate(d.short, 25)}</text>
      ${bar(d, o, { x: left, y, w: end - left, h: row - 12 }, { x: end + 6, y: y + 13, anchor: 'start' })}`;
  })}`;
  return { height: H, body };
}

/** The chart as an image with a title and a description; its figures are in the table view too. */
export function chart(data: readonly ChartDatum[], o: ChartOptions): TemplateResult {
  const values = data.map((d) => figureOf(d.cell, o.metric)).filter((v): v is number => v !== undefined);
  const max = niceMax(values, o.k);
  const { height, body } = o.orientation === 'columns' ? columns(data, o, max) : bars(data, o, max);
  return html`<svg
    class="chart-svg ${o.orientation}"
    part="chart-svg"
    role="img"
    viewBox="0 0 ${W} ${height}"
    aria-labelledby="${o.id}-title ${o.id}-desc"
    data-orientation=${o.orientation}
  >
    <title id="${o.id}-title">${o.title}</title>
    <desc id="${o.id}-desc">${o.description}</desc>
    <defs>
      <pattern id="${o.id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect class="hatch-bg" width="6" height="6"></rect>
        <line class="hatch" x1="0" y1="0" x2="0" y2="6"></line>
      </pattern>
    </defs>
    ${body}
  </svg>`;
}
