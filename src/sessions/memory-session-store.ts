import type { SessionStore, SessionValue, SessionWrite } from './session-store';
import { closedError, encodeSession, positive } from './session-rules';
import { KeyQueue } from './key-queue';

export interface MemorySessionStoreOptions {
  /** Most sessions held at once; beyond it the least recently written one is dropped. Default 100,000. */
  maxEntries?: number;
  /** How long a handled message id is remembered for dedupe. Default 24 h. */
  seenTtlSeconds?: number;
  /** Most message ids remembered at once; beyond it the oldest is forgotten. Default 100,000. */
  maxSeenMessageIds?: number;
  /** Largest session accepted, in bytes of JSON. Default 64 KB, as the Redis store. */
  maxValueBytes?: number;
  /**
   * Most bytes of session JSON held at once (UTF-8, not counting the Map's own overhead); beyond it the least
   * recently written sessions are dropped. Default 64 MB.
   */
  maxTotalBytes?: number;
  /** How often expired entries are removed. Default 60 s. */
  sweepIntervalMs?: number;
  /** Clock in ms, for tests. Default `Date.now`. */
  now?: () => number;
}

interface StoredSession {
  /** Kept as JSON so callers never share objects with the store, as with Redis. */
  json: string;
  /** UTF-8 bytes of `json`, counted in `totalBytes`. */
  bytes: number;
  expiresAt: number;
}

/**
 * The embedded default: sessions in a Map, for one process. Map order is write order, so the first entry is
 * the least recently written — the one dropped when the store is full (by entries or by bytes), and (with
 * the usual single TTL) the one expiring soonest.
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, StoredSession>();
  /** `key NUL messageId` → expiry. Insertion order is expiry order: every id gets the same TTL. */
  private readonly seenMessageIds = new Map<string, number>();
  /** Per key, the promise of the last queued update; removed when the key goes idle so keys do not leak. */
  /** Calls for one key run in the order they arrived here. */
  private readonly queue = new KeyQueue();
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly maxEntries: number;
  private readonly seenTtlMs: number;
  private readonly maxSeenMessageIds: number;
  private readonly maxValueBytes: number;
  private readonly maxTotalBytes: number;
  private totalBytes = 0;
  private readonly now: () => number;
  private isClosed = false;

  constructor(options: MemorySessionStoreOptions = {}) {
    this.maxEntries = positive('maxEntries', options.maxEntries ?? 100_000);
    this.seenTtlMs = positive('seenTtlSeconds', options.seenTtlSeconds ?? 24 * 60 * 60) * 1000;
    this.maxSeenMessageIds = positive('maxSeenMessageIds', options.maxSeenMessageIds ?? 100_000);
    this.maxValueBytes = positive('maxValueBytes', options.maxValueBytes ?? 64 * 1024);
    this.maxTotalBytes = positive('maxTotalBytes', options.maxTotalBytes ?? 64 * 1024 * 1024);
    this.now = options.now ?? Date.now;
    this.sweepTimer = setInterval(
      () => this.sweep(),
      positive('sweepIntervalMs', options.sweepIntervalMs ?? 60_000),
    );
    // A store must never be the reason the process stays alive.
    this.sweepTimer.unref();
  }

  /** Sessions held, including expired ones not yet swept: for metrics and tests. */
  get size(): number {
    return this.sessions.size;
  }

  /** Bytes of session JSON held (see `maxTotalBytes`): for metrics and tests. */
  get bytes(): number {
    return this.totalBytes;
  }

  update<T>(
    key: string,
    fn: (session: SessionValue | null) => Promise<SessionWrite<T>> | SessionWrite<T>,
    options: { messageId?: string } = {},
  ): Promise<{ duplicate: false; result: T } | { duplicate: true }> {
    if (this.isClosed) return Promise.reject(closedError());
    return this.queue.run(key, async () => {
      const seenKey = options.messageId === undefined ? undefined : `${key}\u0000${options.messageId}`;
      if (seenKey !== undefined && this.hasSeen(seenKey)) return { duplicate: true as const };

      const write = await fn(this.read(key));
      const json = encodeSession(write, this.maxValueBytes);
      this.remove(key);
      if (json !== null) {
        const bytes = Buffer.byteLength(json);
        this.sessions.set(key, { json, bytes, expiresAt: this.now() + write.ttlSeconds * 1000 });
        this.totalBytes += bytes;
        this.dropOldestSessions();
      }
      if (seenKey !== undefined) {
        this.seenMessageIds.delete(seenKey);
        this.seenMessageIds.set(seenKey, this.now() + this.seenTtlMs);
        this.dropOldestBeyond(this.seenMessageIds, this.maxSeenMessageIds);
      }
      return { duplicate: false as const, result: write.result };
    });
  }

  async get(key: string): Promise<SessionValue | null> {
    return this.read(key);
  }

  /** Deletes after the updates of `key` already queued, so that none of them writes the session back. */
  delete(key: string): Promise<void> {
    if (this.isClosed) return Promise.reject(closedError());
    return this.queue.run(key, async () => this.remove(key));
  }

  async isReady(): Promise<boolean> {
    return !this.isClosed;
  }

  async close(): Promise<void> {
    this.isClosed = true;
    clearInterval(this.sweepTimer);
  }

  private read(key: string): SessionValue | null {
    const stored = this.sessions.get(key);
    if (stored === undefined) return null;
    if (stored.expiresAt <= this.now()) {
      this.remove(key);
      return null;
    }
    return JSON.parse(stored.json) as SessionValue;
  }

  private hasSeen(seenKey: string): boolean {
    const expiresAt = this.seenMessageIds.get(seenKey);
    return expiresAt !== undefined && expiresAt > this.now();
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, stored] of this.sessions) if (stored.expiresAt <= now) this.remove(key);
    for (const [seenKey, expiresAt] of this.seenMessageIds) {
      if (expiresAt > now) break; // the rest expire later
      this.seenMessageIds.delete(seenKey);
    }
  }

  private remove(key: string): void {
    const stored = this.sessions.get(key);
    if (stored === undefined) return;
    this.sessions.delete(key);
    this.totalBytes -= stored.bytes;
  }

  /** Drops the least recently written sessions while over either cap; the one just written stays. */
  private dropOldestSessions(): void {
    while (
      this.sessions.size > 1 &&
      (this.sessions.size > this.maxEntries || this.totalBytes > this.maxTotalBytes)
    ) {
      const oldest = this.sessions.keys().next();
      if (oldest.done === true) return;
      this.remove(oldest.value);
    }
  }

  private dropOldestBeyond(map: Map<string, unknown>, max: number): void {
    while (map.size > max) {
      const oldest = map.keys().next();
      if (oldest.done === true) return;
      map.delete(oldest.value);
    }
  }
}
