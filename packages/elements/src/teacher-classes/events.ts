import type { ClassRequest, Pin } from '@opengar/core';

/** Detail of {@link GarPinEvent}. */
export interface GarPinDetail {
  action: 'pinned' | 'removed';
  pin: Pin;
}

/**
 * Fired (bubbling, composed) by `<gar-teacher-classes>` after a recommendation is made or removed.
 *
 * @example
 * ```ts
 * document.querySelector('gar-teacher-classes')?.addEventListener('gar-pin', (e) => console.log(e.detail.action));
 * ```
 */
export class GarPinEvent extends CustomEvent<GarPinDetail> {
  constructor(detail: GarPinDetail) {
    super('gar-pin', { bubbles: true, composed: true, detail });
  }
}

/** Detail of {@link GarClassRequestEvent}. */
export interface GarClassRequestDetail {
  request: ClassRequest;
}

/**
 * Fired (bubbling, composed) by `<gar-teacher-classes>` after a request reached the school's responsables.
 *
 * @example
 * ```ts
 * document.querySelector('gar-teacher-classes')?.addEventListener('gar-class-request', (e) => console.log(e.detail.request.status));
 * ```
 */
export class GarClassRequestEvent extends CustomEvent<GarClassRequestDetail> {
  constructor(detail: GarClassRequestDetail) {
    super('gar-class-request', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gar-pin': GarPinEvent;
    'gar-class-request': GarClassRequestEvent;
  }
}
