import type { GarConsoleClient } from '@opengar/sdk';
import type { SearchState } from './panel-host.js';

/** The panel's directory searches: the allocation picker, the population finder, staff to delegate to, and the holders of the chosen subscription. */
export type SearchKind = 'picker' | 'population' | 'staff' | 'holders';

const PAGE = 30;
const empty = (): SearchState => ({ query: '', groups: [], people: [], totalPeople: 0, loading: false });

/**
 * Server-side searches of a school's directory: keystrokes are debounced, only the latest answer is kept, and more
 * people are fetched a page at a time, so that thousands of pupils stay fast.
 */
export class DirectorySearches {
  readonly states: Record<SearchKind, SearchState> = {
    picker: empty(),
    population: empty(),
    staff: empty(),
    holders: empty(),
  };
  private readonly timers = new Map<SearchKind, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly host: {
      console(): GarConsoleClient | undefined;
      uai(): string;
      holding(): string | undefined;
      changed(): void;
      failed(error: unknown): void;
    },
  ) {}

  /** Forgets every search (another school). */
  reset(): void {
    this.dispose();
    for (const k of Object.keys(this.states) as SearchKind[]) this.states[k] = empty();
  }

  /** Forgets one search's results (the holders of another subscription). */
  clear(which: SearchKind): void {
    clearTimeout(this.timers.get(which));
    this.states[which] = empty();
  }

  /** Stops pending searches. */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Searches `query` (debounced), or fetches the next page of people with `more`. */
  search(which: SearchKind, query: string, more = false): void {
    this.states[which] = { ...this.states[which], query, loading: true };
    this.host.changed();
    clearTimeout(this.timers.get(which));
    this.timers.set(
      which,
      setTimeout(() => void this.run(which, query, more), more ? 0 : 200),
    );
  }

  private async run(which: SearchKind, query: string, more: boolean): Promise<void> {
    const c = this.host.console();
    if (!c) return;
    const before = this.states[which];
    try {
      const page = await c.directory(this.host.uai(), {
        ...(query ? { search: query } : {}),
        ...(which === 'staff' ? { kind: 'person' as const, staff: 'true' as const } : {}),
        ...(which === 'holders' ? { kind: 'person' as const, holding: this.host.holding() ?? '' } : {}),
        offset: more ? before.people.length : 0,
        limit: PAGE,
      });
      if (this.states[which].query !== query) return;
      this.states[which] = {
        query,
        groups: more ? before.groups : page.groups,
        levels: more ? (before.levels ?? []) : page.levels,
        subjects: more ? (before.subjects ?? []) : page.subjects,
        people: more ? [...before.people, ...page.people] : page.people,
        totalPeople: page.totalPeople,
        loading: false,
      };
    } catch (error) {
      this.states[which] = { ...this.states[which], loading: false };
      this.host.failed(error);
    }
    this.host.changed();
  }
}
