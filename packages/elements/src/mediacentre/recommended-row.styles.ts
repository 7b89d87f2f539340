import { css } from 'lit';

/** A recommendation: the resource, then the teacher's name and note, marked by the accent. */
export const recommendedStyles = css`
  .rec {
    display: grid;
    justify-items: start;
    gap: 0.25rem;
    padding-inline-start: 0.5rem;
    border-inline-start: 4px solid var(--_accent);
    overflow-wrap: anywhere;
  }
`;
