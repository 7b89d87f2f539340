import { css } from 'lit';
import { baseStyles, toolbarStyles } from '../shared/base-styles.js';

// Each --_x reads the component property, then the global token, then a default for light and dark (`theme`
// sets color-scheme; `auto` follows the system).
export const mediacentreStyles = [
  baseStyles,
  toolbarStyles,
  css`
  :host {
    --_bg: var(--gar-mediacentre-background, var(--gar-color-surface, light-dark(#fff, #16161a)));
    --_fg: var(--gar-mediacentre-color, var(--gar-color-text, light-dark(#1b1b1f, #ececf1)));
    --_muted: var(--gar-mediacentre-muted-color, var(--gar-color-text-muted, light-dark(#54545e, #b4b4c0)));
    --_tile-bg: var(--gar-mediacentre-tile-background, var(--gar-color-surface-raised, light-dark(#f5f5f8, #24242b)));
    --_border: var(--gar-mediacentre-border-color, var(--gar-color-border, light-dark(#c9c9d3, #4a4a55)));
    --_accent: var(--gar-mediacentre-accent, var(--gar-color-accent, light-dark(#0b55c4, #8ab4ff)));
    --_on-accent: var(--gar-mediacentre-on-accent, var(--gar-color-on-accent, light-dark(#fff, #0b1530)));
    --_badge-bg: var(--gar-mediacentre-badge-background, var(--gar-color-badge, light-dark(#1f3a93, #3856c4)));
    --_danger: var(--gar-mediacentre-danger, var(--gar-color-danger, light-dark(#b3261e, #ffb4ab)));
    --_focus: var(--gar-mediacentre-focus-ring, var(--gar-focus-ring, 3px solid var(--_accent)));
    --_radius: var(--gar-mediacentre-radius, var(--gar-radius, 0.5rem));
    --_gap: var(--gar-mediacentre-gap, var(--gar-space, 1rem));
    --_tile-min: var(--gar-mediacentre-tile-min-width, 11rem);
    --_font: var(--gar-mediacentre-font-family, var(--gar-font-family, system-ui, sans-serif));
    font-size: var(--gar-mediacentre-font-size, 1rem);
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  :is(button, input, select, a):focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .field {
    font-size: 0.875em;
    min-width: 8rem;
    flex: 1 1 8rem;
  }
  .field.search {
    flex: 3 1 14rem;
  }
  .field input,
  .field select {
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.625rem;
    min-height: 2.75rem;
    font-size: 1rem;
  }
  .button {
    min-height: 2.75rem;
    padding: 0.5rem 0.875rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: transparent;
    color: var(--_accent);
    cursor: pointer;
  }
  .button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .status {
    color: var(--_muted);
    margin-block-end: calc(var(--_gap) / 2);
    min-height: 1.4em;
  }
  .row {
    margin-block-end: var(--_gap);
  }
  .row h3 {
    font-size: 1em;
    margin-block-end: 0.5rem;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .chip {
    border: 1px solid var(--_border);
    background: var(--_tile-bg);
    border-radius: 999px;
    padding: 0.375rem 0.75rem;
    min-height: 2.5rem;
    cursor: pointer;
  }
  /* A bounded row: one line, scrolled sideways if its chips do not fit, long names cut (the full name is the title). */
  .chips[data-one-line] {
    flex-wrap: nowrap;
    overflow-x: auto;
    padding-block: 0.25rem;
  }
  .chips[data-one-line] .chip {
    max-width: 16rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .row .more {
    margin-block-start: 0.5rem;
    min-height: 2.5rem;
  }
  .grid-hint {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* Shown while the keyboard is in the grid (a one-line shift, only for keyboard users); set from the grid's focus
     events, as a :has() rule over the grid made every style recalculation of a long grid several times slower. */
  .grid-hint.shown:not([hidden]) {
    position: static;
    width: auto;
    height: auto;
    clip-path: none;
    white-space: normal;
    font-size: 0.875em;
    color: var(--_muted);
    margin-block: 0 0.5rem;
  }
  .chip[aria-disabled='true'] {
    cursor: not-allowed;
    color: var(--_muted);
    text-decoration: line-through;
  }
  /* At most 6 columns (7 × 15% > 100%): a group's 60 tiles end on a full row (7 to 9 would leave holes). */
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(max(min(100%, var(--_tile-min)), 15%), 1fr));
    gap: var(--_gap);
  }
  /* The listing's grid is a column of groups, each a grid of the same columns that is skipped while off screen
     (tile-groups.ts); a group never laid out is given the measured height of the first one (--_group-h). */
  .grid[role='list'] {
    display: flex;
    flex-direction: column;
  }
  .group {
    display: grid;
    grid-template-columns: inherit;
    gap: inherit;
    margin: 0;
    content-visibility: auto;
    contain-intrinsic-size: auto var(--_group-h, 190rem);
  }
  .tile {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    padding-block-end: 0.75rem;
    background: var(--_tile-bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
    min-height: 15rem;
  }
  .tile[aria-busy='true'],
  .tile[aria-busy='true'] button,
  button[aria-busy='true'] {
    cursor: progress;
  }
  .tile[hidden],
  .group[hidden],
  .grid[hidden] {
    display: none;
  }
  @media (forced-colors: active) {
    .info::before,
    .link::before {
      forced-color-adjust: none;
      background: ButtonText;
    }
  }
  .thumb {
    display: block;
    aspect-ratio: 16 / 9;
    width: 100%;
    object-fit: cover;
    background: var(--_border);
  }
  .thumb.fallback {
    display: grid;
    place-items: center;
    font-size: 2rem;
    font-weight: 700;
    color: var(--_on-accent);
    background: var(--_accent);
  }
  .tile > :not(.thumb),
  .tile-body {
    margin-inline: 0.75rem;
  }
  .tile > .thumb {
    margin-block-end: 0.5rem;
  }
  .tile-body {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    padding-block: 0.75rem;
    flex: 1;
  }
  .open {
    all: unset;
    cursor: pointer;
    font-weight: 600;
    color: var(--_fg);
    overflow-wrap: anywhere;
  }
  .open::after {
    content: '';
    position: absolute;
    inset: 0;
  }
  .open:focus-visible {
    outline: none;
  }
  .open:focus-visible::after {
    outline: var(--_focus);
    outline-offset: -4px;
    border-radius: var(--_radius);
  }
  .meta {
    font-size: 0.875em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  /* Wraps rather than clip the last button when the badge and the three buttons are wider than a narrow tile. */
  .tile-actions {
    position: relative;
    z-index: 1;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    align-items: center;
    margin-block-start: auto;
    padding-block-start: 0.5rem;
  }
  .mark {
    font-size: 0.75em;
    font-weight: 700;
  }
  .badge {
    font-size: 0.75em;
    font-weight: 700;
    letter-spacing: 0.05em;
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    background: var(--_badge-bg);
    color: #ffffff;
    margin-inline-end: auto;
    /* Never shrunk to one letter per line by a narrow tile's action row. */
    flex: none;
    white-space: nowrap;
  }
  .icon-button {
    min-width: 2.75rem;
    min-height: 2.75rem;
    border-radius: var(--_radius);
    border: 1px solid transparent;
    background: transparent;
    cursor: pointer;
    font-size: 1.125rem;
  }
  .icon-button[aria-pressed='true'] {
    color: var(--_accent);
  }
  /* The tile's icons are drawn here, so that a tile holds no icon nodes (the buttons are named by aria-label). */
  .star::before {
    content: '☆' / '';
  }
  .star[aria-pressed='true']::before {
    content: '★' / '';
  }
  .info::before {
    content: '';
    display: inline-block;
    vertical-align: middle;
    width: 18px;
    height: 18px;
    background: currentColor;
    mask: url("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20'><circle cx='10' cy='10' r='8.5' fill='none' stroke='%23000' stroke-width='1.6'/><rect x='9.1' y='8.4' width='1.8' height='6.2' rx='0.9'/><circle cx='10' cy='5.8' r='1.1'/></svg>")
      center / contain no-repeat;
  }
  .link::before {
    content: '';
    display: inline-block;
    vertical-align: middle;
    width: 18px;
    height: 18px;
    background: currentColor;
    mask: url("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20' fill='none' stroke='%23000' stroke-width='1.6' stroke-linecap='round'><path d='M8.5 11.5l3-3M7 9.5l-2 2a2.8 2.8 0 004 4l2-2M13 10.5l2-2a2.8 2.8 0 00-4-4l-2 2'/></svg>")
      center / contain no-repeat;
  }
  .skeleton .thumb,
  .skeleton .line {
    background: var(--_border);
    animation: pulse 1.2s ease-in-out infinite;
  }
  .skeleton .line {
    height: 0.875rem;
    border-radius: 0.25rem;
    width: 70%;
  }
  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }
  .message {
    padding: calc(var(--_gap) * 1.5) var(--_gap);
    text-align: center;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    display: grid;
    gap: 0.5rem;
    justify-items: center;
  }
  .message.error h3 {
    color: var(--_danger);
  }
  /* A name or description of one very long word wraps rather than widen the page. */
  .details {
    display: grid;
    gap: 0.75rem;
    overflow-wrap: anywhere;
  }
  .details dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0;
  }
  .details dt {
    color: var(--_muted);
  }
  .details dd {
    margin: 0;
  }
  .details .description {
    white-space: pre-line;
  }
  .details .thumb {
    max-width: 24rem;
    border-radius: var(--_radius);
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`,
];
