import type { ErrorMessageKey } from './localize.js';

/** Detail of {@link GarErrorEvent}. */
export interface GarErrorDetail {
  /** What was being done: loading, saving favourites, opening a resource, rendering, or an allocation-console change or search. */
  operation:
    | 'load'
    | 'favourites'
    | 'launch'
    | 'render'
    | 'configure'
    | 'allocate'
    | 'withdraw'
    | 'undo'
    | 'delegate'
    | 'search'
    | 'pin'
    | 'request';
  /** The SDK's error code (`network`, `token-expired`…) or `render`/`not-configured`/`unsafe-url`. */
  code: string;
  /** Which user message is shown. */
  messageKey: ErrorMessageKey;
  /** The message shown to the user, in the element's language. */
  message: string;
  /** The original error. */
  error: unknown;
}

/**
 * Fired (bubbling, composed) when `<gar-mediacentre>`, `<gar-allocation-panel>` or `<gar-usage-stats>` fails: the
 * user sees `detail.message`, the host can log `detail.code` and `detail.error`.
 *
 * @example
 * ```ts
 * document.querySelector('gar-mediacentre')?.addEventListener('gar-error', (e) => console.warn(e.detail.operation, e.detail.code));
 * ```
 */
export class GarErrorEvent extends CustomEvent<GarErrorDetail> {
  constructor(detail: GarErrorDetail) {
    super('gar-error', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gar-error': GarErrorEvent;
  }
}
