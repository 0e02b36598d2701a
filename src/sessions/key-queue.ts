/**
 * Tasks per key, run one after another in the order they were queued; different keys run concurrently. A failed
 * task does not block the next one, and a key with nothing queued is forgotten (no growth with users).
 */
export class KeyQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<R>(key: string, task: () => Promise<R>): Promise<R> {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  /** Resolves when everything queued so far has run. */
  async idle(): Promise<void> {
    await Promise.all(this.tails.values());
  }

  /** Keys with queued work (tests check that idle keys are forgotten). */
  get size(): number {
    return this.tails.size;
  }
}
