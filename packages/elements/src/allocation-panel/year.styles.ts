import { css } from 'lit';

/** Styles of the year views (subscriptions list, synchronisation, notifications). */
export const yearStyles = css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
    gap: 0.5rem;
    margin: 0;
  }
  .figures div {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem;
  }
  .figures dd {
    margin: 0;
    font-size: 1.25rem;
    font-weight: 600;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
    margin-bottom: var(--_gap);
  }
  .catalogue {
    width: 100%;
    border-collapse: collapse;
  }
  .catalogue th,
  .catalogue td {
    text-align: start;
    padding: 0.35rem;
    border-bottom: 1px solid color-mix(in srgb, var(--_border) 40%, transparent);
  }
  .catalogue tr.expired td {
    color: var(--_muted);
  }
  .unread {
    font-weight: 600;
  }
`;
