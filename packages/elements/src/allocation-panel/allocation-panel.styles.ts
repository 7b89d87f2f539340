import { css } from 'lit';
import { baseStyles } from '../shared/base-styles.js';

// Each --_x reads the component property, then the global token, then a default for light and dark (`theme` sets
// color-scheme; `auto` follows the system).
export const allocationPanelStyles = [
  baseStyles,
  css`
  :host {
    --_bg: var(--gar-allocation-panel-background, var(--gar-color-surface, light-dark(#fff, #16161a)));
    --_fg: var(--gar-allocation-panel-color, var(--gar-color-text, light-dark(#1b1b1f, #ececf1)));
    --_muted: var(--gar-allocation-panel-muted-color, var(--gar-color-text-muted, light-dark(#54545e, #b4b4c0)));
    --_card: var(--gar-allocation-panel-card-background, var(--gar-color-surface-raised, light-dark(#f5f5f8, #24242b)));
    --_border: var(--gar-allocation-panel-border-color, var(--gar-color-border, light-dark(#8a8a96, #6a6a76)));
    --_accent: var(--gar-allocation-panel-accent, var(--gar-color-accent, light-dark(#0b55c4, #8ab4ff)));
    --_on-accent: var(--gar-allocation-panel-on-accent, var(--gar-color-on-accent, light-dark(#fff, #0b1530)));
    --_danger: var(--gar-allocation-panel-danger, var(--gar-color-danger, light-dark(#b3261e, #ffb4ab)));
    --_warn: var(--gar-allocation-panel-warning, var(--gar-color-warning, light-dark(#7a4d00, #ffcf70)));
    --_focus: var(--gar-allocation-panel-focus-ring, var(--gar-focus-ring, 3px solid var(--_accent)));
    --_radius: var(--gar-allocation-panel-radius, var(--gar-radius, 0.5rem));
    --_gap: var(--gar-allocation-panel-gap, var(--gar-space, 1rem));
    --_font: var(--gar-allocation-panel-font-family, var(--gar-font-family, system-ui, sans-serif));
    container-type: inline-size;
  }
  h3 {
    font-size: 1.1rem;
  }
  h4 {
    font-size: 1rem;
    margin: 1rem 0 0.5rem;
  }
  .muted {
    color: var(--_muted);
  }
  .grow {
    flex: 1 1 12rem;
    min-width: 0;
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    padding: 0.35rem 0.7rem;
    min-height: 2.25rem;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  :is(button, select, input, a, [tabindex]):focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  a {
    color: var(--_accent);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem var(--_gap);
    margin-bottom: var(--_gap);
  }
  .header h2 {
    margin: 0;
    font-size: 1.3rem;
  }
  .support {
    margin-left: auto;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-bottom: 0.5rem;
  }
  .field.inline {
    flex-direction: row;
    align-items: center;
    margin: 0;
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-bottom: 1px solid var(--_border);
    margin-bottom: var(--_gap);
  }
  [role='tab'] {
    border: none;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    background: none;
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--_accent);
    font-weight: 600;
  }
  .split {
    display: grid;
    gap: var(--_gap);
  }
  @container (min-width: 48rem) {
    .split {
      grid-template-columns: minmax(16rem, 2fr) 3fr;
      align-items: start;
    }
  }
  .sub,
  .card,
  .detail,
  .draft,
  .preview,
  .finder {
    background: var(--_card);
    border-radius: var(--_radius);
    padding: 0.75rem;
    margin-bottom: 0.5rem;
  }
  .sub.current {
    outline: 2px solid var(--_accent);
  }
  .sub-name,
  .choice-button {
    display: flex;
    width: 100%;
    text-align: start;
    font-weight: 600;
    background: none;
    border: none;
    padding: 0.25rem 0;
    gap: 0.5rem;
  }
  .choice-button[aria-current='true'] {
    color: var(--_accent);
    text-decoration: underline;
  }
  .gauges {
    display: grid;
    gap: 0.25rem;
    margin: 0.5rem 0;
  }
  .gauge {
    display: grid;
    grid-template-columns: minmax(8rem, auto) 1fr auto;
    gap: 0.5rem;
    align-items: center;
    font-size: 0.9rem;
  }
  .gauge meter {
    width: 100%;
    min-width: 4rem;
  }
  @container (max-width: 30rem) {
    .gauge {
      grid-template-columns: 1fr auto;
    }
    .gauge meter {
      grid-column: 1 / -1;
      order: 3;
    }
  }
  .gauge.over {
    color: var(--_danger);
  }
  .flag {
    display: inline-block;
    font-size: 0.8rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0 0.5rem;
    margin-inline-start: 0.25rem;
  }
  .flag.danger {
    color: var(--_danger);
  }
  .flag.warn {
    color: var(--_warn);
  }
  .rows {
    display: grid;
    gap: 0.25rem;
  }
  .row,
  .choice,
  .actions,
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
    margin-block-end: 0.75rem;
  }
  .ask {
    flex-basis: 100%;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .row {
    padding: 0.35rem 0;
    border-bottom: 1px solid color-mix(in srgb, var(--_border) 40%, transparent);
  }
  .choices {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-height: 20rem;
    overflow: auto;
    margin: 0 0 0.5rem;
    padding: 0.5rem;
  }
  .choice-list li {
    content-visibility: auto;
    contain-intrinsic-size: auto 2.25rem;
  }
  .choice input {
    min-height: auto;
  }
  .actions {
    margin: 0.5rem 0;
  }
  .refusal {
    color: var(--_danger);
  }
  .notice {
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    margin-bottom: var(--_gap);
  }
  .notice.refused,
  .notice.error {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .icon {
    min-width: 2.25rem;
  }
  .cards {
    display: grid;
    gap: var(--_gap);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
  }
  .pairs {
    display: grid;
    grid-template-columns: auto auto;
    gap: 0.25rem 1rem;
    margin: 0;
  }
  .pairs dd {
    margin: 0;
    text-align: end;
  }
  .message {
    text-align: center;
    padding: 2rem var(--_gap);
  }
`,
];
