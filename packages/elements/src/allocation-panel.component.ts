import { ContextConsumer } from '@lit/context';
import type { AllocationTarget, Dashboard, ManagedSchool, SchoolSubscription } from '@opengar/core';
import { isGarSdkError, type AllocationView, type AuditEntryView, type DelegationView, type FetchLike, type GarMediacentreClient, type GetToken, consoleOf } from '@opengar/sdk';
import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import type { AllocationPanelTranslation, PanelTab } from './allocation/localize/panel-translation.js';
import { panelTranslations } from './allocation/localize/panel-translations.js';
import { DirectorySearches, type SearchKind } from './allocation/directory-searches.js';
import { DraftEditor } from './allocation/draft-editor.js';
import { OwnClient } from './allocation/own-client.js';
import { panelFrame } from './allocation/panel-frame.js';
import type { DraftState, Notice, PanelHost, SearchState } from './allocation/panel-host.js';
import { allocateChange, delegationChange, moveChange, runChange, undoChange, withdrawChange, type PanelChange } from './allocation/panel-changes.js';
import { describeRefusal, keyOf, refusalOf, type LabelledTarget } from './allocation/panel-model.js';
import { readSchool } from './allocation/read-school.js';
import { allocationPanelStyles } from './allocation-panel.styles.js';
import { garClientContext } from './client-context.js';
import { describeError } from './describe-error.js';
import { GarErrorEvent, type GarErrorDetail } from './events/gar-error-event.js';
import type { ErrorMessageKey } from './localize/translation.js';
import { langOf } from './localize/translations.js';

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
 * @csspart audit - The audit trail; `audit-entry` one entry; `undo-button` its undo.
 * @csspart delegations - The delegation tab; `delegation`, `revoke-button`, `delegate-button`.
 * @csspart empty - An empty message.
 * @csspart error - The error, offline and refusal messages.
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
export class GarAllocationPanel extends LitElement implements PanelHost {
  /** The element's shadow styles (themable through its `--gar-*` custom properties and parts). */
  static override styles = allocationPanelStyles;
  static override properties = {
    serviceUrl: { attribute: 'service-url', reflect: true },
    getToken: { attribute: false },
    fetch: { attribute: false },
    client: { attribute: false },
    uai: { reflect: true },
    tab: { reflect: true },
    theme: { reflect: true },
    lang: {},
    now: { attribute: false },
    contextClient: { state: true },
  };

  /** The service URL; used only when no `<gar-client-provider>` encloses the element. */
  serviceUrl = '';
  /** Returns the ENT user assertion (with `service-url`, when used alone). */
  getToken?: GetToken;
  /** The fetch of the element's own client (default: the global one). */
  fetch?: FetchLike;
  /** A ready-made client; takes precedence over the provider and `service-url`. */
  client?: GarMediacentreClient;
  /** The school to show (UAI); default: the first the person manages. Changing it switches school. */
  uai = '';
  /** The open tab: `resources` (default), `population`, `dashboard`, `audit` or `delegations`. */
  tab: PanelTab = 'resources';
  /** `light`, `dark`, or `auto` (default: follows the system). */
  theme: 'auto' | 'light' | 'dark' = 'auto';
  /** The language: `fr` (default) or `en`; switchable at run time. */
  override lang = '';
  /** The clock (ms since epoch), for end-date warnings. */
  now: () => number = () => Date.now();

  private contextClient?: GarMediacentreClient;
  private providerFound = false;
  private activeClient?: GarMediacentreClient;
  private readonly own = new OwnClient();
  private loadController?: AbortController;
  private readonly directory = new DirectorySearches({
    console: () => (this.activeClient && consoleOf(this.activeClient)),
    uai: () => this.currentUai,
    holding: () => this.selectedSubId,
    changed: () => this.requestUpdate(),
    failed: (error) => this.fail('search', error),
  });
  private readonly drafts = new DraftEditor({
    console: () => (this.activeClient && consoleOf(this.activeClient)),
    uai: () => this.currentUai,
    changed: () => this.requestUpdate(),
    failed: (error) => this.fail('allocate', error),
  });

  /** @internal */ view: AllocationPanelStatus = 'waiting';
  /** @internal */ errorKey: ErrorMessageKey = 'generic';
  /** @internal */ schools: ManagedSchool[] = [];
  /** @internal */ currentUai = '';
  /** @internal */ subs: SchoolSubscription[] = [];
  /** @internal */ allocations: AllocationView[] = [];
  /** @internal */ dashboard: Dashboard | undefined;
  /** @internal */ audit: AuditEntryView[] = [];
  /** @internal */ delegations: DelegationView[] = [];
  /** @internal */ names = new Map<string, string>();
  /** @internal */ selectedSubId: string | undefined;
  /** @internal */ population: PanelHost['population'];
  /** @internal */ busy = false;
  /** @internal */ notice: Notice | undefined;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: garClientContext,
      subscribe: true,
      callback: (value) => {
        this.providerFound = true;
        this.contextClient = value;
      },
    });
  }

  /** What the element shows now. */
  get status(): AllocationPanelStatus {
    return this.view;
  }
  /** The school shown now (UAI), once loaded. */
  get school(): string {
    return this.currentUai;
  }
  /** The caller's role at the school shown: `manager` or `delegate`. */
  get managerRole(): ManagedSchool['role'] {
    return this.schools.find((s) => s.uai === this.currentUai)?.role ?? 'delegate';
  }
  /** @internal */ get draft(): DraftState | undefined {
    return this.drafts.draft;
  }
  /** @internal */ get searches(): Readonly<Record<SearchKind, SearchState>> {
    return this.directory.states;
  }
  /** The current language. */
  get language(): 'fr' | 'en' {
    return langOf(this.lang);
  }
  /** @internal */ get t(): AllocationPanelTranslation {
    return panelTranslations[this.language];
  }
  /** @internal */ get nowMs(): number {
    return this.now();
  }
  /** @internal */ date(iso: string): string {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(this.t.locale, { day: 'numeric', month: 'long', year: 'numeric' });
  }
  /** @internal */ num(n: number): string {
    return n.toLocaleString(this.t.locale);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadController?.abort();
    this.directory.dispose();
  }

  /** Loads everything again (after an error, or to refresh). */
  async reload(): Promise<void> {
    await this.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const client = this.resolveClient();
    if (client !== this.activeClient || (changed.has('uai') && this.uai !== this.currentUai && this.view !== 'waiting')) {
      this.activeClient = client;
      if (client) void this.load();
      else if (this.providerFound || this.serviceUrl) this.view = 'waiting';
      else if (this.hasUpdated || changed.has('serviceUrl')) this.fail('configure', new Error('no service URL'), 'notConfigured');
    }
  }

  protected override firstUpdated(): void {
    if (!this.activeClient && !this.providerFound && !this.serviceUrl) this.fail('configure', new Error('no service URL'), 'notConfigured');
  }

  private resolveClient(): GarMediacentreClient | undefined {
    return this.client ?? this.contextClient ?? this.own.for(this.serviceUrl, this.getToken, this.fetch);
  }

  private async load(): Promise<void> {
    const client = this.activeClient;
    if (!client) return;
    this.loadController?.abort();
    const controller = new AbortController();
    this.loadController = controller;
    const signal = controller.signal;
    this.view = 'loading';
    this.requestUpdate();
    try {
      const schools = await consoleOf(client).schools({ signal });
      if (signal.aborted) return;
      this.schools = schools;
      const school = schools.find((s) => s.uai === this.uai) ?? schools[0];
      if (!school) {
        this.view = 'refused';
        this.requestUpdate();
        return;
      }
      this.currentUai = school.uai;
      this.uai = school.uai;
      this.selectedSubId = undefined;
      this.drafts.cancel();
      this.population = undefined;
      this.notice = undefined;
      this.directory.reset();
      await this.refresh(signal);
      if (signal.aborted) return;
      this.selectedSubId = this.subs[0]?.subscription.id;
      this.view = 'ready';
      this.requestUpdate();
      this.search('population', '');
    } catch (error) {
      if (signal.aborted) return;
      if (isGarSdkError(error) && error.code === 'forbidden') {
        this.view = 'refused';
        this.requestUpdate();
        return;
      }
      this.fail('load', error);
    }
  }

  /** @internal */ async refresh(signal?: AbortSignal): Promise<void> {
    const c = (this.activeClient && consoleOf(this.activeClient));
    const uai = this.currentUai;
    if (!c || !uai) return;
    const data = await readSchool(c, uai, this.names, signal);
    if (signal?.aborted || uai !== this.currentUai) return;
    Object.assign(this, data);
    if (!this.subs.some((s) => s.subscription.id === this.selectedSubId)) this.selectedSubId = this.subs[0]?.subscription.id;
    if (this.selectedSubId) this.search('holders', this.searches.holders.query);
    this.requestUpdate();
  }

  /** @internal */ fail(operation: GarErrorDetail['operation'], error: unknown, key?: ErrorMessageKey): void {
    const described = key ? { code: 'not-configured', messageKey: key } : describeError(error);
    const message = this.t.errors[described.messageKey];
    if (operation === 'load' || operation === 'configure' || operation === 'render') {
      this.errorKey = described.messageKey;
      this.view = described.messageKey === 'offline' || (typeof navigator === 'object' && navigator.onLine === false) ? 'offline' : 'error';
    } else {
      const refusal = refusalOf(error);
      this.notice = refusal ? { text: describeRefusal(refusal, this.t), tone: 'refused' } : { text: message, tone: 'error' };
    }
    this.requestUpdate();
    this.dispatchEvent(new GarErrorEvent({ operation, code: described.code, messageKey: described.messageKey, message, error }));
  }

  private change(operation: GarErrorDetail['operation'], run: PanelChange): Promise<boolean> {
    return runChange(this, this.activeClient, operation, run);
  }

  // Actions called by the templates.

  /** @internal */ selectSubscription(id: string): void {
    if (id !== this.selectedSubId) this.directory.clear('holders');
    this.selectedSubId = id;
    this.search('holders', '');
    if (this.draft?.subscriptionId !== id) this.drafts.cancel();
    this.requestUpdate();
  }
  /** @internal */ startDraft(subscriptionId: string, initial: readonly LabelledTarget[] = [], moveFrom?: DraftState['moveFrom']): void {
    if (this.tab === 'dashboard') this.tab = 'resources';
    if (this.tab === 'resources') this.selectedSubId = subscriptionId;
    if (this.searches.picker.groups.length + this.searches.picker.people.length === 0) this.search('picker', '');
    this.drafts.start(subscriptionId, initial, moveFrom);
    // The allocate button gives way to the picker: focus goes to its search field rather than being lost (not when
    // choosing a subscription for a population, where focus stays on the select).
    if (initial.length === 0) void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('[part="picker"] [part="search"]')?.focus());
  }
  /** @internal */ cancelDraft(): void {
    this.drafts.cancel();
  }
  /** @internal */ toggleTarget(x: LabelledTarget): void {
    this.drafts.toggle(x);
  }
  /** @internal */ selectAllShown(): void {
    this.drafts.selectAll(this.searches.picker, (k) => this.t.targetKinds[k]);
  }
  /** @internal */ clearSelection(): void {
    this.drafts.clear();
  }

  /** @internal */ confirmDraft(): void {
    const draft = this.draft;
    if (!draft || draft.selection.size === 0) return;
    const targets: AllocationTarget[] = [...draft.selection.values()].map((x) => x.target);
    void this.change('allocate', async (c, uai) => {
      const done = await (draft.moveFrom ? moveChange(this.t, draft.subscriptionId, draft.moveFrom.personId, targets) : allocateChange(this.t, draft.subscriptionId, targets))(c, uai);
      this.drafts.cancel();
      const p = this.population;
      if (p?.target.kind === 'person' && done.detail.personIds?.includes(p.target.personId)) this.population = { ...p, holds: [...(p.holds ?? []), draft.subscriptionId] };
      return done;
    });
  }
  /** @internal */ acceptSuggestion(s: Dashboard['suggestions'][number]): void {
    void this.change('allocate', allocateChange(this.t, s.subscriptionId, [s.target]));
  }
  /** @internal */ withdrawAllocation(a: AllocationView): void {
    void this.change('withdraw', withdrawChange(this.t, a));
  }
  /** @internal */ withdrawPeople(subscriptionId: string, personIds: readonly string[]): void {
    void this.change('withdraw', async (c, uai) => {
      const done = await withdrawChange(this.t, { subscriptionId, personIds })(c, uai);
      if (this.population?.holds) this.population = { ...this.population, holds: this.population.holds.filter((id) => id !== subscriptionId) };
      return done;
    });
  }
  /** @internal */ undo(auditId: string): void {
    void this.change('undo', async (c, uai) => {
      const done = await undoChange(this.t, auditId)(c, uai);
      if (this.population?.target.kind === 'person') void this.choosePopulation(this.population);
      return done;
    });
  }
  /** @internal */ delegate(personId: string, name: string): void {
    this.names.set(`person:${personId}`, name);
    void this.change('delegate', delegationChange(this.t, 'delegate', personId, name));
  }
  /** @internal */ revoke(personId: string, name: string): void {
    void this.change('delegate', delegationChange(this.t, 'revoke', personId, name));
  }
  /** @internal */ async choosePopulation(x: LabelledTarget): Promise<void> {
    this.population = { ...x };
    this.drafts.cancel();
    this.requestUpdate();
    const client = this.activeClient;
    if (x.target.kind !== 'person' || !client) return;
    const personId = x.target.personId;
    try {
      const found = await consoleOf(client).directory(this.currentUai, { personIds: personId });
      if (this.population && keyOf(this.population.target) === keyOf(x.target)) this.population = { ...x, holds: found.people[0]?.subscriptionIds ?? [] };
    } catch (error) {
      this.fail('search', error);
    }
    this.requestUpdate();
  }

  /** @internal */ search(which: SearchKind, query: string, more = false): void {
    this.directory.search(which, query, more);
  }

  /** @internal */ selectTab(tab: PanelTab): void {
    this.tab = tab;
    this.drafts.cancel();
    if (tab === 'delegations' && this.searches.staff.people.length === 0) this.search('staff', '');
  }
  protected override render(): TemplateResult {
    try {
      return panelFrame(this);
    } catch (error) {
      queueMicrotask(() => this.fail('render', error));
      return html`<div role="alert" part="error"><p>${this.t.errors.generic}</p></div>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gar-allocation-panel': GarAllocationPanel;
  }
}
