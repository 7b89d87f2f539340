import type { AuditEntryView, AuditOptions, GarConsoleClient, UndoPreview } from '@opengar/sdk';

/** The history's filters as the form holds them (dates as `YYYY-MM-DD`, the day in local time). */
export interface AuditFilters {
  subscriptionId?: string;
  target?: string;
  author?: string;
  from?: string;
  to?: string;
}

/** What the history tab shows besides its entries: the filters, the next page's cursor, the undo being asked. */
export interface HistoryState {
  filters: AuditFilters;
  next: string | undefined;
  /** The undo asked before it is done, with its preview once read. */
  ask: { entry: AuditEntryView; preview?: UndoPreview } | undefined;
}

const day = (d: string, plus = 0): string | undefined => {
  const at = new Date(`${d}T00:00:00`);
  if (Number.isNaN(at.getTime())) return undefined;
  at.setDate(at.getDate() + plus);
  return at.toISOString();
};

/** The service's query of some filters: `from` the start of its day, `to` the end of its day (both local). */
export function auditOptions(f: AuditFilters): AuditOptions {
  const from = f.from ? day(f.from) : undefined;
  const to = f.to ? day(f.to, 1) : undefined;
  return {
    ...(f.subscriptionId ? { subscriptionId: f.subscriptionId } : {}),
    ...(f.target ? { target: f.target } : {}),
    ...(f.author ? { author: f.author } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/**
 * The history tab's reads: a filtered first page, the next pages, the CSV export of the same filters, and the preview
 * of an undo asked before it is done. The entries themselves live in the panel's state (`set`).
 */
export class AuditHistory {
  state: HistoryState = { filters: {}, next: undefined, ask: undefined };

  constructor(
    private readonly o: {
      console: () => GarConsoleClient | undefined | false;
      uai: () => string;
      entries: () => readonly AuditEntryView[];
      set: (entries: readonly AuditEntryView[]) => void;
      changed: () => void;
      failed: (error: unknown) => void;
    },
  ) {}

  #patch(patch: Partial<HistoryState>): void {
    this.state = { ...this.state, ...patch };
    this.o.changed();
  }

  /** Forgets the filters and the asked undo (another school). */
  reset(): void {
    this.state = { filters: {}, next: undefined, ask: undefined };
  }

  /** After the panel read the first page itself. */
  loaded(next: string | undefined): void {
    this.#patch({ next, ask: undefined });
  }

  /** Shows the first page of entries matching `filters`. */
  filter(filters: AuditFilters): Promise<void> {
    this.state = { ...this.state, filters, ask: undefined };
    return this.#page(undefined);
  }

  /** Adds the next page below the entries shown. */
  more(): Promise<void> {
    return this.#page(this.state.next);
  }

  async #page(cursor: string | undefined): Promise<void> {
    const c = this.o.console();
    if (!c) return;
    try {
      const page = await c.audit(this.o.uai(), {
        ...auditOptions(this.state.filters),
        limit: 50,
        ...(cursor ? { cursor } : {}),
      });
      this.o.set(cursor ? [...this.o.entries(), ...page.items] : page.items);
      this.#patch({ next: page.next });
    } catch (error) {
      this.o.failed(error);
    }
  }

  /** Downloads the entries matching the filters as CSV (with a byte order mark, for spreadsheets). */
  async exportCsv(): Promise<void> {
    const c = this.o.console();
    if (!c) return;
    try {
      const csv = await c.auditCsv(this.o.uai(), auditOptions(this.state.filters));
      const url = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `historique-${this.o.uai()}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      this.o.failed(error);
    }
  }

  /** Asks before undoing `entry`: reads what the undo would do, to say it in the question. */
  async ask(entry: AuditEntryView): Promise<void> {
    const c = this.o.console();
    if (!c) return;
    this.#patch({ ask: { entry } });
    try {
      const preview = await c.undoPreview(this.o.uai(), entry.id);
      if (this.state.ask?.entry.id === entry.id) this.#patch({ ask: { entry, preview } });
    } catch (error) {
      this.#patch({ ask: undefined });
      this.o.failed(error);
    }
  }

  cancel(): void {
    this.#patch({ ask: undefined });
  }
}
