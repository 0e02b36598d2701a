import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { RefreshError, ZaloApi, type TokenPair } from '../../../src/channels/zalo/api';
import {
  MemoryTokenStore,
  NoTokensError,
  RedisTokenStore,
  type TokenStore,
} from '../../../src/channels/zalo/token-store';
import { Tokens, TokensUnavailableError } from '../../../src/channels/zalo/tokens';
import { describeRedisUnavailable, isRedisReachable, redisTestUrl } from '../../support/redis';
import { FakeZalo } from './fake-zalo';
import { MemoryLog } from './harness';

const FIRST = { accessToken: 'access-token-0001', refreshToken: 'refresh-token-0001' };

/** A refresh that counts its calls and answers pair n+1, after `delayMs`. */
function countingRefresh(delayMs = 0) {
  const spent: string[] = [];
  const refresh = async (refreshToken: string): Promise<TokenPair> => {
    spent.push(refreshToken);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const n = String(spent.length + 1).padStart(4, '0');
    return {
      accessToken: `access-token-${n}`,
      refreshToken: `refresh-token-${n}`,
      expiresAt: Date.now() + 9e7,
    };
  };
  return { spent, refresh };
}

/** The contract every token store keeps (token-store.ts). */
function storeContract(
  name: string,
  make: () => Promise<TokenStore>,
  makeSecond?: () => Promise<TokenStore>,
) {
  describe(name, () => {
    it('has no pair before a seed, and the seeded pair after', async () => {
      const store = await make();
      expect(await store.get()).toBeNull();
      await store.seed(FIRST);
      expect(await store.get()).toEqual({ ...FIRST, expiresAt: null });
    });

    it('never lets the configured (spent) pair replace a refreshed one; a new configured pair does', async () => {
      const store = await make();
      await store.seed(FIRST);
      const { refresh } = countingRefresh();
      const fresh = await store.renew(FIRST.accessToken, refresh);
      // A restart offers the same configured pair again: ignored.
      await store.seed(FIRST);
      expect(await store.get()).toMatchObject({
        accessToken: fresh.accessToken,
        refreshToken: fresh.refreshToken,
      });
      expect((await store.get())!.expiresAt).toBe(fresh.expiresAt);
      // The operator authorised the app again: the new pair wins.
      const next = { accessToken: 'access-token-new1', refreshToken: 'refresh-token-new1' };
      await store.seed(next);
      expect(await store.get()).toEqual({ ...next, expiresAt: null });
      // And the old configured pair still never comes back.
      await store.seed(FIRST);
      expect(await store.get()).toEqual({ ...next, expiresAt: null });
    });

    it('renews once for callers racing with the same stale token', async () => {
      const store = await make();
      const other = makeSecond ? await makeSecond() : store;
      await store.seed(FIRST);
      const { spent, refresh } = countingRefresh(50);
      const results = await Promise.all([
        store.renew(FIRST.accessToken, refresh),
        other.renew(FIRST.accessToken, refresh),
        store.renew(FIRST.accessToken, refresh),
      ]);
      expect(spent).toEqual([FIRST.refreshToken]);
      expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set(['access-token-0002']));
      expect(await other.get()).toMatchObject({
        accessToken: 'access-token-0002',
        refreshToken: 'refresh-token-0002',
      });
    });

    it('hands back the current pair, without refreshing, to a caller whose token was already replaced', async () => {
      const store = await make();
      await store.seed(FIRST);
      const { spent, refresh } = countingRefresh();
      await store.renew(FIRST.accessToken, refresh);
      const again = await store.renew(FIRST.accessToken, refresh);
      expect(spent).toHaveLength(1);
      expect(again.accessToken).toBe('access-token-0002');
    });

    it('keeps the pair when the refresh fails, and lets the next caller try', async () => {
      const store = await make();
      await store.seed(FIRST);
      await expect(
        store.renew(FIRST.accessToken, async () => {
          throw new RefreshError('token refresh failed: ECONNRESET', false);
        }),
      ).rejects.toThrow('ECONNRESET');
      expect(await store.get()).toEqual({ ...FIRST, expiresAt: null });
      const { spent, refresh } = countingRefresh();
      await store.renew(FIRST.accessToken, refresh);
      expect(spent).toEqual([FIRST.refreshToken]);
    });

    it('says there is no pair to renew', async () => {
      const store = await make();
      await expect(store.renew('x', countingRefresh().refresh)).rejects.toBeInstanceOf(NoTokensError);
    });
  });
}

storeContract('MemoryTokenStore', async () => new MemoryTokenStore());

describe('Tokens', () => {
  it('says clearly that there is no pair (ZALO_ACCESS_TOKEN, ZALO_REFRESH_TOKEN)', async () => {
    const tokens = new Tokens({
      store: new MemoryTokenStore(),
      refresh: countingRefresh().refresh,
      log: new MemoryLog(),
    });
    await expect(tokens.accessToken()).rejects.toThrow(TokensUnavailableError);
    await expect(tokens.accessToken()).rejects.toThrow(/ZALO_ACCESS_TOKEN.*ZALO_REFRESH_TOKEN/);
  });

  it('renews before the token expires (less than an hour left), once for concurrent callers', async () => {
    const store = new MemoryTokenStore();
    await store.seed(FIRST);
    let now = Date.now();
    const { spent, refresh } = countingRefresh(20);
    const tokens = new Tokens({ store, refresh, log: new MemoryLog(), now: () => now });
    expect(await tokens.accessToken()).toBe(FIRST.accessToken); // unknown expiry: used as is
    await tokens.renew(FIRST.accessToken);
    expect(spent).toHaveLength(1);
    const expiresAt = (await store.get())!.expiresAt!;
    now = expiresAt - 2 * 3600_000;
    expect(await tokens.accessToken()).toBe('access-token-0002');
    now = expiresAt - 30 * 60_000;
    const all = await Promise.all([tokens.accessToken(), tokens.accessToken(), tokens.accessToken()]);
    expect(all).toEqual(Array(3).fill('access-token-0003'));
    expect(spent).toHaveLength(2);
  });

  it('uses the old token while it lasts when the early renewal fails', async () => {
    const store = new MemoryTokenStore();
    await store.seed(FIRST);
    const ok = countingRefresh();
    await store.renew(FIRST.accessToken, ok.refresh);
    const expiresAt = (await store.get())!.expiresAt!;
    let now = expiresAt - 10 * 60_000;
    const failing = async (): Promise<TokenPair> => {
      throw new RefreshError('token refresh failed: HTTP 502', false);
    };
    const tokens = new Tokens({ store, refresh: failing, log: new MemoryLog(), now: () => now });
    expect(await tokens.accessToken()).toBe('access-token-0002');
    now = expiresAt + 1;
    await expect(tokens.accessToken()).rejects.toThrow('HTTP 502');
  });

  it('reports a refused refresh token once, for the operator, and never spends it again', async () => {
    const store = new MemoryTokenStore();
    await store.seed(FIRST);
    const log = new MemoryLog();
    let calls = 0;
    const refresh = async (): Promise<TokenPair> => {
      calls++;
      throw new RefreshError('token refresh refused (HTTP 200): -14014 — Invalid refresh token', true);
    };
    const tokens = new Tokens({ store, refresh, log });
    for (let i = 0; i < 3; i++) {
      const failure = tokens.renew(FIRST.accessToken);
      await expect(failure).rejects.toBeInstanceOf(TokensUnavailableError);
      await expect(failure).rejects.toThrow(/ZALO_REFRESH_TOKEN/);
    }
    expect(calls).toBe(1);
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({ level: 'error' });
    expect(log.entries[0]!.msg).toMatch(/refresh token was refused.*ZALO_ACCESS_TOKEN.*ZALO_REFRESH_TOKEN/);
    expect(log.text()).not.toContain(FIRST.refreshToken);
    // A new pair from the operator is used again.
    await store.seed({ accessToken: 'access-token-new1', refreshToken: 'refresh-token-new1' });
    await expect(tokens.renew('access-token-new1')).rejects.toBeInstanceOf(TokensUnavailableError);
    expect(calls).toBe(2);
  });
});

describe('ZaloApi against the fake OAuth server', () => {
  let fake: FakeZalo;
  beforeAll(async () => {
    fake = await FakeZalo.start();
  });
  afterAll(async () => {
    await fake.close();
  });
  const api = () =>
    new ZaloApi({
      apiRoot: fake.origin,
      oauthRoot: fake.origin,
      appId: fake.appId,
      appSecret: fake.appSecret,
    });

  it('spends a refresh token for a new pair; expires_in "90000" is read as 25 hours', async () => {
    const now = 1_700_000_000_000;
    const pair = await api().refresh(fake.firstPair.refreshToken, now);
    expect(pair).toEqual({ ...fake.currentPair, expiresAt: now + 90_000_000 });
    expect(fake.violations).toEqual([]);
  });

  it('reads a spent refresh token as refused, without the token in the message', async () => {
    const failure = await api()
      .refresh(fake.firstPair.refreshToken)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RefreshError);
    expect((failure as RefreshError).refused).toBe(true);
    expect((failure as RefreshError).message).toContain('-14014');
    expect((failure as RefreshError).message).not.toContain(fake.firstPair.refreshToken);
  });

  it('reads an unreachable OAuth server as a failure worth trying again, not a refusal', async () => {
    const closed = await FakeZalo.start();
    const origin = closed.origin;
    await closed.close();
    const failure = await new ZaloApi({
      apiRoot: origin,
      oauthRoot: origin,
      appId: '1',
      appSecret: 'secret-x',
    })
      .refresh('refresh-token-x')
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RefreshError);
    expect((failure as RefreshError).refused).toBe(false);
    expect((failure as RefreshError).message).not.toContain('secret-x');
  });
});

const prefix = `motcua-test:zalo-tokens:${randomBytes(4).toString('hex')}:`;

if (!isRedisReachable()) {
  describeRedisUnavailable('RedisTokenStore');
} else {
  describe('RedisTokenStore', () => {
    const connections: Redis[] = [];
    let n = 0;
    const connect = () => {
      const redis = new Redis(redisTestUrl);
      connections.push(redis);
      return redis;
    };
    // Every store of one test shares its app id (its keys); each test has its own.
    const make = async () => {
      n++;
      return new RedisTokenStore({ redis: connect(), prefix, appId: `app${n}`, pollMs: 10 });
    };
    const second = async () =>
      new RedisTokenStore({ redis: connect(), prefix, appId: `app${n}`, pollMs: 10 });

    afterAll(async () => {
      const admin = connections[0] ?? connect();
      const keys = await admin.keys(`${prefix}*`);
      if (keys.length) await admin.del(...keys);
      await Promise.all(connections.map((c) => c.quit()));
    });

    storeContract('the shared contract (two instances on one Redis)', make, second);

    it('gives every key a TTL and releases the lock after a refresh, and after a failed one', async () => {
      const store = await make();
      const redis = connections.at(-1)!;
      await store.seed(FIRST);
      await store.renew(FIRST.accessToken, countingRefresh().refresh);
      const keys = await redis.keys(`${prefix}zalo:app${n}:*`);
      expect(keys.sort()).toEqual([`${prefix}zalo:app${n}:seeds`, `${prefix}zalo:app${n}:tokens`]);
      for (const key of keys) expect(await redis.ttl(key)).toBeGreaterThan(90 * 24 * 3600);
      await expect(
        store.renew('access-token-0002', async () => {
          throw new RefreshError('refused', true);
        }),
      ).rejects.toThrow('refused');
      expect(await redis.exists(`${prefix}zalo:app${n}:refresh-lock`)).toBe(0);
      // The seed ids are hashes: the refresh token itself is stored only in the pair.
      const seeds = await redis.smembers(`${prefix}zalo:app${n}:seeds`);
      expect(seeds.join()).not.toContain(FIRST.refreshToken);
    });

    it('stops waiting for a refresh another instance never finishes', async () => {
      const store = await make();
      await store.seed(FIRST);
      const redis = connections.at(-1)!;
      await redis.set(`${prefix}zalo:app${n}:refresh-lock`, 'someone-else', 'PX', 5000);
      const waiting = new RedisTokenStore({ redis, prefix, appId: `app${n}`, pollMs: 10, waitMs: 200 });
      await expect(waiting.renew(FIRST.accessToken, countingRefresh().refresh)).rejects.toThrow(/timed out/);
    });

    it('two channels’ Tokens on two stores spend the refresh token once at the fake OAuth server', async () => {
      const fake = await FakeZalo.start();
      try {
        fake.oauthDelayMs = 150;
        const api = new ZaloApi({
          apiRoot: fake.origin,
          oauthRoot: fake.origin,
          appId: fake.appId,
          appSecret: fake.appSecret,
        });
        const stores = [await make(), await second()];
        await stores[0]!.seed(fake.firstPair);
        await stores[1]!.seed(fake.firstPair);
        const tokens = stores.map(
          (store) => new Tokens({ store, refresh: (t) => api.refresh(t), log: new MemoryLog() }),
        );
        const pairs = await Promise.all(tokens.map((t) => t.renew(fake.firstPair.accessToken)));
        expect(fake.refreshCalls).toBe(1);
        expect(pairs[0]!.accessToken).toBe(fake.currentPair.accessToken);
        expect(pairs[1]!.accessToken).toBe(fake.currentPair.accessToken);
        expect(fake.violations).toEqual([]);
      } finally {
        await fake.close();
      }
    });
  });
}
