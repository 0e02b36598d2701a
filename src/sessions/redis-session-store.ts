import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { connectRedis, isConnection, type RedisTarget } from './redis-target';
import type { SessionStore, SessionValue, SessionWrite } from './session-store';
import { closedError, encodeSession, positive } from './session-rules';
import { KeyQueue } from './key-queue';

export interface RedisSessionStoreOptions {
  /**
   * A connection to share (it keeps its own retry options), or a URL (`redis://host:6379/0`) for a
   * connection this store owns and closes: that one gives up on a command after one retry and on a connect
   * after 2 s, so that while Redis is away a citizen gets the apology within seconds instead of waiting.
   */
  redis: Redis | RedisTarget;
  /** Told when the store's own connection fails (once per outage). Default: one line on stderr. */
  onError?: (error: unknown) => void;
  /** Prepended to every key. Default `motcua:`. */
  prefix?: string;
  /** How long a lock lives if its holder dies; must outlast a handler. Default 15 s. */
  lockMs?: number;
  /** How long a call waits for another process to release a lock before failing. Default 10 s. */
  waitMs?: number;
  /** How long a handled message id is remembered for dedupe. Default 24 h. */
  seenTtlSeconds?: number;
  /** Largest session accepted, in bytes of JSON. Default 64 KB. */
  maxValueBytes?: number;
}

/** Deletes the lock only if it is still ours: after an expiry another process may hold it. */
const releaseLockScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Writes the session (ARGV[2], '' deletes it) and marks the message id as seen, in one step and only if the
 * lock is still ours. A MULTI cannot check the lock token without WATCH, and WATCH belongs to a connection
 * that other keys' updates share; a script is atomic and needs neither.
 */
const commitScript = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) end
if #KEYS == 3 then redis.call('SET', KEYS[3], '1', 'EX', ARGV[4]) end
return 1`;

/**
 * Sessions in Redis, for several processes behind a load balancer. Keys: `<prefix>session:<key>` (JSON with a
 * TTL), `<prefix>lock:<key>` (the per-user lock), `<prefix>seen:<key>:<messageId>` (handled message ids).
 *
 * Calls for one key (updates and deletes) are queued in this process first, so a process never competes
 * with itself for a lock and keeps the order of arrival; between processes they run in the order the lock is
 * acquired, which need not be the order the messages were sent.
 */
export class RedisSessionStore implements SessionStore {
  private readonly redis: Redis;
  private readonly ownsConnection: boolean;
  private readonly prefix: string;
  private readonly lockMs: number;
  private readonly waitMs: number;
  private readonly seenTtlSeconds: number;
  private readonly maxValueBytes: number;
  /** Per key, the promise of the last queued update; removed when the key goes idle so keys do not leak. */
  /** Calls for one key run in the order they arrived here. */
  private readonly queue = new KeyQueue();
  private isClosed = false;

  constructor(options: RedisSessionStoreOptions) {
    this.ownsConnection = !isConnection(options.redis);
    this.redis = isConnection(options.redis) ? options.redis : ownConnection(options.redis, options.onError);
    this.prefix = options.prefix ?? 'motcua:';
    this.lockMs = Math.ceil(positive('lockMs', options.lockMs ?? 15_000));
    this.waitMs = positive('waitMs', options.waitMs ?? 10_000);
    this.seenTtlSeconds = Math.ceil(positive('seenTtlSeconds', options.seenTtlSeconds ?? 24 * 60 * 60));
    this.maxValueBytes = positive('maxValueBytes', options.maxValueBytes ?? 64 * 1024);
  }

  update<T>(
    key: string,
    fn: (session: SessionValue | null) => Promise<SessionWrite<T>> | SessionWrite<T>,
    options: { messageId?: string } = {},
  ): Promise<{ duplicate: false; result: T } | { duplicate: true }> {
    if (this.isClosed) return Promise.reject(closedError());
    return this.underLock(key, async (lockKey, token) => {
      const sessionKey = `${this.prefix}session:${key}`;
      const seenKey =
        options.messageId === undefined ? undefined : `${this.prefix}seen:${key}:${options.messageId}`;
      const isDuplicate = seenKey !== undefined && (await this.redis.exists(seenKey)) === 1;
      if (isDuplicate) return { duplicate: true as const };

      const write = await fn(decodeSession(await this.redis.get(sessionKey)));
      const json = encodeSession(write, this.maxValueBytes);
      const keys = seenKey === undefined ? [lockKey, sessionKey] : [lockKey, sessionKey, seenKey];
      const ttlMs = Math.max(1, Math.round(write.ttlSeconds * 1000));
      const args = [token, json ?? '', ttlMs, this.seenTtlSeconds];
      if ((await this.redis.eval(commitScript, keys.length, ...keys, ...args)) !== 1) {
        throw new Error(
          `session was not saved: its lock expired after ${this.lockMs} ms while the handler ran ` +
            'and another call may have taken it; raise lockMs or make the handler faster',
        );
      }
      return { duplicate: false as const, result: write.result };
    });
  }

  async get(key: string): Promise<SessionValue | null> {
    return decodeSession(await this.redis.get(`${this.prefix}session:${key}`));
  }

  /** Deletes under the same queue and lock as `update`: an update under way cannot write the session back. */
  delete(key: string): Promise<void> {
    if (this.isClosed) return Promise.reject(closedError());
    return this.underLock(key, async () => {
      await this.redis.del(`${this.prefix}session:${key}`);
    });
  }

  async isReady(): Promise<boolean> {
    if (this.isClosed) return false;
    let timer: NodeJS.Timeout | undefined;
    // While disconnected, ioredis queues the PING until it reconnects: the timeout is the answer then.
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 1000);
    });
    const ping = this.redis.ping().then(
      (reply) => reply === 'PONG',
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for queued updates to finish, then closes the connection if this store opened it. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    await this.queue.idle();
    if (!this.ownsConnection) return;
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  /** Runs `task` after this process's earlier calls for `key`, holding the key's lock. */
  private underLock<R>(key: string, task: (lockKey: string, token: string) => Promise<R>): Promise<R> {
    return this.queue.run(key, async () => {
      const lockKey = `${this.prefix}lock:${key}`;
      const token = await this.acquireLock(lockKey);
      try {
        return await task(lockKey, token);
      } finally {
        await this.releaseLock(lockKey, token);
      }
    });
  }

  /** Takes the lock, retrying with growing pauses; fails after `waitMs` (the message names no key). */
  private async acquireLock(lockKey: string): Promise<string> {
    const token = randomBytes(16).toString('hex');
    const deadline = Date.now() + this.waitMs;
    for (let attempt = 0; ; attempt++) {
      if ((await this.redis.set(lockKey, token, 'PX', this.lockMs, 'NX')) === 'OK') return token;
      // 5 ms doubling up to 100 ms, jittered so that waiting processes do not retry in step.
      const pause = Math.min(100, 5 * 2 ** attempt) * (0.5 + Math.random() / 2);
      if (Date.now() + pause > deadline) {
        throw new Error(`session is locked by another process and was not released within ${this.waitMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private async releaseLock(lockKey: string, token: string): Promise<void> {
    // A failed release is harmless (the lock expires after lockMs) and must not hide the handler's outcome.
    await this.redis.eval(releaseLockScript, 1, lockKey, token).catch(() => undefined);
  }
}

/** The store's own connection: bounded retries, and connection errors told once per outage, never thrown. */
function ownConnection(target: RedisTarget, onError: (error: unknown) => void = logConnectionError): Redis {
  const redis = connectRedis(target);
  // Without a listener ioredis prints every reconnection attempt's error; it emits one per attempt.
  let isDown = false;
  redis.on('error', (error: unknown) => {
    if (!isDown) {
      try {
        onError(error);
      } catch {
        // A handler that throws must not take the process down from an event emitter.
      }
    }
    isDown = true;
  });
  redis.on('ready', () => {
    isDown = false;
  });
  return redis;
}

function logConnectionError(error: unknown): void {
  console.error(`motcua: session store: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Only this store writes session keys. A value that does not read back as an object (edited by hand, another
 * program on the same prefix) starts a fresh conversation instead of locking the user out until it expires.
 */
function decodeSession(json: string | null): SessionValue | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as SessionValue)
      : null;
  } catch {
    return null;
  }
}
