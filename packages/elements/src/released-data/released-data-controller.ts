import type { ReactiveController, ReactiveControllerHost } from 'lit';

type View = typeof import('./released-data-view.js');
let loading: Promise<View | undefined> | undefined;

/**
 * What « données transmises » views share: the words, list and styles load the first time a view needs them (a page
 * that never opens one does not carry them), and each answer of the service is asked once per key and kept. A failed
 * answer is asked again when the view turns to another key and back.
 */
export class ReleasedDataCache<T> implements ReactiveController {
  readonly #entries = new Map<string, T | 'loading' | 'failed'>();
  #shown?: string;
  /** The view module, once loaded. */
  view?: View;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot?: unknown },
    private readonly ask: (key: string) => Promise<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The answer for `key` (`loading` while asked, `failed`); starts the request and the view's load as needed. */
  entry(key: string, shown = key): T | 'loading' | 'failed' {
    if (!this.view) {
      loading ??= import('./released-data-view.js').catch(() => undefined);
      void loading.then((view) => {
        if (view && !this.view) {
          this.view = view;
          this.host.requestUpdate();
        }
      });
    }
    if (this.#shown !== shown && this.#entries.get(key) === 'failed') this.#entries.delete(key);
    this.#shown = shown;
    const found = this.#entries.get(key);
    if (found !== undefined) return found;
    this.#entries.set(key, 'loading');
    void this.ask(key).then(
      (answer) => this.#settle(key, answer),
      () => this.#settle(key, 'failed'),
    );
    return 'loading';
  }

  #settle(key: string, entry: T | 'failed'): void {
    this.#entries.set(key, entry);
    this.host.requestUpdate();
  }
}
