import type {
  AllocationPreview,
  Dashboard,
  DirectoryGroup,
  DirectoryPerson,
  ManagedSchool,
  SchoolDirectoryPage,
  SchoolSubscription,
} from '@opengar/core';
import type { AllocationView, AuditEntryView, DelegationView } from '@opengar/sdk';
import type { TemplateResult } from 'lit';
import type { AuditFilters, HistoryState } from './audit-history.js';
import type { SearchKind } from './directory-searches.js';
import type { ErrorMessageKey } from '../shared/localize.js';
import type { AllocationPanelTranslation, PanelTab } from './localize/translation.js';
import type { LabelledTarget } from './panel-model.js';
import type { YearHost } from './year-data.js';

/** One server-side search of the school's directory (divisions, groups, a page of people). */
export interface SearchState {
  query: string;
  groups: DirectoryGroup[];
  /** The school's levels matching the search (level targets: every pupil at the level). */
  levels?: SchoolDirectoryPage['levels'];
  /** The subjects someone teaches, with where (subject-teacher targets). */
  subjects?: SchoolDirectoryPage['subjects'];
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
  /** Whom the chosen classes and groups give to (their pupils unless other audiences are chosen). */
  population?: readonly string[];
  preview?: AllocationPreview;
  previewing: boolean;
}

/** What a notice says, and the change it can undo. */
export interface Notice {
  text: string;
  tone: 'ok' | 'refused' | 'error';
  undoId?: string;
}

/** What the panel shows: one reactive state, replaced as a whole on each change. */
export interface PanelData {
  view: 'waiting' | 'loading' | 'ready' | 'refused' | 'error' | 'offline';
  errorKey: ErrorMessageKey;
  /** The error of the error state (its problem's request id goes into the report link). */
  failure?: unknown;
  schools: readonly ManagedSchool[];
  currentUai: string;
  subs: readonly SchoolSubscription[];
  allocations: readonly AllocationView[];
  dashboard: Dashboard | undefined;
  audit: readonly AuditEntryView[];
  delegations: readonly DelegationView[];
  selectedSubId: string | undefined;
  population: (LabelledTarget & { holds?: readonly string[] }) | undefined;
  busy: boolean;
  notice: Notice | undefined;
}

/** What the panel's templates read and call; made by `GarAllocationPanel` for each render. */
export interface PanelHost extends Readonly<PanelData> {
  readonly t: AllocationPanelTranslation;
  readonly tab: PanelTab;
  /** The support page the error state links to (`support-url`, else the dashboard's support contact). */
  readonly supportUrl: string;
  readonly nowMs: number;
  readonly managerRole: ManagedSchool['role'];
  readonly names: ReadonlyMap<string, string>;
  readonly draft: DraftState | undefined;
  readonly searches: Readonly<Record<SearchKind, SearchState>>;
  readonly history: HistoryState;
  /** The subscriptions, synchronisation and notifications tabs. */
  readonly year: YearHost;
  date(iso: string): string;
  num(n: number): string;
  /** « Données transmises »: what a resource of the school receives about pupils and staff. */
  releasedData?(resourceId: string): TemplateResult;
  reload(): void;
  switchSchool(uai: string): void;
  selectTab(tab: PanelTab, focus?: boolean): void;
  dismissNotice(): void;
  selectSubscription(id: string): void;
  startDraft(subscriptionId: string, initial?: readonly LabelledTarget[], moveFrom?: DraftState['moveFrom']): void;
  cancelDraft(): void;
  search(which: SearchKind, query: string, more?: boolean): void;
  toggleTarget(target: LabelledTarget): void;
  /** Puts `to` in the place of the selected `from` (a subject's teachers in other divisions). */
  replaceTarget(from: LabelledTarget, to: LabelledTarget): void;
  /** Chooses whom classes and groups give to (élèves, enseignants…), before or after choosing them. */
  togglePopulation(audience: string): void;
  selectAllShown(): void;
  clearSelection(): void;
  confirmDraft(): void;
  acceptSuggestion(s: Dashboard['suggestions'][number]): void;
  /** "Tout accepter": every suggestion, each an ordinary allocation. */
  acceptAllSuggestions(): void;
  withdrawAllocation(a: AllocationView): void;
  withdrawPeople(subscriptionId: string, personIds: readonly string[]): void;
  undo(auditId: string): void;
  askUndo(entry: AuditEntryView): void;
  cancelUndo(): void;
  filterAudit(filters: AuditFilters): void;
  moreAudit(): void;
  exportAudit(): void;
  choosePopulation(target: LabelledTarget): void;
  /** At an école: gives a subscription to every class (`all`) or to the caller's own (`mine`), in one step. */
  giveToClasses(subscriptionId: string, which: 'all' | 'mine'): void;
  delegate(personId: string, name: string): void;
  revoke(personId: string, name: string): void;
}
