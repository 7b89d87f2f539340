import type { AllocationTarget } from '@opengar/core';
import { consoleOf, type AllocationView, type GarConsoleClient, type GarMediacentreClient } from '@opengar/sdk';
import type { GarErrorDetail } from '../shared/gar-error-event.js';
import { GarAllocationChangeEvent, type GarAllocationChangeDetail } from './events.js';
import type { PanelData } from './panel-host.js';
import type { AllocationPanelTranslation } from './localize/translation.js';

/** One change of the console: calls the service, says what happened, and describes it for `gar-allocation-change`. */
export type PanelChange = (
  c: GarConsoleClient,
  uai: string,
) => Promise<{ text: string; detail: Omit<GarAllocationChangeDetail, 'uai'>; state?: Partial<PanelData> }>;

/** Allocates a subscription to targets. */
export const allocateChange =
  (t: AllocationPanelTranslation, subscriptionId: string, targets: AllocationTarget[]): PanelChange =>
  async (c, uai) => {
    const r = await c.allocate(uai, { subscriptionId, targets });
    return {
      text: t.allocated(r.granted.length, r.alreadyHolding.length),
      detail: { kind: 'allocate', auditId: r.auditId, subscriptionId, targets, personIds: r.granted },
    };
  };

/** Accepts every suggestion of the dashboard ("Tout accepter"): each becomes its own allocation. */
export const acceptAllChange =
  (t: AllocationPanelTranslation): PanelChange =>
  async (c, uai) => {
    const { items } = await c.acceptSuggestions(uai);
    const done = items.filter((i) => i.auditId !== undefined);
    return {
      text: t.dashboard.acceptedAll(done.length, items.length - done.length),
      detail: {
        kind: 'allocate',
        auditId: done.at(-1)?.auditId ?? '',
        targets: done.map((i) => i.target),
      },
    };
  };

/** Moves one person's copy to other targets, in one transaction. */
export const moveChange =
  (
    t: AllocationPanelTranslation,
    subscriptionId: string,
    fromPersonId: string,
    targets: AllocationTarget[],
  ): PanelChange =>
  async (c, uai) => {
    const r = await c.move(uai, { subscriptionId, fromPersonIds: [fromPersonId], to: targets });
    return {
      text: t.moved(r.granted.length),
      detail: { kind: 'move', auditId: r.auditId, subscriptionId, targets, personIds: r.granted },
    };
  };

/** Withdraws one allocation, or some people's copies of a subscription. */
export const withdrawChange =
  (
    t: AllocationPanelTranslation,
    what: AllocationView | { subscriptionId: string; personIds: readonly string[] },
  ): PanelChange =>
  async (c, uai) => {
    const r = await c.withdraw(
      uai,
      'id' in what
        ? { subscriptionId: what.subscriptionId, allocationId: what.id }
        : { subscriptionId: what.subscriptionId, personIds: [...what.personIds] },
    );
    return {
      text: t.withdrawn(r.released.length, r.kept.length),
      detail: { kind: 'withdraw', auditId: r.auditId, subscriptionId: what.subscriptionId, personIds: r.released },
    };
  };

/** Undoes an audited change; the notice says what was undone when the panel knows it (`what`). */
export const undoChange =
  (t: AllocationPanelTranslation, auditId: string, what?: string): PanelChange =>
  async (c, uai) => {
    const r = await c.undo(uai, auditId);
    return { text: what ?? t.undone, detail: { kind: 'undo', auditId: r.auditId } };
  };

/** Delegates the manager role to a staff member, or revokes it. */
export const delegationChange =
  (t: AllocationPanelTranslation, kind: 'delegate' | 'revoke', personId: string, name: string): PanelChange =>
  async (c, uai) => {
    const r = kind === 'delegate' ? await c.delegate(uai, personId) : await c.revokeDelegation(uai, personId);
    return {
      text: kind === 'delegate' ? t.delegations.granted(name) : t.delegations.revoked(name),
      detail: { kind, auditId: r.auditId, personIds: [personId] },
    };
  };

/** What {@link runChange} needs of the panel. */
export interface ChangeHost extends Pick<EventTarget, 'dispatchEvent'> {
  readonly busy: boolean;
  readonly currentUai: string;
  /** Updates the panel's state (and so its rendering). */
  set(patch: Partial<PanelData>): void;
  refresh(): Promise<void>;
  fail(operation: GarErrorDetail['operation'], error: unknown): void;
}

/**
 * Runs one change at a time: then refreshes the panel, announces the outcome with its undo, and fires
 * `gar-allocation-change`; a failure becomes a notice (a refusal in the manager's words) and `gar-error`.
 */
export async function runChange(
  host: ChangeHost,
  client: GarMediacentreClient | undefined,
  operation: GarErrorDetail['operation'],
  run: PanelChange,
): Promise<boolean> {
  if (!client || host.busy) return false;
  const uai = host.currentUai;
  host.set({ busy: true, notice: undefined });
  try {
    const { text, detail, state } = await run(consoleOf(client), uai);
    host.dispatchEvent(new GarAllocationChangeEvent({ uai, ...detail }));
    await host.refresh().catch((e: unknown) => host.fail('load', e));
    // The outcome (and what the change updates itself) shows with the refreshed figures, not before them.
    host.set({ ...state, notice: { text, tone: 'ok', ...(detail.kind !== 'undo' ? { undoId: detail.auditId } : {}) } });
    return true;
  } catch (error) {
    host.fail(operation, error);
    return false;
  } finally {
    host.set({ busy: false });
  }
}
