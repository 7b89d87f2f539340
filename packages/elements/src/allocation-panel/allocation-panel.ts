import type { AllocationTarget, Dashboard, ManagedSchool } from '@opengar/core';
import { consoleOf, isGarSdkError, type AllocationView, type AuditEntryView } from '@opengar/sdk';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { ClientController } from '../shared/client-controller.js';
import { GarClientElement } from '../shared/gar-element.js';
import { describeError } from '../shared/describe-error.js';
import { GarErrorEvent, type GarErrorDetail } from '../shared/gar-error-event.js';
import type { ErrorMessageKey } from '../shared/localize.js';
import { allocationPanelStyles } from './allocation-panel.styles.js';
import { AuditHistory, auditOptions, type AuditFilters } from './audit-history.js';
import { targetsText } from './audit-view.js';
import { DirectorySearches, type SearchKind } from './directory-searches.js';
import { DraftEditor } from './draft-editor.js';
import { giveToClassesChange } from './ecole-view.js';
import { ecoleStyles } from './ecole.styles.js';
import { localize } from './localize.js';
import type { AllocationPanelTranslation, PanelTab } from './localize/translation.js';
import {
  acceptAllChange,
  allocateChange,
  delegationChange,
  moveChange,
  runChange,
  undoChange,
  withdrawChange,
  type ChangeHost,
  type PanelChange,
} from './panel-changes.js';
import { panelFrame } from './panel-frame.js';
import type { DraftState, PanelData, PanelHost } from './panel-host.js';
import { describeRefusal, keyOf, refusalOf, withPopulation, type LabelledTarget } from './panel-model.js';
import { readSchool } from './read-school.js';
import { yearStyles } from './year.styles.js';
import { YearData } from './year-data.js';
import { SchoolReleasedDataController } from './released-data-view.js';

/** What `<gar-allocation-panel>` shows: waiting for a client, loading, the console, a refusal, an error, offline. */
export type AllocationPanelStatus = 'waiting' | 'loading' | 'ready' | 'refused' | 'error' | 'offline';

/**
 * The allocation console of a school's allocation managers and delegates: every subscription with its licence gauges
 * and who holds its copies (by resource), what a class, group or person has (by population), allocation with a
 * preview of what it consumes and refusals in the manager's words, withdrawal, the audit trail with undo, the
 * dashboard with one-click suggestions, delegations, the deployment's support contact, and a school switcher.
 *
 * It takes its client from an enclosing `<gar-client-provider>`, or, alone, makes one from `service-url` and `getToken`.
 *
 * @summary The GAR allocation console.
 *
 * @fires {GarAllocationChangeEvent} gar-allocation-change - After the service accepted an allocation, withdrawal, undo or delegation change.
 * @fires {GarErrorEvent} gar-error - When loading, a change or rendering fails (licence refusals included, `code` naming the rule).
 *
 * @csspart header - Title, school and support contact.
 * @csspart school-switcher - The school picker (several schools only).
 * @csspart role - The "delegated" badge.
 * @csspart support - The support contact; `support-link` its links.
 * @csspart tabs - The tab list; `tab` one tab.
 * @csspart notice - The outcome of the last change (with `undo-button` and `dismiss-button`).
 * @csspart subscriptions - The subscription list; `subscription` one, `subscription-button` its name.
 * @csspart subscription-detail - The chosen subscription.
 * @csspart gauge - One pool's gauge; `gauge-meter` its meter.
 * @csspart flag - A warning (`flag-over`, `flag-ending`).
 * @csspart allocations - Who holds a subscription; `allocation` one row.
 * @csspart allocate-button - Starts an allocation.
 * @csspart withdraw-button - Withdraws an allocation or a person's copy (`transfer-button` moves a copy to others).
 * @csspart picker - The target picker; `search` its field, `choices`/`choice` the results, `more-button` paging.
 * @csspart preview - What the allocation will consume; `refusal` why it cannot be done.
 * @csspart confirm-button - Confirms the allocation.
 * @csspart cancel-button - Drops it.
 * @csspart population-finder - The population search; `population-choice` one result; `population-detail` what it has.
 * @csspart dashboard-card - A dashboard section; `accept-button` accepts a suggestion.
 * @csspart audit - The audit trail; `audit-entry` one entry (`counts` its copies per audience, `undid` what an undo
 * reversed); `undo-button` its undo, asked first in `undo-ask` (`confirm-undo-button`, `keep-button`).
 * @csspart audit-filters - The history's filters (`filter-button`) and its CSV export (`export-button`).
 * @csspart more-button - Shows the history's older changes.
 * @csspart delegations - The delegation tab; `delegation`, `revoke-button`, `delegate-button`.
 * @csspart released-data - « Données transmises » in a subscription's detail (a disclosure); `released-list` its lists.
 * @csspart empty - An empty message.
 * @csspart error - The error, offline and refusal messages; `report` the error state's "report a problem" link.
 *
 * @cssprop --gar-allocation-panel-background - Background (falls back to `--gar-color-surface`).
 * @cssprop --gar-allocation-panel-color - Text colour (`--gar-color-text`).
 * @cssprop --gar-allocation-panel-muted-color - Secondary text (`--gar-color-text-muted`).
 * @cssprop --gar-allocation-panel-card-background - Cards and rows (`--gar-color-surface-raised`).
 * @cssprop --gar-allocation-panel-border-color - Borders (`--gar-color-border`).
 * @cssprop --gar-allocation-panel-accent - Buttons, current items (`--gar-color-accent`).
 * @cssprop --gar-allocation-panel-on-accent - Text on the accent (`--gar-color-on-accent`).
 * @cssprop --gar-allocation-panel-danger - Refusals, over-allocation (`--gar-color-danger`).
 * @cssprop --gar-allocation-panel-warning - End-date warnings (`--gar-color-warning`).
 * @cssprop --gar-allocation-panel-focus-ring - Focus outline (`--gar-focus-ring`).
 * @cssprop --gar-allocation-panel-radius - Corner radius (`--gar-radius`).
 * @cssprop --gar-allocation-panel-gap - Spacing (`--gar-space`).
 * @cssprop --gar-allocation-panel-font-family - Font (`--gar-font-family`).
 */
export class GarAllocationPanel extends GarClientElement {
  /** The element's shadow styles (themable through its `--gar-*` custom properties and parts). */
  static override styles = [allocationPanelStyles, yearStyles, ecoleStyles];
  static override properties = {
    uai: { reflect: true },
    tab: { reflect: true },
    supportUrl: { attribute: 'support-url' },
    now: { attribute: false },
    data: { state: true },
  };

  /** The school to show (UAI); default: the first the person manages. Changing it switches school. */
  uai = '';
  /** The open tab: `resources` (default), `population`, `dashboard`, `audit` or `delegations`. */
  tab: PanelTab = 'resources';
  /** The support's page: the error state links to it with the request id, school and resource (else the dashboard's). */
  supportUrl = '';
  /** The clock (ms since epoch), for end-date warnings. */
  now: () => number = () => Date.now();

  private data: PanelData = {
    view: 'waiting',
    errorKey: 'generic',
    schools: [],
    currentUai: '',
    subs: [],
    allocations: [],
    dashboard: undefined,
    audit: [],
    delegations: [],
    selectedSubId: undefined,
    population: undefined,
    busy: false,
    notice: undefined,
  };

  readonly #client = new ClientController(this, {
    waiting: () => this.#set({ view: 'waiting' }),
    unconfigured: () => this.#fail('configure', new Error('no service URL'), 'notConfigured'),
  });
  readonly #localize = localize(this);
  /** Labels of divisions and groups and names of people (`kind:id` keys), gathered as the school is read. */
  readonly #names = new Map<string, string>();
  readonly #console = () => this.#client.active && consoleOf(this.#client.active);
  readonly #directory = new DirectorySearches({
    console: this.#console,
    uai: () => this.data.currentUai,
    holding: () => this.data.selectedSubId,
    changed: () => this.requestUpdate(),
    failed: (error) => this.#fail('search', error),
  });
  readonly #history = new AuditHistory({
    console: this.#console,
    uai: () => this.data.currentUai,
    entries: () => this.data.audit,
    set: (audit) => this.#set({ audit }),
    changed: () => this.requestUpdate(),
    failed: (error) => this.#fail('load', error),
  });
  readonly #drafts = new DraftEditor({
    console: this.#console,
    uai: () => this.data.currentUai,
    changed: () => this.requestUpdate(),
    failed: (error) => this.#fail('allocate', error),
  });
  // The subscriptions, synchronisation and notifications tabs: loaded when opened (the inbox with the school).
  readonly #released = new SchoolReleasedDataController(this, () => this.#client.active);
  readonly #year: YearData = new YearData({
    console: this.#console,
    uai: () => this.data.currentUai,
    lang: () => this.#localize.lang,
    t: () => this.#t.year,
    panel: () => this.#host(),
    root: () => this.renderRoot,
    changed: () => this.requestUpdate(),
    failed: (error) => this.#fail('search', error),
  });
  /** What the element shows now. */
  get status(): AllocationPanelStatus {
    return this.data.view;
  }
  /** The school shown now (UAI), once loaded. */
  get school(): string {
    return this.data.currentUai;
  }
  /** The caller's role at the school shown: `manager`, `delegate` or `librarian` (who only reads). */
  get managerRole(): ManagedSchool['role'] {
    return this.data.schools.find((s) => s.uai === this.data.currentUai)?.role ?? 'delegate';
  }
  /** The current language. */
  get language(): 'fr' | 'en' {
    return this.#localize.lang;
  }
  get #t(): AllocationPanelTranslation {
    return this.#localize.t;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
    this.#directory.dispose();
  }

  /** Loads everything again (after an error, or to refresh). */
  async reload(): Promise<void> {
    await this.#load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      this.#client.sync(
        changed,
        changed.has('uai') && this.uai !== this.data.currentUai && this.data.view !== 'waiting',
      ) &&
      this.#client.active
    )
      void this.#load();
  }

  #set(patch: Partial<PanelData>): void {
    this.data = { ...this.data, ...patch };
  }

  #load(): Promise<void> {
    return this.#client.run(async (client, signal) => {
      this.#set({ view: 'loading' });
      try {
        const schools = await consoleOf(client).schools({ signal });
        if (signal.aborted) return;
        const school = schools.find((s) => s.uai === this.uai) ?? schools[0];
        if (!school) {
          this.#set({ schools, view: 'refused' });
          return;
        }
        this.uai = school.uai;
        this.#drafts.cancel();
        this.#directory.reset();
        this.#history.reset();
        this.#year.reset();
        this.#set({
          schools,
          currentUai: school.uai,
          selectedSubId: undefined,
          population: undefined,
          notice: undefined,
        });
        await this.#refresh(signal);
        if (signal.aborted) return;
        this.#set({ selectedSubId: this.data.subs[0]?.subscription.id, view: 'ready' });
        this.#year.loadInbox();
        if (this.#year.readOnly) {
          if (!['subscriptions', 'inbox'].includes(this.tab)) this.tab = 'subscriptions';
          return;
        }
        this.#search('population', '');
        if (this.tab === 'sync') this.#year.loadSync();
      } catch (error) {
        if (signal.aborted) return;
        if (isGarSdkError(error) && error.code === 'forbidden') this.#set({ view: 'refused' });
        else this.#fail('load', error);
      }
    });
  }

  async #refresh(signal?: AbortSignal): Promise<void> {
    const c = this.#console();
    const uai = this.data.currentUai;
    if (!c || !uai) return;
    const { auditNext, ...school } = await readSchool(
      c,
      uai,
      this.#names,
      signal,
      auditOptions(this.#history.state.filters),
      this.#year.readOnly,
    );
    if (signal?.aborted || uai !== this.data.currentUai) return;
    this.#history.loaded(auditNext);
    const selected = school.subs.some((s) => s.subscription.id === this.data.selectedSubId)
      ? this.data.selectedSubId
      : school.subs[0]?.subscription.id;
    this.#set({ ...school, selectedSubId: selected });
    if (selected) this.#search('holders', this.#directory.states.holders.query);
  }

  #fail(operation: GarErrorDetail['operation'], error: unknown, key?: ErrorMessageKey): void {
    const described = key ? { code: 'not-configured', messageKey: key } : describeError(error);
    const message = this.#t.errors[described.messageKey];
    if (operation === 'load' || operation === 'configure' || operation === 'render') {
      const offline =
        described.messageKey === 'offline' || (typeof navigator === 'object' && navigator.onLine === false);
      this.#set({ errorKey: described.messageKey, failure: error, view: offline ? 'offline' : 'error' });
    } else {
      const refusal = refusalOf(error);
      this.#set({
        notice: refusal
          ? { text: describeRefusal(refusal, this.#t), tone: 'refused' }
          : { text: message, tone: 'error' },
      });
    }
    this.dispatchEvent(
      new GarErrorEvent({ operation, code: described.code, messageKey: described.messageKey, message, error }),
    );
  }

  #change(operation: GarErrorDetail['operation'], run: PanelChange): Promise<boolean> {
    // What runChange reads and updates: the panel's state, never its fields one by one.
    const host: ChangeHost = {
      busy: this.data.busy,
      currentUai: this.data.currentUai,
      set: (patch) => this.#set(patch),
      refresh: () => this.#refresh(),
      fail: (op, error) => this.#fail(op, error),
      dispatchEvent: (event) => this.dispatchEvent(event),
    };
    const skipped = this.data.busy || !this.#client.active;
    return runChange(host, this.#client.active, operation, run).then(async (done) => {
      // The outcome (or the refusal) is announced, a live region, and focus moves to it, in view, with its undo.
      if (skipped) return done;
      await this.updateComplete;
      const notice = this.shadowRoot?.querySelector<HTMLElement>('[part="notice"]');
      notice?.focus();
      notice?.scrollIntoView?.({ block: 'nearest' });
      return done;
    });
  }

  /** Escape closes what is open: an allocation being prepared, then open details, then the notice. */
  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    const open = [...(this.shadowRoot?.querySelectorAll<HTMLDetailsElement>('details[open]') ?? [])];
    if (this.#drafts.draft) this.#drafts.cancel();
    else if (open.length > 0) for (const d of open) d.open = false;
    else if (this.data.notice) this.#set({ notice: undefined });
    else return;
    e.stopPropagation();
  };

  #search(which: SearchKind, query: string, more = false): void {
    this.#directory.search(which, query, more);
  }

  #selectTab(tab: PanelTab, focus = false): void {
    this.tab = tab;
    this.#drafts.cancel();
    if (tab === 'delegations' && this.#directory.states.staff.people.length === 0) this.#search('staff', '');
    if (tab === 'sync' && this.#year.state.sync.status !== 'ready') this.#year.loadSync();
    if (tab === 'inbox') this.#year.loadInbox();
    if (focus) void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  #startDraft(
    subscriptionId: string,
    initial: readonly LabelledTarget[] = [],
    moveFrom?: DraftState['moveFrom'],
  ): void {
    if (this.tab === 'dashboard') this.tab = 'resources';
    if (this.tab === 'resources') this.#set({ selectedSubId: subscriptionId });
    const picker = this.#directory.states.picker;
    if (picker.groups.length + picker.people.length === 0) this.#search('picker', '');
    // Whom classes and groups give to: their pupils when the subscription covers pupils, else its first audience.
    const audiences = this.data.subs.find((x) => x.subscription.id === subscriptionId)?.subscription.audiences ?? [];
    const population = audiences.includes('ELEVE') || audiences.length === 0 ? ['ELEVE'] : [audiences[0]!];
    this.#drafts.start(subscriptionId, initial, moveFrom, population);
    // The allocate button gives way to the picker: focus goes to its search field rather than being lost (not when
    // choosing a subscription for a population, where focus stays on the select).
    if (initial.length === 0)
      void this.updateComplete.then(() =>
        this.shadowRoot?.querySelector<HTMLElement>('[part="picker"] [part="search"]')?.focus(),
      );
  }

  #confirmDraft(): void {
    const draft = this.#drafts.draft;
    if (!draft || draft.selection.size === 0) return;
    const targets: AllocationTarget[] = [...draft.selection.values()].map((x) =>
      withPopulation(x.target, draft.population),
    );
    void this.#change('allocate', async (c, uai) => {
      const t = this.#t;
      const done = await (draft.moveFrom
        ? moveChange(t, draft.subscriptionId, draft.moveFrom.personId, targets)
        : allocateChange(t, draft.subscriptionId, targets))(c, uai);
      this.#drafts.cancel();
      const p = this.data.population;
      if (p?.target.kind === 'person' && done.detail.personIds?.includes(p.target.personId))
        return { ...done, state: { population: { ...p, holds: [...(p.holds ?? []), draft.subscriptionId] } } };
      return done;
    });
  }

  #withdrawPeople(subscriptionId: string, personIds: readonly string[]): void {
    void this.#change('withdraw', async (c, uai) => {
      const done = await withdrawChange(this.#t, { subscriptionId, personIds })(c, uai);
      const p = this.data.population;
      return p?.holds
        ? { ...done, state: { population: { ...p, holds: p.holds.filter((id) => id !== subscriptionId) } } }
        : done;
    });
  }

  #undo(auditId: string): void {
    const asked = this.#history.state.ask;
    const what =
      asked?.entry.id === auditId
        ? this.#t.audit.undoneWhat(
            this.#t.audit.actions[asked.entry.action] ?? asked.entry.action,
            targetsText(this.#host(), asked.entry.targets),
          )
        : undefined;
    void this.#change('undo', async (c, uai) => {
      const done = await undoChange(this.#t, auditId, what)(c, uai);
      const p = this.data.population;
      if (p?.target.kind === 'person') void this.#choosePopulation(p);
      return done;
    });
  }

  async #choosePopulation(x: LabelledTarget): Promise<void> {
    this.#set({ population: { ...x } });
    this.#drafts.cancel();
    const console = this.#console();
    if (x.target.kind !== 'person' || !console) return;
    try {
      const found = await console.directory(this.data.currentUai, { personIds: x.target.personId });
      const p = this.data.population;
      if (p && keyOf(p.target) === keyOf(x.target))
        this.#set({ population: { ...x, holds: found.people[0]?.subscriptionIds ?? [] } });
    } catch (error) {
      this.#fail('search', error);
    }
  }

  // What the templates call: made once, reading the state when called.
  readonly #actions = {
    reload: () => void this.reload(),
    switchSchool: (uai: string) => (this.uai = uai),
    selectTab: (tab: PanelTab, focus?: boolean) => this.#selectTab(tab, focus),
    dismissNotice: () => this.#set({ notice: undefined }),
    selectSubscription: (id: string) => {
      if (id !== this.data.selectedSubId) this.#directory.clear('holders');
      this.#set({ selectedSubId: id });
      this.#search('holders', '');
      if (this.#drafts.draft?.subscriptionId !== id) this.#drafts.cancel();
    },
    startDraft: (subscriptionId: string, initial?: readonly LabelledTarget[], moveFrom?: DraftState['moveFrom']) =>
      this.#startDraft(subscriptionId, initial, moveFrom),
    cancelDraft: () => this.#drafts.cancel(),
    togglePopulation: (audience: string) => this.#drafts.togglePopulation(audience),
    search: (which: SearchKind, query: string, more?: boolean) => this.#search(which, query, more),
    toggleTarget: (x: LabelledTarget) => this.#drafts.toggle(x),
    replaceTarget: (from: LabelledTarget, to: LabelledTarget) => this.#drafts.replace(from, to),
    selectAllShown: () => this.#drafts.selectAll(this.#directory.states.picker, (k) => this.#t.targetKinds[k]),
    clearSelection: () => this.#drafts.clear(),
    confirmDraft: () => this.#confirmDraft(),
    acceptSuggestion: (s: Dashboard['suggestions'][number]) =>
      void this.#change('allocate', allocateChange(this.#t, s.subscriptionId, [s.target])),
    acceptAllSuggestions: () => void this.#change('allocate', acceptAllChange(this.#t)),
    withdrawAllocation: (a: AllocationView) => void this.#change('withdraw', withdrawChange(this.#t, a)),
    withdrawPeople: (subscriptionId: string, personIds: readonly string[]) =>
      this.#withdrawPeople(subscriptionId, personIds),
    undo: (auditId: string) => this.#undo(auditId),
    askUndo: (entry: AuditEntryView) => {
      void this.#history.ask(entry);
      void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('[part="undo-ask"]')?.focus());
    },
    cancelUndo: () => this.#history.cancel(),
    filterAudit: (filters: AuditFilters) => void this.#history.filter(filters),
    moreAudit: () => void this.#history.more(),
    exportAudit: () => void this.#history.exportCsv(),
    choosePopulation: (x: LabelledTarget) => void this.#choosePopulation(x),
    giveToClasses: (subscriptionId: string, which: 'all' | 'mine') =>
      void this.#change('allocate', giveToClassesChange({ ...this.data, t: this.#t }, subscriptionId, which)),
    delegate: (personId: string, name: string) => {
      this.#names.set(`person:${personId}`, name);
      void this.#change('delegate', delegationChange(this.#t, 'delegate', personId, name));
    },
    revoke: (personId: string, name: string) =>
      void this.#change('delegate', delegationChange(this.#t, 'revoke', personId, name)),
  };

  #host(): PanelHost {
    const t = this.#t;
    return {
      ...this.data,
      ...this.#actions,
      t,
      tab: this.tab,
      supportUrl: this.supportUrl,
      nowMs: this.now(),
      managerRole: this.managerRole,
      names: this.#names,
      draft: this.#drafts.draft,
      searches: this.#directory.states,
      history: this.#history.state,
      year: this.#year.view(this.data),
      date: (iso) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime())
          ? ''
          : d.toLocaleDateString(t.locale, { day: 'numeric', month: 'long', year: 'numeric' });
      },
      num: (n) => n.toLocaleString(t.locale),
      releasedData: (id) => this.#released.render(this.data.currentUai, id, this.language),
    };
  }

  protected override render(): TemplateResult {
    try {
      return panelFrame(this.#host());
    } catch (error) {
      queueMicrotask(() => this.#fail('render', error));
      return html`<div role="alert" part="error"><p>${this.#t.errors.generic}</p></div>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gar-allocation-panel': GarAllocationPanel;
  }
}
