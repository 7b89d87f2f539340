import { css } from 'lit';

/**
 * The rules every element shares, placed before its own: the box, light and dark (`theme` sets color-scheme: by
 * default the element inherits the host page's, `auto` follows the system), and resets. They read the element's `--_bg`, `--_fg`, `--_font`, `--_gap` and
 * `--_radius`, which each element defines from its own `--gar-<element>-*` properties and the global tokens.
 */
export const baseStyles = css`
  :host {
    display: block;
    background: var(--_bg);
    color: var(--_fg);
    font-family: var(--_font);
    line-height: 1.4;
    padding: var(--_gap);
    border-radius: var(--_radius);
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  * {
    box-sizing: border-box;
  }
  h2,
  h3,
  p,
  ul {
    margin: 0 0 0.5rem;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** The row of pickers and a field with its label above (the médiacentre's and the statistics' toolbars). */
export const toolbarStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
    align-items: end;
    margin-block-end: var(--_gap);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    color: var(--_muted);
  }
`;
