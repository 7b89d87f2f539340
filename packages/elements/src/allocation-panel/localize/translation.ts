import type { ErrorMessageKey } from '../../shared/localize.js';
import type { YearTranslation } from './year.js';

/** The tabs of `<gar-allocation-panel>`. */
export type PanelTab =
  | 'resources'
  | 'population'
  | 'dashboard'
  | 'audit'
  | 'delegations'
  | 'subscriptions'
  | 'sync'
  | 'inbox';

/** Figures of a licence-rule refusal, as the service sends them. */
export interface RefusalFigures {
  pool: string;
  remaining: number;
  requested: number;
  used: number;
  licences: number;
  audience: string;
}

/**
 * Every text of `<gar-allocation-panel>`, in the words of a school's allocation manager. Plurals and figures are
 * functions; numbers and dates arrive formatted for the locale.
 */
export interface AllocationPanelTranslation {
  locale: string;
  title: string;
  loading: string;
  school: string;
  delegateRole: string;
  tabs: Record<PanelTab, string>;
  tabsLabel: string;
  audiences: Record<string, string>;
  pool: (name: string) => string;
  gauge: (used: string, licences: string) => string;
  unlimited: string;
  left: (n: string) => string;
  overAllocated: string;
  endsOn: (date: string) => string;
  endsSoon: (date: string) => string;
  notValid: string;
  etabl: string;
  indiv: string;
  nonTransferable: string;
  subscriptionsLabel: string;
  noSubscriptions: string;
  allocationsOf: (name: string) => string;
  noAllocations: string;
  copies: (n: number) => string;
  holdersTitle: (total: number) => string;
  searchHolders: string;
  transfer: string;
  transferLabel: (who: string) => string;
  moveFrom: (who: string, resource: string) => string;
  confirmMove: (n: number) => string;
  moved: (n: number) => string;
  withdraw: string;
  withdrawLabel: (target: string) => string;
  allocate: string;
  allocateTo: (name: string) => string;
  cancel: string;
  targetKinds: Record<'audience' | 'division' | 'group' | 'person', string>;
  /** A level target: every pupil at a level (`5e`). */
  levelTarget: (level: string) => string;
  /** A subject-teacher target: the teachers of a subject in some classes. */
  subjectTarget: (subject: string, classes: string) => string;
  /** A subject-teacher choice of the picker: the teachers of a subject. */
  subjectChoice: (subject: string) => string;
  /** Its hint: how many teachers teach it, in how many classes and groups. */
  subjectHint: (teachers: number, classes: number) => string;
  /** The legend of the classes and groups its teachers are taken from. */
  subjectClasses: (subject: string) => string;
  /** The name of a level by its MEFSTAT4 code (`1011` → `5e`). */
  levels: Record<string, string>;
  searchTargets: string;
  /** The legend of the population choice: whom the classes and groups give to. */
  populationLegend: string;
  /** One audience's line of the preview: how many it takes, and what its pool keeps. */
  audienceTakes: (audience: string, takes: number, left: string) => string;
  searchPlaceholder: string;
  searchPeople: string;
  morePeople: (shown: number, total: number) => string;
  noMatch: string;
  selected: (n: number) => string;
  selectAllShown: string;
  clearSelection: string;
  members: (n: number) => string;
  preview: string;
  previewing: string;
  consumes: (n: number, pool: string, left: string) => string;
  alreadyHolding: (n: number) => string;
  uncovered: (n: number) => string;
  nothingToCharge: string;
  confirm: (n: number) => string;
  refusals: {
    insufficient: (f: RefusalFigures) => string;
    overAllocated: (f: RefusalFigures) => string;
    notCovered: (audience: string) => string;
    notWithdrawable: string;
    empty: string;
    generic: string;
    /** The ways out of a licence refusal (the problem's `advice`). */
    wayOut: string;
    onlyAudience: (audience: string, n: number) => string;
    fewerTargets: (n: number) => string;
    freeCopies: (n: number, enough: boolean) => string;
  };
  /** The colon after a label, with the spacing of the language (French: a non-breaking space before it). */
  colon: string;
  refusedTitle: string;
  allocated: (n: number, already: number) => string;
  withdrawn: (n: number, kept: number) => string;
  dismiss: string;
  undone: string;
  undo: string;
  holds: string;
  holdsNothing: string;
  allocationsForTarget: string;
  choosePopulation: string;
  dashboard: {
    notAllocated: string;
    newSubscriptions: string;
    endingSoon: string;
    overAllocated: string;
    beyondPool: (n: number) => string;
    suggestions: string;
    accept: (target: string) => string;
    /** What a suggestion takes from the pool. */
    takes: (n: number) => string;
    /** Accepts every suggestion at once (they fit the pools together). */
    acceptAll: string;
    acceptedAll: (accepted: number, refused: number) => string;
    perAudience: string;
    nothing: string;
  };
  support: string;
  supportWrite: (name: string) => string;
  supportSite: string;
  audit: {
    title: string;
    empty: string;
    undone: string;
    actions: Record<string, string>;
    by: (actor: string, date: string) => string;
    /** One person of an audience (`1 élève`); `audiences` gives the plural. */
    one: Record<string, string>;
    gave: (counts: string) => string;
    took: (counts: string) => string;
    undid: (action: string) => string;
    filters: string;
    resource: string;
    target: string;
    author: string;
    from: string;
    to: string;
    any: string;
    /** "All" for the author filter (masculine in French). */
    anyone: string;
    /** The author of automatic changes (directory updates, departures). */
    system: string;
    /** Why an undo is refused, by problem code. */
    why: Record<string, string>;
    apply: string;
    exportCsv: string;
    more: string;
    ask: (action: string, targets: string) => string;
    willTake: (counts: string) => string;
    willGive: (counts: string) => string;
    changesNothing: string;
    cannot: string;
    confirm: string;
    keep: string;
    undoneWhat: (action: string, targets: string) => string;
  };
  delegations: {
    title: string;
    empty: string;
    since: (date: string) => string;
    revoke: (name: string) => string;
    add: string;
    search: string;
    delegate: (name: string) => string;
    onlyManagers: string;
    granted: (name: string) => string;
    revoked: (name: string) => string;
  };
  refusedPanelTitle: string;
  refusedPanel: string;
  errorTitle: string;
  offlineTitle: string;
  retry: string;
  /** The error state's link to the support (with the request id, school and resource). */
  report: string;
  errors: Record<ErrorMessageKey, string>;
  /** The subscriptions, synchronisation and notifications tabs. */
  year: YearTranslation;
}
