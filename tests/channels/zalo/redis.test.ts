import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { RedisTokenStore } from '../../../src/channels/zalo/token-store';
import { RedisSessionStore } from '../../../src/sessions';
import { say } from '../../bot/transcript-helpers';
import { describeRedisUnavailable, isRedisReachable, redisTestUrl } from '../../support/redis';
import { FakeZalo } from './fake-zalo';
import { choices, startTestOa, userId, type TestOa } from './harness';

/**
 * Two instances of the bot behind a load balancer, as two processes would run: one fake Zalo, one Redis
 * holding the sessions (and the handled msg_ids) and the OA's token pair, two servers, two Zalo channels.
 */
const prefix = `motcua-test:zalo-channel:${randomBytes(4).toString('hex')}:`;

if (!isRedisReachable()) {
  describeRedisUnavailable('two Zalo instances on one Redis');
} else {
  describe('two Zalo instances on one Redis', () => {
    const connections: Redis[] = [];
    const stores: RedisSessionStore[] = [];
    let fake: FakeZalo;
    let a: TestOa;
    let b: TestOa;
    let n = 0;

    /** Two fresh instances with their own keys (a new app-scoped token pair) for each test. */
    async function startPair(): Promise<void> {
      fake = await FakeZalo.start();
      const keys = `${prefix}${++n}:`;
      const instance = async () => {
        const redis = new Redis(redisTestUrl);
        connections.push(redis);
        const store = new RedisSessionStore({ redis: redisTestUrl, prefix: keys });
        stores.push(store);
        return startTestOa({
          fake,
          store,
          tokenStore: new RedisTokenStore({ redis, prefix: keys, appId: fake.appId, pollMs: 10 }),
        });
      };
      a = await instance();
      b = await instance();
    }

    beforeEach(startPair);
    afterEach(async () => {
      expect(fake.violations).toEqual([]);
      for (const log of [a.log, b.log]) {
        const text = log.text();
        for (const secret of [fake.appSecret, fake.oaSecretKey, ...fake.issuedTokens])
          expect(text).not.toContain(secret);
      }
      await a.close();
      await b.close();
      await fake.close();
    });
    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
      const admin = new Redis(redisTestUrl);
      const keys = await admin.keys(`${prefix}*`);
      if (keys.length) await admin.del(...keys);
      await admin.quit();
      await Promise.all(connections.map((c) => c.quit()));
    });

    it('answer the same msg_id delivered to both once', async () => {
      const user = userId(500);
      const event = fake.textEvent(user, 'trợ giúp');
      const statuses = await Promise.all([fake.deliver(a.webhook, event), fake.deliver(b.webhook, event)]);
      await Promise.all([a.channel.idle(), b.channel.idle()]);
      expect(statuses).toEqual([200, 200]);
      expect(fake.sentTo(user).map((m) => m.text)).toEqual([expect.stringContaining(say('help'))]);
      // And a follow delivered to both is welcomed once.
      const follow = fake.followEvent(user);
      await Promise.all([fake.deliver(a.webhook, follow), fake.deliver(b.webhook, follow)]);
      await Promise.all([a.channel.idle(), b.channel.idle()]);
      expect(fake.sentTo(user)).toHaveLength(3);
    });

    it('continue a conversation across instances, and forget it on an unfollow at either', async () => {
      const user = userId(501);
      await a.deliver(fake.followEvent(user));
      const menu = fake.sentTo(user).at(-1)!.text;
      const first = choices(menu)[0]!;
      await b.deliver(fake.textEvent(user, '1'));
      expect(
        fake
          .sentTo(user)
          .at(-1)!
          .text.startsWith(say('field_pick', { field: first.label })),
      ).toBe(true);
      await b.deliver(fake.followEvent(user, 'unfollow'));
      expect(await stores[0]!.get(`zalo:${user}`)).toBeNull();
    });

    it('refresh the token once when both get -216 at the same time, and both deliver', async () => {
      fake.expireAccessToken();
      fake.oauthDelayMs = 150;
      const [userA, userB] = [userId(502), userId(503)];
      await Promise.all([
        fake.deliver(a.webhook, fake.textEvent(userA, 'menu')),
        fake.deliver(b.webhook, fake.textEvent(userB, 'menu')),
      ]);
      await Promise.all([a.channel.idle(), b.channel.idle()]);
      expect(fake.refreshCalls).toBe(1);
      expect(fake.refreshes).toBe(1);
      expect(fake.callsTo(userA).map((c) => c.outcome)).toEqual([-216, 0]);
      expect(fake.callsTo(userB).map((c) => c.outcome)).toEqual([-216, 0]);
      // The new pair is in Redis, where both (and a restarted instance) read it.
      expect(await a.tokenStore.get()).toMatchObject(fake.currentPair);
      expect(await b.tokenStore.get()).toMatchObject(fake.currentPair);
      expect([...a.log.entries, ...b.log.entries].filter((e) => e.msg.includes('refreshed'))).toHaveLength(1);
    });

    it('after one instance refreshed, the other uses the new pair without refreshing', async () => {
      fake.expireAccessToken();
      const [userA, userB] = [userId(504), userId(505)];
      await a.deliver(fake.textEvent(userA, 'menu'));
      await b.deliver(fake.textEvent(userB, 'menu'));
      expect(fake.refreshCalls).toBe(1);
      expect(fake.callsTo(userB).map((c) => c.outcome)).toEqual([0]);
    });

    it('a refused refresh token: each instance tells the operator once, no retry storm, no crash', async () => {
      fake.expireAccessToken();
      fake.revokeRefreshToken();
      const users = [506, 507, 508, 509].map(userId);
      await Promise.all(
        users.map((u, i) => fake.deliver((i % 2 ? b : a).webhook, fake.textEvent(u, 'menu'))),
      );
      await Promise.all([a.channel.idle(), b.channel.idle()]);
      for (const u of users.slice(0, 2))
        expect(await (users.indexOf(u) % 2 ? b : a).deliver(fake.textEvent(u, 'menu'))).toBe(200);
      expect(fake.refreshCalls).toBeGreaterThanOrEqual(1);
      expect(fake.refreshCalls).toBeLessThanOrEqual(2);
      for (const log of [a.log, b.log]) {
        const refused = log.with('error', 'refresh token was refused');
        expect(refused.length).toBeLessThanOrEqual(1);
      }
      const told = [...a.log.entries, ...b.log.entries].filter((e) => e.msg.includes('ZALO_REFRESH_TOKEN'));
      expect(told.length).toBeGreaterThanOrEqual(1);
      expect(fake.sendCalls.length).toBeLessThanOrEqual(6);
      expect(fake.sent).toEqual([]);
    });
  });
}
