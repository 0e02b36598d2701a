/**
 * Where conversations are kept between messages. Two implementations pass one shared test suite: in memory
 * (the embedded default, one process) and Redis (several processes behind a load balancer).
 */

/** A user's conversation state: small JSON, validated by the engine when read back. */
export type SessionValue = Record<string, unknown>;

/** What `update` hands back to the store: the new value (null deletes the session) and how long to keep it. */
export interface SessionWrite<T> {
  session: SessionValue | null;
  /** Seconds until an untouched session expires. */
  ttlSeconds: number;
  result: T;
}

export interface SessionStore {
  /**
   * Runs `fn` with exclusive access to one user's session: calls for the same key — in this process or in
   * another sharing the same Redis — run one after another, each seeing what the previous one wrote. Calls
   * made in one process run in the order they were made there; calls from different processes run in the
   * order they acquire the key's lock, which need not be the order the user sent the messages. Calls for
   * different keys run concurrently. If `fn` throws, nothing is written and the error is rethrown; the next
   * call for the key is not blocked.
   *
   * `messageId` (optional) makes the call idempotent: when a call with the same key and message id has
   * already completed (channels redeliver), `fn` is not run and `update` resolves to `{ duplicate: true }`.
   */
  update<T>(
    key: string,
    fn: (session: SessionValue | null) => Promise<SessionWrite<T>> | SessionWrite<T>,
    options?: { messageId?: string },
  ): Promise<{ duplicate: false; result: T } | { duplicate: true }>;

  /** Reads a session without locking (reports, tests). */
  get(key: string): Promise<SessionValue | null>;

  /**
   * Deletes a session (a user who unfollows, "forget me"), in turn with the key's `update` calls: one under
   * way finishes first, and then cannot write the session back.
   */
  delete(key: string): Promise<void>;

  /** Whether the store can be used now (Redis reachable); for /readyz. */
  isReady(): Promise<boolean>;

  /** Releases connections and timers. */
  close(): Promise<void>;
}
