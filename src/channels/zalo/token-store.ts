import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Redis from 'ioredis';
import type { TokenPair } from './api';

/**
 * Where the OA's token pair lives. A refresh token is single-use and each refresh returns a new pair, so
 * the pair cannot live in configuration: after the first refresh only the store knows the valid one.
 */
export interface TokenStore {
  /**
   * Stores the operator's pair unless this very pair was stored before: at every start the configured pair
   * is offered, and only a new one (the operator authorised the app again) replaces what refreshes made.
   */
  seed(pair: { accessToken: string; refreshToken: string }): Promise<void>;
  get(): Promise<TokenPair | null>;
  /**
   * Replaces the pair whose access token is `stale` by the one `refresh` gets with its refresh token — at
   * most once among all instances sharing the store. A caller that finds the pair already replaced gets the
   * new one without calling `refresh`; callers that arrive while another refreshes wait for it.
   */
  renew(stale: string, refresh: (refreshToken: string) => Promise<TokenPair>): Promise<TokenPair>;
  close(): Promise<void>;
}

/** Raised when there is no pair to use: neither configured nor stored. */
export class NoTokensError extends Error {
  override readonly name = 'NoTokensError';
}

/** Names a seed without keeping the refresh token itself as its name. */
function seedId(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex').slice(0, 32);
}

/** One process: the pair in memory (it is lost at a restart, when the configured pair is used again). */
export class MemoryTokenStore implements TokenStore {
  protected pair: TokenPair | null = null;
  protected readonly seeds = new Set<string>();
  /** The refresh under way, which callers with the same stale token wait for instead of spending it again. */
  private renewing: { stale: string; work: Promise<TokenPair> } | null = null;

  async seed(pair: { accessToken: string; refreshToken: string }): Promise<void> {
    const id = seedId(pair.refreshToken);
    if (this.seeds.has(id)) return;
    this.seeds.add(id);
    this.pair = { ...pair, expiresAt: null };
    this.changed();
  }

  /** Called after the pair or the seeds changed (a subclass keeps them). */
  protected changed(): void {}

  async get(): Promise<TokenPair | null> {
    return this.pair;
  }

  async renew(stale: string, refresh: (refreshToken: string) => Promise<TokenPair>): Promise<TokenPair> {
    if (this.renewing?.stale === stale) return this.renewing.work;
    const current = this.pair;
    if (!current) throw new NoTokensError('no Zalo tokens stored');
    if (current.accessToken !== stale) return current;
    const work = refresh(current.refreshToken).then((fresh) => {
      if (this.pair === current) {
        this.pair = fresh;
        this.changed();
      }
      return fresh;
    });
    const renewing = { stale, work };
    this.renewing = renewing;
    try {
      return await work;
    } finally {
      if (this.renewing === renewing) this.renewing = null;
    }
  }

  async close(): Promise<void> {}
}

/**
 * One process without Redis: the pair in a file (default var/zalo-tokens.json, mode 0600), so that a restart
 * uses the last refreshed pair — the configured one is spent after the first refresh. Written atomically (a
 * temporary file renamed over it): a crash mid-write leaves the previous pair, never half a file.
 */
export class FileTokenStore extends MemoryTokenStore {
  constructor(private readonly file: string) {
    super();
    if (!fs.existsSync(file)) return;
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      pair?: TokenPair | null;
      seeds?: string[];
    };
    if (saved.pair?.accessToken && saved.pair.refreshToken) this.pair = saved.pair;
    for (const id of saved.seeds ?? []) this.seeds.add(id);
  }

  protected override changed(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ pair: this.pair, seeds: [...this.seeds] }), { mode: 0o600 });
    fs.renameSync(temporary, this.file);
  }
}

export interface RedisTokenStoreOptions {
  redis: Redis;
  /** Keys: `<prefix>zalo:<appId>:tokens` (hash), `:seeds` (set), `:refresh-lock`. */
  prefix?: string;
  appId: string;
  /** How long the refresh lock lives if its holder dies; must outlast a refresh call. Default 30 s. */
  lockMs?: number;
  /** How long a caller waits for another instance's refresh. Default 40 s. */
  waitMs?: number;
  /** Between two looks at the lock while waiting. Default 100 ms. */
  pollMs?: number;
}

/** Tries to store a refreshed pair (about 8 s in all) before giving up. */
const WRITE_ATTEMPTS = 5;

/**
 * A refreshed pair that could not be stored: it still works, and the caller keeps it in memory, but the
 * other instances (and this one after a restart) will not know it.
 */
export class TokenWriteError extends Error {
  override readonly name = 'TokenWriteError';
  constructor(
    readonly pair: TokenPair,
    cause: unknown,
  ) {
    super(
      `the refreshed Zalo token pair could not be stored in Redis: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/** A refresh token lives 3 months; the keys a little longer, so that every key has a TTL. */
const KEY_TTL_SECONDS = 100 * 24 * 3600;

/** Stores the operator's pair if its seed id was never stored (a stale configured pair never comes back). */
const seedScript = `
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('EXPIRE', KEYS[2], ARGV[4])
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'access', ARGV[2], 'refresh', ARGV[3], 'expiresAt', '')
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1`;

/**
 * Writes the new pair only over the one it was refreshed from, and keeps the seed ids as long as the pair:
 * forgotten seeds would let the configured (by now spent) pair replace a good one at the next start.
 */
const replaceScript = `
if redis.call('HGET', KEYS[1], 'access') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'access', ARGV[2], 'refresh', ARGV[3], 'expiresAt', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[5])
return 1`;

const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The pair in Redis, shared by every instance. A refresh runs under a lock (`SET NX PX`) and re-reads the
 * pair once it holds it, so two instances that see the same rejected token spend the refresh token once:
 * the second finds the pair replaced. The new pair is written by a script that checks it replaces the one it
 * came from.
 */
export class RedisTokenStore implements TokenStore {
  private readonly key: string;
  private readonly seedsKey: string;
  private readonly lockKey: string;
  private readonly lockMs: number;
  private readonly waitMs: number;
  private readonly pollMs: number;

  constructor(private readonly options: RedisTokenStoreOptions) {
    const base = `${options.prefix ?? 'motcua:'}zalo:${options.appId}:`;
    this.key = `${base}tokens`;
    this.seedsKey = `${base}seeds`;
    this.lockKey = `${base}refresh-lock`;
    this.lockMs = options.lockMs ?? 30_000;
    this.waitMs = options.waitMs ?? 40_000;
    this.pollMs = options.pollMs ?? 100;
  }

  async seed(pair: { accessToken: string; refreshToken: string }): Promise<void> {
    await this.options.redis.eval(
      seedScript,
      2,
      this.key,
      this.seedsKey,
      seedId(pair.refreshToken),
      pair.accessToken,
      pair.refreshToken,
      KEY_TTL_SECONDS,
    );
  }

  async get(): Promise<TokenPair | null> {
    const stored = await this.options.redis.hgetall(this.key);
    if (!stored.access || !stored.refresh) return null;
    const expiresAt = Number(stored.expiresAt);
    return {
      accessToken: stored.access,
      refreshToken: stored.refresh,
      expiresAt: stored.expiresAt && Number.isFinite(expiresAt) ? expiresAt : null,
    };
  }

  async renew(stale: string, refresh: (refreshToken: string) => Promise<TokenPair>): Promise<TokenPair> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const current = await this.get();
      if (!current) throw new NoTokensError('no Zalo tokens stored');
      if (current.accessToken !== stale) return current;
      const lock = randomBytes(16).toString('hex');
      if (await this.options.redis.set(this.lockKey, lock, 'PX', this.lockMs, 'NX')) {
        try {
          // Another instance may have finished between our look and our lock.
          const locked = await this.get();
          if (!locked) throw new NoTokensError('no Zalo tokens stored');
          if (locked.accessToken !== stale) return locked;
          const fresh = await refresh(locked.refreshToken);
          // The old refresh token is spent now: losing the new pair would stop Zalo until someone authorises
          // the app again, so a failed write (a Redis blip, a failover) is tried again while we hold the lock.
          for (let attempt = 1; ; attempt++) {
            try {
              await this.options.redis.eval(
                replaceScript,
                2,
                this.key,
                this.seedsKey,
                stale,
                fresh.accessToken,
                fresh.refreshToken,
                fresh.expiresAt === null ? '' : String(fresh.expiresAt),
                KEY_TTL_SECONDS,
              );
              break;
            } catch (error: unknown) {
              if (attempt >= WRITE_ATTEMPTS) throw new TokenWriteError(fresh, error);
              await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
            }
          }
          return fresh;
        } finally {
          await this.options.redis.eval(releaseScript, 1, this.lockKey, lock).catch(() => undefined);
        }
      }
      if (Date.now() >= deadline)
        throw new Error('timed out waiting for another instance to refresh the Zalo token');
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  /** The connection belongs to the caller. */
  async close(): Promise<void> {}
}
