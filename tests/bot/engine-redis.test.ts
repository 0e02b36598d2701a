import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Redis from 'ioredis';
import { createEngine, type Engine } from '../../src/bot/engine';
import { loadCatalogueOrThrow } from '../../src/content/loader';
import { createMatcher, type Matcher } from '../../src/search/matcher';
import { RedisSessionStore } from '../../src/sessions';
import { describeRedisUnavailable, isRedisReachable, redisTestUrl } from '../support/redis';

/**
 * Two engines on one Redis, as two server processes behind a load balancer: one user's messages sent to both
 * at once are handled one at a time, none lost, and a redelivered message is answered once.
 */
const prefix = `motcua-test:engine:${randomBytes(4).toString('hex')}:`;

if (!isRedisReachable()) {
  describeRedisUnavailable('the engine on Redis');
} else {
  describe('the engine on Redis, two instances', () => {
    const catalogue = loadCatalogueOrThrow([path.join(__dirname, '..', '..', 'data')]);
    const matcher = createMatcher(catalogue);
    const stores = [0, 1].map(() => new RedisSessionStore({ redis: redisTestUrl, prefix }));
    const engines: Engine[] = stores.map((store) => createEngine({ catalogue, matcher, store }));
    const admin = new Redis(redisTestUrl);

    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
      const keys = await admin.keys(`${prefix}*`);
      if (keys.length) await admin.del(...keys);
      await admin.quit();
    });

    it('loses no update when one user writes through both instances at once', async () => {
      // Every question is a new clarification between two new candidates, so that each message registers
      // three fresh button tokens whatever the order: the session's counter must count every one of them.
      let asked = 0;
      const ambiguous: Matcher = {
        match: () => {
          const n = asked++;
          return {
            decision: 'clarify',
            aspect: null,
            results: [0, 1].map((i) => ({
              kind: 'procedure' as const,
              id: `candidate-${n}-${i}`,
              code: null,
              title: `Thủ tục ${n}.${i}`,
              score: 0.5,
            })),
          };
        },
      };
      const clarifying = stores.map((store) => createEngine({ catalogue, matcher: ambiguous, store }));
      const sends = Array.from({ length: 24 }, (_, i) =>
        clarifying[i % 2]!.handle({ channel: 'web', user: 'u-concurrent', text: 'sổ đỏ' }),
      );
      const replies = await Promise.all(sends);
      for (const r of replies) expect(r[0]!.buttons!).toHaveLength(3);
      const session = (await stores[0]!.get('web:u-concurrent')) as { next: number };
      expect(session.next).toBe(24 * 3);
    });

    it('answers a redelivered message once, whichever instance gets it', async () => {
      const message = {
        channel: 'telegram',
        user: 'u-redelivered',
        text: 'đổi giấy phép lái xe',
        messageId: 'upd-1',
      };
      const [a, b] = await Promise.all([engines[0]!.handle(message), engines[1]!.handle(message)]);
      expect([a, b].filter((r) => r.length > 0)).toHaveLength(1);
      expect([...a, ...b][0]!.text.length).toBeGreaterThan(0);
    });

    it('continues a conversation started on one instance on the other', async () => {
      const first = await engines[0]!.handle({ channel: 'web', user: 'u-alternate', text: 'sổ đỏ' });
      const offered = first[first.length - 1]!.buttons!;
      expect(offered.length).toBeGreaterThanOrEqual(3);
      const picked = await engines[1]!.handle({ channel: 'web', user: 'u-alternate', text: '1' });
      expect(picked[picked.length - 1]!.text).toContain(offered[0]!.label);
    });
  });
}
