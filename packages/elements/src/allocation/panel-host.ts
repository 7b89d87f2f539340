import type { AllocationPreview, Dashboard, DirectoryGroup, DirectoryPerson, ManagedSchool, SchoolSubscription } from '@opengar/core';
import type { AllocationView, AuditEntryView, DelegationView } from '@opengar/sdk';
import type { SearchKind } from './directory-searches.js';
import type { AllocationPanelTranslation } from './localize/panel-translation.js';
import type { LabelledTarget } from './panel-model.js';

/** One server-side search of the school's directory (divisions, groups, a page of people). */
export interface SearchState {
  query: string;
  groups: DirectoryGroup[];
  people: DirectoryPerson[];
  totalPeople: number;
  loading: boolean;
}

/** An allocation being prepared: its subscription, chosen targets, and the service's preview. */
export interface DraftState {
  subscriptionId: string;
  /** A move: the person whose copy goes to the targets. */
  moveFrom?: { personId: string; name: string };
  selection: ReadonlyMap<string, LabelledTarget>;
  preview?: AllocationPreview;
  previewing: boolean;
}

/** What a notice says, and the change it can undo. */
export interface Notice {
  text: string;
  tone: 'ok' | 'refused' | 'error';
  undoId?: string;
}

/** What the panel's templates read and call; implemented by `GarAllocationPanel`. */
export interface PanelHost {
  readonly t: AllocationPanelTranslation;
  readonly nowMs: number;
  readonly managerRole: ManagedSchool['role'];
  readonly subs: readonly SchoolSubscription[];
  readonly allocations: readonly AllocationView[];
  readonly dashboard: Dashboard | undefined;
  readonly audit: readonly AuditEntryView[];
  readonly delegations: readonly DelegationView[];
  readonly names: ReadonlyMap<string, string>;
  readonly selectedSubId: string | undefined;
  readonly draft: DraftState | undefined;
  readonly searches: Readonly<Record<SearchKind, SearchState>>;
  readonly population: (LabelledTarget & { holds?: readonly string[] }) | undefined;
  readonly busy: boolean;
  date(iso: string): string;
  num(n: number): string;
  selectSubscription(id: string): void;
  startDraft(subscriptionId: string, initial?: readonly LabelledTarget[], moveFrom?: DraftState['moveFrom']): void;
  cancelDraft(): void;
  search(which: SearchKind, query: string, more?: boolean): void;
  toggleTarget(target: LabelledTarget): void;
  selectAllShown(): void;
  clearSelection(): void;
  confirmDraft(): void;
  withdrawAllocation(a: AllocationView): void;
  withdrawPeople(subscriptionId: string, personIds: readonly string[]): void;
  undo(auditId: string): void;
  choosePopulation(target: LabelledTarget): void;
  delegate(personId: string, name: string): void;
  revoke(personId: string, name: string): void;
}
