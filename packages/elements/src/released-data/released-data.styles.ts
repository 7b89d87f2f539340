import { css } from 'lit';

/** « Données transmises » inside an element: a quiet framed block under the resource's facts. */
export const releasedDataStyles = css`
  .released {
    border: 1px solid var(--_border, light-dark(#d0d0d7, #3a3a44));
    border-radius: var(--_radius, 0.5rem);
    padding: 0.5rem 0.75rem;
  }
  .released summary {
    cursor: pointer;
    font-weight: 600;
  }
  .released h4 {
    margin: 0 0 0.25rem;
    font-size: 1rem;
  }
  .released p {
    margin: 0.25rem 0;
  }
  .released-list {
    list-style: disc;
    margin: 0.25rem 0;
    padding-inline-start: 1.25rem;
  }
`;
