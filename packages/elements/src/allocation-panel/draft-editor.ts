import type { GarConsoleClient } from '@opengar/sdk';
import type { DraftState, SearchState } from './panel-host.js';
import { keyOf, personName, withPopulation, type LabelledTarget } from './panel-model.js';

/**
 * The allocation being prepared: its subscription and selected targets, and the service's preview of it, asked again
 * after every change of the selection (only the latest answer is kept).
 */
export class DraftEditor {
  draft: DraftState | undefined;
  private seq = 0;

  constructor(
    private readonly host: {
      console(): GarConsoleClient | undefined;
      uai(): string;
      changed(): void;
      failed(error: unknown): void;
    },
  ) {}

  /** Starts preparing an allocation of `subscriptionId`, with targets already chosen. */
  start(
    subscriptionId: string,
    initial: readonly LabelledTarget[] = [],
    moveFrom?: DraftState['moveFrom'],
    population?: readonly string[],
  ): void {
    this.set({
      subscriptionId,
      selection: new Map(initial.map((x) => [keyOf(x.target), x])),
      previewing: false,
      ...(population ? { population } : {}),
      ...(moveFrom ? { moveFrom } : {}),
    });
  }

  /** Adds or removes an audience of the population the chosen classes and groups give to (never the last one). */
  togglePopulation(audience: string): void {
    if (!this.draft) return;
    const now = this.draft.population ?? ['ELEVE'];
    const next = now.includes(audience) ? now.filter((a) => a !== audience) : [...now, audience];
    if (next.length > 0) this.set({ ...this.draft, population: next });
  }

  /** Drops the allocation being prepared. */
  cancel(): void {
    this.draft = undefined;
    this.seq++;
    this.host.changed();
  }

  /** Selects or unselects a target. */
  toggle(x: LabelledTarget): void {
    if (!this.draft) return;
    const selection = new Map(this.draft.selection);
    if (!selection.delete(keyOf(x.target))) selection.set(keyOf(x.target), x);
    this.set({ ...this.draft, selection });
  }

  /** Puts `to` in the place of the selected `from`. */
  replace(from: LabelledTarget, to: LabelledTarget): void {
    if (!this.draft) return;
    const selection = new Map(this.draft.selection);
    selection.delete(keyOf(from.target));
    selection.set(keyOf(to.target), to);
    this.set({ ...this.draft, selection });
  }

  /** Selects every division, group and person a search shows (bulk selection). */
  selectAll(search: SearchState, kindLabel: (kind: 'division' | 'group') => string): void {
    if (!this.draft) return;
    const selection = new Map(this.draft.selection);
    for (const g of search.groups)
      selection.set(`${g.kind}:${g.code}`, {
        target: { kind: g.kind, code: g.code },
        label: `${kindLabel(g.kind)} ${g.label || g.code}`,
      });
    for (const p of search.people)
      selection.set(`person:${p.id}`, { target: { kind: 'person', personId: p.id }, label: personName(p) });
    this.set({ ...this.draft, selection });
  }

  /** Unselects everything. */
  clear(): void {
    if (this.draft)
      this.set({
        subscriptionId: this.draft.subscriptionId,
        selection: new Map(),
        previewing: false,
        ...(this.draft.population ? { population: this.draft.population } : {}),
        ...(this.draft.moveFrom ? { moveFrom: this.draft.moveFrom } : {}),
      });
  }

  private set(draft: DraftState): void {
    const seq = ++this.seq;
    const c = this.host.console();
    const targets = [...draft.selection.values()].slice(0, 500).map((x) => withPopulation(x.target, draft.population));
    const asking = c !== undefined && targets.length > 0;
    this.draft = {
      subscriptionId: draft.subscriptionId,
      selection: draft.selection,
      previewing: asking,
      ...(draft.population ? { population: draft.population } : {}),
      ...(draft.moveFrom ? { moveFrom: draft.moveFrom } : {}),
    };
    this.host.changed();
    if (!asking) return;
    c.preview(this.host.uai(), {
      subscriptionId: draft.subscriptionId,
      targets,
      ...(draft.moveFrom ? { fromPersonIds: [draft.moveFrom.personId] } : {}),
    })
      .then((preview) => {
        if (seq === this.seq && this.draft) this.draft = { ...this.draft, preview, previewing: false };
      })
      .catch((error: unknown) => {
        if (seq !== this.seq || !this.draft) return;
        this.draft = { ...this.draft, previewing: false };
        this.host.failed(error);
      })
      .finally(() => this.host.changed());
  }
}
