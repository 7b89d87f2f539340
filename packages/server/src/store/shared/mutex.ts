/** A FIFO async mutex: `run` waits for every earlier holder to finish. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.#tail.then(() => fn());
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
