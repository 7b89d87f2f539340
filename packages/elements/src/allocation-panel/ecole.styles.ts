import { css } from 'lit';

/** The école's console: the director's two roles, and the one-click gifts to classes. */
export const ecoleStyles = css`
  .roles {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .quick {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin-block: 0.75rem;
  }
  .quick h4 {
    margin: 0 0 0.5rem;
  }
  .quick-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
  }
  .quick-action {
    flex: 1 1 14rem;
  }
  .quick-action button {
    min-height: 3rem;
    width: 100%;
    font-weight: 600;
  }
  .quick-action p {
    margin: 0.25rem 0 0;
  }
`;
