import { css } from 'lit';

/** The young pupils' variant: big pictures, big words, big targets (≥ 96 px) and thick focus outlines. */
export const youngStyles = css`
  :host([variant='young']) {
    font-size: var(--gar-mediacentre-font-size, 1.25rem);
    --_young-focus: var(--gar-mediacentre-focus-ring, 6px solid var(--_accent));
  }
  :host([variant='young']) :is(button, a):focus-visible {
    outline: var(--_young-focus);
    outline-offset: 4px;
  }
  :host([variant='young']) .title {
    font-size: 1.75em;
  }
  .young-grid {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_gap) * 1.5);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
  }
  .young-tile {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    background: var(--_tile-bg);
    border: 2px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    padding: 0.75rem;
  }
  .young-tile[aria-busy='true'] {
    cursor: progress;
  }
  .young-open,
  .young-listen,
  .young-more {
    min-width: 6rem;
    min-height: 6rem;
    border-radius: calc(var(--_radius) * 1.5);
    cursor: pointer;
    font-weight: 700;
  }
  .young-open {
    flex: 1 1 auto;
    justify-content: flex-start;
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: 0.5rem;
    padding: 0.5rem;
    border: 2px solid transparent;
    background: var(--_bg);
    color: var(--_fg);
    text-align: center;
  }
  .young-open .thumb {
    width: 100%;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: var(--_radius);
  }
  .young-open .thumb.fallback {
    display: grid;
    place-items: center;
    font-size: 3em;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .young-name {
    font-size: 1.1em;
    line-height: 1.3;
    /* Whole words for young readers: hyphenated by the page's language rather than broken anywhere. */
    overflow-wrap: break-word;
    word-break: normal;
    hyphens: auto;
  }
  .young-listen {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    border: 2px solid var(--_accent);
    background: transparent;
    color: var(--_accent);
  }
  .young-more {
    margin-block-start: calc(var(--_gap) * 1.5);
    padding-inline: 1.5rem;
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .young-empty h3 {
    font-size: 1.5em;
  }
`;
