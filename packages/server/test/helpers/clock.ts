// The one test clock: every server test injects this (the service, the key manager, the jobs take a `clock`), so time
// moves only where a test moves it. It is an injected object rather than node:test's mock timers on purpose: mocking
// `Date` is process-wide and would reach the PostgreSQL and PGlite drivers, the loopback HTTP server and the test
// runner's own timing, while every server component already reads time through its `clock`.

/** The instant every world starts at, unless told otherwise. */
export const START = new Date('2026-01-10T08:00:00Z');

/** A clock a test can set and move; `now()` returns a fresh `Date` each time. */
export class TestClock {
  /** The current instant (assignable, as `clock.current = new Date(…)`). */
  current: Date;

  constructor(start: Date | string | number = START) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward by `ms` milliseconds (backwards when negative). */
  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }

  /** Sets the clock to an instant. */
  set(at: Date | string | number): Date {
    this.current = new Date(at);
    return this.now();
  }
}
