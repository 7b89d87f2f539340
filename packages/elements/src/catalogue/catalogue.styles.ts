import { css } from 'lit';
import { baseStyles } from '../shared/base-styles.js';

// Each --_x reads the component property, then the global token, then a default for light and dark.
export const catalogueStyles = [
  baseStyles,
  css`
    :host {
      --_bg: var(--gar-catalogue-background, var(--gar-color-surface, light-dark(#fff, #16161a)));
      --_fg: var(--gar-catalogue-color, var(--gar-color-text, light-dark(#1b1b1f, #ececf1)));
      --_muted: var(--gar-catalogue-muted-color, var(--gar-color-text-muted, light-dark(#54545e, #b4b4c0)));
      --_surface: var(--gar-catalogue-surface, var(--gar-color-surface-raised, light-dark(#f5f5f8, #24242b)));
      --_border: var(--gar-catalogue-border-color, var(--gar-color-border, light-dark(#c9c9d3, #4a4a55)));
      --_accent: var(--gar-catalogue-accent, var(--gar-color-accent, light-dark(#0b55c4, #8ab4ff)));
      --_on-accent: var(--gar-catalogue-on-accent, var(--gar-color-on-accent, light-dark(#fff, #0b1530)));
      --_danger: var(--gar-catalogue-danger, var(--gar-color-danger, light-dark(#b3261e, #ffb4ab)));
      --_success: var(--gar-catalogue-success, var(--gar-color-success, light-dark(#1b6b35, #8fd9a8)));
      --_focus: var(--gar-catalogue-focus-ring, var(--gar-focus-ring, 3px solid var(--_accent)));
      --_radius: var(--gar-catalogue-radius, var(--gar-radius, 0.5rem));
      --_gap: var(--gar-catalogue-gap, var(--gar-space, 1rem));
      --_font: var(--gar-catalogue-font-family, var(--gar-font-family, system-ui, sans-serif));
      font-size: var(--gar-catalogue-font-size, 1rem);
    }
    button,
    input,
    textarea {
      font: inherit;
      color: inherit;
    }
    :is(button, input, summary, textarea, [tabindex='-1']):focus-visible {
      outline: var(--_focus);
      outline-offset: 2px;
    }
    .search {
      display: grid;
      gap: 0.25rem;
      margin-block-end: var(--_gap);
    }
    .search input {
      min-height: 2.75rem;
      padding: 0.4rem 0.75rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      max-width: 40rem;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(12rem, 16rem) 1fr;
      gap: var(--_gap);
      align-items: start;
    }
    @container (max-width: 40rem) {
      .layout {
        grid-template-columns: 1fr;
      }
    }
    :host {
      container-type: inline-size;
    }
    .facets > summary {
      margin-block-end: 0.5rem;
      font-weight: 600;
    }
    .facets fieldset {
      border: 0;
      padding: 0;
      margin: 0 0 var(--_gap);
    }
    .facets legend {
      font-weight: 600;
      margin-block-end: 0.25rem;
    }
    .facets label {
      display: flex;
      gap: 0.4rem;
      align-items: center;
      min-height: 2rem;
    }
    .facets input {
      width: 1.1rem;
      height: 1.1rem;
    }
    .button {
      min-height: 2.5rem;
      padding: 0.4rem 0.9rem;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    .button.primary {
      background: var(--_accent);
      color: var(--_on-accent);
      border-color: var(--_accent);
    }
    .button:disabled {
      opacity: 0.6;
      cursor: not-allowed;
    }
    .selection {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      padding: 0.5rem;
      margin-block-end: var(--_gap);
      background: var(--_surface);
      border-radius: var(--_radius);
    }
    .selection textarea {
      width: 100%;
      min-height: 5rem;
      font-family: ui-monospace, monospace;
      font-size: 0.8rem;
    }
    .entries > li {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.75rem;
      margin-block-end: 0.75rem;
    }
    .entry-head {
      display: flex;
      gap: 0.6rem;
      align-items: start;
    }
    .entry-head input {
      width: 1.25rem;
      height: 1.25rem;
      margin-block-start: 0.2rem;
      flex: none;
    }
    .entry h3 {
      font-size: 1.05rem;
      margin: 0;
    }
    .badge {
      display: inline-block;
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      font-size: 0.85rem;
      border: 1px solid currentColor;
      margin-block: 0.25rem;
    }
    .badge.subscribed {
      color: var(--_success);
    }
    .badge.ended {
      color: var(--_danger);
    }
    .badge.not-subscribed {
      color: var(--_muted);
    }
    .meta {
      color: var(--_muted);
      font-size: 0.9rem;
    }
    .meta span + span::before {
      content: ' · ';
    }
    code {
      font-size: 0.85rem;
      overflow-wrap: anywhere;
    }
    details ul {
      list-style: disc;
      padding-inline-start: 1.25rem;
    }
    summary {
      cursor: pointer;
      min-height: 2rem;
    }
    .message {
      padding: var(--_gap);
      background: var(--_surface);
      border-radius: var(--_radius);
    }
    .message.error {
      border-inline-start: 4px solid var(--_danger);
    }
    .skeleton li {
      height: 5rem;
      background: var(--_surface);
      border-radius: var(--_radius);
      margin-block-end: 0.75rem;
    }
    @media (prefers-reduced-motion: no-preference) {
      .skeleton li {
        animation: pulse 1.2s ease-in-out infinite alternate;
      }
    }
    @keyframes pulse {
      to {
        opacity: 0.5;
      }
    }
  `,
];
