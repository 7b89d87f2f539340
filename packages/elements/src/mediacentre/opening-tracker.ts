import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Events telling that the hand-off page is under way. */
const LEFT = ['visibilitychange', 'pagehide', 'pageshow'] as const;
/** How long a tile stays busy after its form was posted when the page is neither hidden nor left. */
const OPENING_MS = 10_000;

/**
 * The resource being opened: its tile is busy and further clicks wait until the hand-off page is under way — once the
 * new tab hides this page, or this page is left (same tab) or comes back from the back-forward cache, or after
 * `OPENING_MS` if neither happens (a blocked pop-up, a tab opened behind).
 */
export class OpeningTracker implements ReactiveController {
  /** The id of the resource being opened, if any. */
  id: string | undefined;
  #timer?: ReturnType<typeof setTimeout>;
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of LEFT) globalThis.addEventListener?.(type, this.#onLeft);
  }

  hostDisconnected(): void {
    for (const type of LEFT) globalThis.removeEventListener?.(type, this.#onLeft);
    this.done();
  }

  /** Starts opening `id`; false when another opening is under way (the click opens nothing). */
  start(id: string): boolean {
    if (this.id) return false;
    this.id = id;
    this.#host.requestUpdate();
    return true;
  }

  /** The form was posted (`submitted`): busy until the page is left or the delay ends; otherwise done at once. */
  end(submitted: boolean): void {
    if (submitted) this.#timer = setTimeout(() => this.done(), OPENING_MS);
    else this.done();
  }

  /** Nothing is being opened any more. */
  done(): void {
    clearTimeout(this.#timer);
    if (this.id === undefined) return;
    this.id = undefined;
    this.#host.requestUpdate();
  }

  readonly #onLeft = (e: Event) => {
    if (e.type !== 'visibilitychange' || document.visibilityState === 'hidden') this.done();
  };
}
