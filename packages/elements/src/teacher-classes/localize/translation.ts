import type { ErrorMessageKey } from '../../shared/localize.js';

/** The texts of `<gar-teacher-classes>`, one interface for every language (French first). */
export interface TeacherClassesTranslation {
  locale: string;
  title: string;
  loading: string;
  /** Sections. */
  classesTitle: string;
  classesHint: string;
  pinsTitle: string;
  usageTitle: string;
  requestsTitle: string;
  /** Tabs. */
  tabsLabel: string;
  /** The table of what the classes hold. */
  resource: string;
  holders(holding: number, pupils: number): string;
  holdersLabel(holding: number, pupils: number, className: string): string;
  recommend: string;
  recommendLabel(resource: string): string;
  request: string;
  requestLabel(resource: string, className: string): string;
  requested: string;
  noResources: string;
  noClasses: string;
  /** The pin form. */
  pinFormTitle(resource: string): string;
  pinClasses: string;
  pinNote: string;
  pinNoteHint(max: number): string;
  pinUntil: string;
  pinSubmit: string;
  cancel: string;
  pinChooseClass: string;
  /** LTI Deep Linking: pick a page of the resource in its own tool, for one class. */
  pinPickPage: string;
  pinPickPageHint: string;
  pinChooseOneClass: string;
  /** A pin's chosen page. */
  pinPage: string;
  /** Pins. */
  noPins: string;
  pinFor(classes: string): string;
  until(date: string): string;
  unpin: string;
  unpinLabel(resource: string): string;
  lacking(count: number, className: string): string;
  allHold(className: string): string;
  askFor(className: string): string;
  pinned(resource: string): string;
  /** Usage. */
  usageHint: string;
  band: string;
  hidden: string;
  noUsage: string;
  /** Requests. */
  noRequests: string;
  requestFor(resource: string, className: string): string;
  status: Record<'pending' | 'granted' | 'declined', string>;
  answer(text: string): string;
  sent(resource: string, className: string): string;
  /** Errors. */
  errorTitle: string;
  offlineTitle: string;
  retry: string;
  notATeacher: string;
  errors: Record<ErrorMessageKey, string>;
}
