import { css } from 'lit';
import { baseStyles, toolbarStyles } from '../shared/base-styles.js';

// Each --_x reads the component property, then the global token, then a default for light and dark.
export const teacherClassesStyles = [
  baseStyles,
  toolbarStyles,
  css`
    :host {
      --_bg: var(--gar-teacher-classes-background, var(--gar-color-surface, light-dark(#fff, #16161a)));
      --_fg: var(--gar-teacher-classes-color, var(--gar-color-text, light-dark(#1b1b1f, #ececf1)));
      --_muted: var(--gar-teacher-classes-muted-color, var(--gar-color-text-muted, light-dark(#54545e, #b4b4c0)));
      --_surface: var(--gar-teacher-classes-surface, var(--gar-color-surface-raised, light-dark(#f5f5f8, #24242b)));
      --_border: var(--gar-teacher-classes-border-color, var(--gar-color-border, light-dark(#c9c9d3, #4a4a55)));
      --_accent: var(--gar-teacher-classes-accent, var(--gar-color-accent, light-dark(#0b55c4, #8ab4ff)));
      --_on-accent: var(--gar-teacher-classes-on-accent, var(--gar-color-on-accent, light-dark(#fff, #0b1530)));
      --_danger: var(--gar-teacher-classes-danger, var(--gar-color-danger, light-dark(#b3261e, #ffb4ab)));
      --_success: var(--gar-teacher-classes-success, var(--gar-color-success, light-dark(#1b6b35, #8fd9a8)));
      --_focus: var(--gar-teacher-classes-focus-ring, var(--gar-focus-ring, 3px solid var(--_accent)));
      --_radius: var(--gar-teacher-classes-radius, var(--gar-radius, 0.5rem));
      --_gap: var(--gar-teacher-classes-gap, var(--gar-space, 1rem));
      display: block;
      background: var(--_bg);
      color: var(--_fg);
      font-family: var(--gar-teacher-classes-font-family, var(--gar-font-family, system-ui, sans-serif));
      font-size: var(--gar-teacher-classes-font-size, 1rem);
    }
    section {
      margin-block-end: calc(var(--_gap) * 1.5);
    }
    h3 {
      font-size: 1.05rem;
      margin-block: 0 0.5rem;
    }
    button,
    input,
    textarea {
      font: inherit;
      color: inherit;
    }
    :is(button, input, textarea, a, summary):focus-visible {
      outline: var(--_focus);
      outline-offset: 2px;
    }
    .hint,
    .meta {
      color: var(--_muted);
    }
    .table-wrapper {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      min-width: 100%;
    }
    th,
    td {
      border: 1px solid var(--_border);
      padding: 0.375rem 0.5rem;
      text-align: start;
      vertical-align: top;
    }
    thead th {
      background: var(--_surface);
    }
    td.figure {
      text-align: end;
      white-space: nowrap;
    }
    .button {
      border: 1px solid var(--_border);
      background: var(--_surface);
      border-radius: var(--_radius);
      padding: 0.25rem 0.625rem;
      min-height: 2.25rem;
      cursor: pointer;
    }
    .button.primary {
      background: var(--_accent);
      color: var(--_on-accent);
      border-color: var(--_accent);
    }
    .button:disabled {
      cursor: not-allowed;
      opacity: 0.7;
    }
    .cards {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.5rem;
    }
    .card {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5rem 0.75rem;
      background: var(--_surface);
    }
    .note {
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .state {
      font-weight: 600;
    }
    .state.granted {
      color: var(--_success);
    }
    .state.declined {
      color: var(--_danger);
    }
    form {
      display: grid;
      gap: 0.5rem;
      border: 1px solid var(--_accent);
      border-radius: var(--_radius);
      padding: 0.75rem;
      margin-block: 0.75rem;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
    .error h3,
    .invalid {
      color: var(--_danger);
    }
    .notice {
      border-inline-start: 4px solid var(--_accent);
      padding-inline-start: 0.5rem;
    }
  `,
];
