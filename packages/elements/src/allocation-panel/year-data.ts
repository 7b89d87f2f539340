import type { NotificationGroup, NotificationPreferences, SchoolSubscription } from '@opengar/core';
import { isGarSdkError, type GarConsoleClient, type NotificationView, type SyncReportView } from '@opengar/sdk';
import type { SubscriptionStatus, YearTranslation } from './localize/year.js';
import { endsSoon } from './panel-model.js';
import type { PanelHost } from './panel-host.js';
import { allocationsCsv, downloadCsv, holdersCsv, subscriptionsCsv } from './year-csv.js';

/** How one of the year views' data stands. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'none' | 'error';

/** The filters and sort of the read-only subscription list. */
export interface CatalogueFilters {
  query: string;
  publisher: string;
  type: '' | 'ETABL' | 'INDIV';
  status: '' | SubscriptionStatus;
  toAllocate: boolean;
  sort: 'name' | 'end' | 'status' | 'publisher';
}

/** What the subscriptions, synchronisation and notifications tabs read. */
export interface YearState {
  sync: { status: LoadStatus; report?: SyncReportView };
  inbox: { status: LoadStatus; items: readonly NotificationView[]; said: string };
  /** The caller's e-mail preferences, once read. */
  prefs: NotificationPreferences | undefined;
  filters: CatalogueFilters;
  exporting: boolean;
}

/** What the year views call. */
export interface YearActions {
  loadSync(): void;
  exportSync(): void;
  loadInbox(): void;
  markRead(id: string): void;
  markAllRead(): void;
  setEmail(group: NotificationGroup, on: boolean): void;
  filter(patch: Partial<CatalogueFilters>): void;
  exportCatalogue(what: 'subscriptions' | 'allocations' | 'holders'): void;
}

const DAY = 86_400_000;

/** Every status of a subscription at `now`: expired, over-allocated, ending soon, new (valid 30 days or less), else delivered. */
export function statusesOf(s: SchoolSubscription, now: number, newIds: ReadonlySet<string>): SubscriptionStatus[] {
  const out: SubscriptionStatus[] = [];
  const end = Date.parse(s.subscription.validUntil);
  if (Number.isFinite(end) && end < now) out.push('expired');
  if (s.overAllocated) out.push('over');
  if (endsSoon(s, now)) out.push('ending');
  const start = Date.parse(s.subscription.validFrom);
  if (newIds.has(s.subscription.id) || (Number.isFinite(start) && start <= now && now - start <= 30 * DAY))
    if (!out.includes('expired')) out.push('new');
  if (out.length === 0) out.push('delivered');
  return out;
}

const ORDER: readonly SubscriptionStatus[] = ['expired', 'over', 'ending', 'new', 'delivered'];

/** The subscriptions the filters keep, in their order. */
export function filterCatalogue(
  subs: readonly SchoolSubscription[],
  f: CatalogueFilters,
  now: number,
  newIds: ReadonlySet<string>,
): { sub: SchoolSubscription; statuses: SubscriptionStatus[] }[] {
  const q = f.query.trim().toLocaleLowerCase('fr');
  const rows = subs
    .map((sub) => ({ sub, statuses: statusesOf(sub, now, newIds) }))
    .filter(({ sub, statuses }) => {
      const s = sub.subscription;
      if (q && !`${s.resourceLabel} ${s.resourceId} ${s.id}`.toLocaleLowerCase('fr').includes(q)) return false;
      if (f.publisher && s.distributorId !== f.publisher) return false;
      if (f.type && s.type !== f.type) return false;
      if (f.status && !statuses.includes(f.status)) return false;
      if (f.toAllocate && (sub.allocationCount > 0 || !sub.valid)) return false;
      return true;
    });
  const byName = (a: SchoolSubscription, b: SchoolSubscription) =>
    a.subscription.resourceLabel.localeCompare(b.subscription.resourceLabel, 'fr');
  return rows.sort((a, b) => {
    switch (f.sort) {
      case 'end':
        return a.sub.subscription.validUntil.localeCompare(b.sub.subscription.validUntil) || byName(a.sub, b.sub);
      case 'status':
        return (
          ORDER.indexOf(a.statuses[0] ?? 'delivered') - ORDER.indexOf(b.statuses[0] ?? 'delivered') ||
          byName(a.sub, b.sub)
        );
      case 'publisher':
        return a.sub.subscription.distributorId.localeCompare(b.sub.subscription.distributorId) || byName(a.sub, b.sub);
      default:
        return byName(a.sub, b.sub);
    }
  });
}

/** The data of the year views, loaded when their tab opens, and what they do. */
export class YearData implements YearActions {
  state: YearState = YearData.#empty();

  constructor(
    private readonly deps: {
      console: () => GarConsoleClient | undefined | false;
      uai: () => string;
      lang: () => 'fr' | 'en';
      t: () => YearTranslation;
      panel: () => PanelHost;
      root: () => Node;
      changed: () => void;
      failed: (error: unknown) => void;
    },
  ) {}

  static #empty(): YearState {
    return {
      sync: { status: 'idle' },
      inbox: { status: 'idle', items: [], said: '' },
      prefs: undefined,
      filters: { query: '', publisher: '', type: '', status: '', toAllocate: false, sort: 'name' },
      exporting: false,
    };
  }

  /** Forgets the school's data (another school, a reload). */
  reset(): void {
    this.state = YearData.#empty();
  }

  #set(patch: Partial<YearState>): void {
    this.state = { ...this.state, ...patch };
    this.deps.changed();
  }

  get unread(): number {
    return this.state.inbox.items.filter((n) => !n.readAt).length;
  }

  loadSync(): void {
    const c = this.deps.console();
    const uai = this.deps.uai();
    if (!c || !uai) return;
    this.#set({ sync: { status: 'loading' } });
    c.syncReport(uai).then(
      (report) => uai === this.deps.uai() && this.#set({ sync: { status: 'ready', report } }),
      (error: unknown) => {
        if (uai !== this.deps.uai()) return;
        if (isGarSdkError(error) && error.code === 'not-found') this.#set({ sync: { status: 'none' } });
        else this.#set({ sync: { status: 'error' } });
      },
    );
  }

  exportSync(): void {
    const c = this.deps.console();
    const uai = this.deps.uai();
    if (!c || !uai) return;
    c.syncReportCsv(uai).then(
      (csv) => downloadCsv(this.deps.root(), csv.replace(/^\ufeff/, ''), `synchronisation-${uai}`),
      (error: unknown) => this.deps.failed(error),
    );
  }

  loadInbox(): void {
    const c = this.deps.console();
    const uai = this.deps.uai();
    if (!c || !uai) return;
    this.#set({ inbox: { ...this.state.inbox, status: this.state.inbox.status === 'ready' ? 'ready' : 'loading' } });
    c.notifications(uai, { lang: this.deps.lang() }).then(
      (items) => {
        if (uai !== this.deps.uai()) return;
        const sorted = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        this.#set({ inbox: { status: 'ready', items: sorted, said: this.state.inbox.said } });
      },
      () => uai === this.deps.uai() && this.#set({ inbox: { ...this.state.inbox, status: 'error' } }),
    );
    if (!this.state.prefs)
      c.notificationPreferences(uai).then(
        (prefs) => uai === this.deps.uai() && this.#set({ prefs }),
        () => {}, // the inbox works without them; the choices stay hidden
      );
  }

  setEmail(group: NotificationGroup, on: boolean): void {
    const c = this.deps.console();
    const uai = this.deps.uai();
    const before = this.state.prefs;
    if (!c || !uai || !before) return;
    const next = { email: { ...before.email, [group]: on } };
    this.#set({ prefs: next });
    c.setNotificationPreferences(uai, next).then(
      (prefs) => this.#set({ prefs, inbox: { ...this.state.inbox, said: this.deps.t().inbox.saved } }),
      (error: unknown) => {
        this.#set({ prefs: before });
        this.deps.failed(error);
      },
    );
  }

  async #mark(ids: readonly string[]): Promise<void> {
    const c = this.deps.console();
    const uai = this.deps.uai();
    if (!c || !uai || ids.length === 0) return;
    const done = new Set<string>();
    try {
      for (const id of ids) {
        await c.markNotificationRead(uai, id);
        done.add(id);
      }
    } catch (error) {
      this.deps.failed(error);
    }
    const at = new Date().toISOString();
    this.#set({
      inbox: {
        ...this.state.inbox,
        items: this.state.inbox.items.map((n) => (done.has(n.id) ? { ...n, readAt: at } : n)),
        said: this.deps.t().inbox.marked(done.size),
      },
    });
  }

  markRead(id: string): void {
    void this.#mark([id]);
  }

  markAllRead(): void {
    void this.#mark(this.state.inbox.items.filter((n) => !n.readAt).map((n) => n.id));
  }

  filter(patch: Partial<CatalogueFilters>): void {
    this.#set({ filters: { ...this.state.filters, ...patch } });
  }

  exportCatalogue(what: 'subscriptions' | 'allocations' | 'holders'): void {
    const uai = this.deps.uai();
    const c = this.deps.console();
    if (!c || !uai || this.state.exporting) return;
    const p = this.deps.panel();
    const t = this.deps.t();
    const sep = this.deps.lang() === 'fr' ? ';' : ',';
    this.#set({ exporting: true });
    const made = async (): Promise<string> => {
      if (what === 'subscriptions') return subscriptionsCsv(p, t, sep, this.#newIds(p));
      if (what === 'allocations') return allocationsCsv(p, t, sep);
      return holdersCsv(p, t, sep, await this.#holders(c, uai));
    };
    made().then(
      (csv) => {
        downloadCsv(this.deps.root(), csv, t.csv.file(what, uai));
        this.#set({ exporting: false });
      },
      (error: unknown) => {
        this.#set({ exporting: false });
        this.deps.failed(error);
      },
    );
  }

  #newIds(p: PanelHost): ReadonlySet<string> {
    return p.year.newIds;
  }

  /** Everyone of the school holding a copy, page by page. */
  async #holders(c: GarConsoleClient, uai: string) {
    const people = [];
    for (let offset = 0; offset < 100_000; ) {
      const page = await c.directory(uai, { kind: 'person', offset, limit: 200 });
      people.push(...page.people.filter((x) => x.subscriptionIds.length > 0));
      offset += page.people.length;
      if (page.people.length === 0 || offset >= page.totalPeople) break;
    }
    return people;
  }

  /** Whether the caller only reads (a librarian): the schools list says `librarian`. */
  get readOnly(): boolean {
    const p = this.deps.panel();
    return p.schools.find((s) => s.uai === p.currentUai)?.role === 'librarian';
  }

  /** What the year views read and call, for one render. */
  view(data: Pick<PanelHost, 'dashboard' | 'schools' | 'currentUai'>): YearHost {
    const role = data.schools.find((s) => s.uai === data.currentUai)?.role;
    return {
      ...this.state,
      t: this.deps.t(),
      unread: this.unread,
      newIds: new Set(data.dashboard?.newSubscriptions.map((s) => s.subscriptionId) ?? []),
      canAllocate: role !== 'librarian',
      loadSync: () => this.loadSync(),
      exportSync: () => this.exportSync(),
      loadInbox: () => this.loadInbox(),
      markRead: (id) => this.markRead(id),
      markAllRead: () => this.markAllRead(),
      setEmail: (group, on) => this.setEmail(group, on),
      filter: (patch) => this.filter(patch),
      exportCatalogue: (what) => this.exportCatalogue(what),
    };
  }
}

/** What the year views read and call, made for each render. */
export interface YearHost extends YearState, YearActions {
  readonly t: YearTranslation;
  readonly unread: number;
  readonly newIds: ReadonlySet<string>;
  /** Whether the caller may allocate (managers and delegates), or only read (the librarian). */
  readonly canAllocate: boolean;
}
