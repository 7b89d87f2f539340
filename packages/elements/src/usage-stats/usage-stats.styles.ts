import { css } from 'lit';
import { baseStyles, toolbarStyles } from '../shared/base-styles.js';

// Each --_x reads the component property, then the global token, then a default for light and dark (`theme` sets
// color-scheme; `auto` follows the system).
export const usageStatsStyles = [
  baseStyles,
  toolbarStyles,
  css`
  :host {
    --_bg: var(--gar-usage-stats-background, var(--gar-color-surface, light-dark(#fff, #16161a)));
    --_fg: var(--gar-usage-stats-color, var(--gar-color-text, light-dark(#1b1b1f, #ececf1)));
    --_muted: var(--gar-usage-stats-muted-color, var(--gar-color-text-muted, light-dark(#54545e, #b4b4c0)));
    --_surface: var(--gar-usage-stats-surface, var(--gar-color-surface-raised, light-dark(#f5f5f8, #24242b)));
    --_border: var(--gar-usage-stats-border-color, var(--gar-color-border, light-dark(#c9c9d3, #4a4a55)));
    --_accent: var(--gar-usage-stats-accent, var(--gar-color-accent, light-dark(#0b55c4, #8ab4ff)));
    --_on-accent: var(--gar-usage-stats-on-accent, var(--gar-color-on-accent, light-dark(#fff, #0b1530)));
    --_bar: var(--gar-usage-stats-bar, var(--gar-color-accent, light-dark(#0b55c4, #8ab4ff)));
    --_band: var(--gar-usage-stats-band, var(--gar-color-text-muted, light-dark(#54545e, #b4b4c0)));
    --_danger: var(--gar-usage-stats-danger, var(--gar-color-danger, light-dark(#b3261e, #ffb4ab)));
    --_success: var(--gar-usage-stats-success, var(--gar-color-success, light-dark(#1b6b35, #8fd9a8)));
    --_focus: var(--gar-usage-stats-focus-ring, var(--gar-focus-ring, 3px solid var(--_accent)));
    --_radius: var(--gar-usage-stats-radius, var(--gar-radius, 0.5rem));
    --_gap: var(--gar-usage-stats-gap, var(--gar-space, 1rem));
    --_font: var(--gar-usage-stats-font-family, var(--gar-font-family, system-ui, sans-serif));
    font-size: var(--gar-usage-stats-font-size, 1rem);
  }
  h3 {
    font-size: 1.05rem;
  }
  button,
  select {
    font: inherit;
    color: inherit;
  }
  :is(button, select, a, summary, [tabindex='0']):focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .status:empty {
    display: none;
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-block-end: 1px solid var(--_border);
    margin-block-end: var(--_gap);
  }
  .tab {
    background: none;
    border: 0;
    border-block-end: 3px solid transparent;
    padding: 0.5rem 0.75rem;
    cursor: pointer;
    color: var(--_muted);
  }
  .tab[aria-selected='true'] {
    color: var(--_fg);
    border-block-end-color: var(--_accent);
    font-weight: 600;
  }
  .field {
    font-size: 0.875rem;
  }
  select {
    min-height: 2.5rem;
    padding: 0.25rem 0.5rem;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .button {
    min-height: 2.5rem;
    padding: 0.4rem 0.9rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .button.primary,
  .button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  .button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .segmented {
    display: inline-flex;
  }
  .segmented .button:first-child {
    border-start-end-radius: 0;
    border-end-end-radius: 0;
  }
  .segmented .button:last-child {
    border-start-start-radius: 0;
    border-end-start-radius: 0;
  }
  .link-button {
    background: none;
    border: 0;
    padding: 0.25rem 0;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }
  .charts {
    display: grid;
    gap: var(--_gap);
  }
  .chart {
    margin: 0;
    overflow-x: auto;
  }
  .chart-svg {
    display: block;
    width: 100%;
    min-width: 34rem;
    height: auto;
    font-size: 12px;
  }
  .chart-svg text {
    fill: var(--_fg);
  }
  .chart-svg .tick,
  .chart-svg .axis-label {
    fill: var(--_muted);
  }
  .chart-svg .grid {
    stroke: var(--_border);
    stroke-width: 1;
  }
  .chart-svg .bar {
    fill: var(--_bar);
    transition: opacity 0.2s;
  }
  .chart-svg .band {
    stroke: var(--_band);
    stroke-dasharray: 3 2;
    stroke-width: 1;
  }
  .chart-svg .hatch {
    stroke: var(--_band);
    stroke-width: 1.5;
  }
  .chart-svg .hatch-bg {
    fill: var(--_bg);
  }
  .chart-svg .band-label {
    font-style: italic;
  }
  .band-legend {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .swatch {
    display: inline-block;
    width: 1.5rem;
    height: 1rem;
    border: 1px dashed var(--_band);
    background: repeating-linear-gradient(45deg, var(--_band) 0 1.5px, transparent 1.5px 5px);
  }
  .table-scroll {
    overflow-x: auto;
    margin-block-end: var(--_gap);
  }
  table.stats {
    border-collapse: collapse;
    min-width: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.5rem;
  }
  th,
  td {
    padding: 0.35rem 0.6rem;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    white-space: nowrap;
  }
  thead th,
  tfoot th,
  tfoot td {
    background: var(--_surface);
  }
  .num {
    text-align: end;
  }
  td.suppressed {
    background: repeating-linear-gradient(45deg, color-mix(in srgb, var(--_band) 18%, transparent) 0 2px, transparent 2px 7px);
    font-style: italic;
    cursor: help;
  }
  .note {
    background: var(--_surface);
    border-inline-start: 4px solid var(--_band);
    border-radius: var(--_radius);
    padding: 0.75rem var(--_gap);
    margin-block: var(--_gap);
    font-size: 0.925rem;
  }
  .note p:last-child {
    margin: 0;
  }
  .list-section {
    margin-block-end: calc(var(--_gap) * 1.5);
  }
  .list li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    padding: 0.5rem 0;
    border-block-end: 1px solid var(--_border);
  }
  .name {
    font-weight: 600;
  }
  .meta,
  .hint,
  .none,
  .service {
    color: var(--_muted);
  }
  .quality-item {
    display: block;
  }
  summary {
    list-style: none;
    cursor: pointer;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
  }
  summary::before {
    content: '▸';
    color: var(--_muted);
  }
  summary::-webkit-details-marker {
    display: none;
  }
  details[open] > summary::before {
    content: '▾';
  }
  .day-strip {
    width: 8rem;
    height: 1.5rem;
    margin-inline-start: auto;
  }
  .day-strip .bar {
    fill: var(--_bar);
  }
  .day-strip .band {
    stroke: var(--_band);
    stroke-width: 0.5;
  }
  .day-strip .hatch,
  .defs .hatch {
    stroke: var(--_band);
  }
  .day-strip .refusal {
    fill: var(--_danger);
  }
  .defs {
    position: absolute;
  }
  .verdict {
    font-size: 0.875rem;
  }
  .verdict.ok {
    color: var(--_success);
  }
  .verdict.down,
  .verdict.refusals {
    color: var(--_danger);
    font-weight: 600;
  }
  .verdict.unused {
    color: var(--_muted);
  }
  .message {
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .message.error h3 {
    color: var(--_danger);
  }
  .skeleton {
    display: grid;
    gap: 0.75rem;
  }
  .skeleton div {
    height: 4rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    animation: pulse 1.4s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton div,
    .chart-svg .bar {
      animation: none;
      transition: none;
    }
  }
  @media (max-width: 32rem) {
    .toolbar {
      flex-direction: column;
      align-items: stretch;
    }
  }
`,
];
