import type { AllocationTarget } from '@opengar/core';

/** Detail of {@link GarAllocationChangeEvent}. */
export interface GarAllocationChangeDetail {
  /** The school. */
  uai: string;
  /** What changed. */
  kind: 'allocate' | 'move' | 'withdraw' | 'undo' | 'delegate' | 'revoke';
  /** The audit entry of the change (quote it to undo). */
  auditId: string;
  /** The subscription, for allocation changes. */
  subscriptionId?: string;
  /** The targets allocated, for `allocate`. */
  targets?: readonly AllocationTarget[];
  /** People who got a copy (allocate, move) or lost one (withdraw). */
  personIds?: readonly string[];
}

/**
 * Fired (bubbling, composed) by `<gar-allocation-panel>` after the service accepted a change: an allocation, a
 * withdrawal, an undo, a delegation granted or revoked.
 *
 * @example
 * ```ts
 * document.querySelector('gar-allocation-panel')?.addEventListener('gar-allocation-change', (e) => console.log(e.detail.kind, e.detail.auditId));
 * ```
 */
export class GarAllocationChangeEvent extends CustomEvent<GarAllocationChangeDetail> {
  constructor(detail: GarAllocationChangeDetail) {
    super('gar-allocation-change', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gar-allocation-change': GarAllocationChangeEvent;
  }
}
