import { randomBytes } from 'node:crypto';
import { describeRedisUnavailable, isRedisReachable } from '../support/redis';
import Redis from 'ioredis';
import { hourlyClock, unanswered } from '../support/events';
import { createEventLog, RedisEventLog, type EventLogErrorHandler, type StoredEvent } from '../../src/events';

const url = process.env.REDIS_TEST_URL || 'redis://127.0.0.1:6379';
/** This file's keys; each test adds its own part, and all are deleted at the end. */
const prefix = `motcua-test:events:${randomBytes(6).toString('hex')}:`;

const textOf = (e: StoredEvent): string => ('text' in e ? e.text : 'comment' in e ? e.comment : '');

if (!isRedisReachable(url)) {
  describeRedisUnavailable('RedisEventLog');
} else {
  describe('RedisEventLog', () => {
    let redis: Redis;
    let testPrefix: string;
    let n = 0;

    beforeAll(() => {
      redis = new Redis(url);
    });

    beforeEach(() => {
      testPrefix = `${prefix}${++n}:`;
    });

    afterAll(async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });

    it('adds one stream entry per event, one field `e` holding the masked JSON', async () => {
      const log = new RedisEventLog({ redis, prefix: testPrefix, now: hourlyClock() });
      await log.record(unanswered('sđt 0905123456 nhé'));
      await log.record({
        type: 'rating_comment',
        channel: 'zalo',
        userKey: 'k',
        level: 2,
        procedure: '2.001583',
        comment: 'CCCD 001 203 004 123, mail an@gmail.com',
      });
      const entries = await redis.xrange(`${testPrefix}events`, '-', '+');
      expect(entries.map(([id]) => id)).toEqual([
        `${Date.UTC(2025, 2, 1, 0)}-0`,
        `${Date.UTC(2025, 2, 1, 1)}-0`,
      ]);
      expect(entries.map(([, fields]) => fields[0])).toEqual(['e', 'e']);
      expect(entries.every(([, fields]) => fields.length === 2)).toBe(true);
      expect(JSON.parse(entries[0]?.[1][1] as string)).toEqual({
        type: 'unanswered',
        channel: 'web',
        userKey: 'a1b2c3d4e5f60718',
        text: 'sđt [số điện thoại …56] nhé',
        closest: ['Đăng ký khai sinh'],
        at: '2025-03-01T00:00:00.000Z',
      });
      const raw = JSON.stringify(entries);
      for (const secret of ['0905123456', '001 203 004 123', 'an@gmail.com'])
        expect(raw).not.toContain(secret);
      expect((await log.read()).map(textOf)).toEqual([
        'sđt [số điện thoại …56] nhé',
        'CCCD [số định danh …123], mail [email]',
      ]);
      await log.close();
    });

    it('uses the prefix motcua: by default', () => {
      expect(new RedisEventLog({ redis }).key).toBe('motcua:events');
    });

    it('reads by time, both bounds inclusive, oldest first', async () => {
      const log = new RedisEventLog({ redis, prefix: testPrefix, now: hourlyClock() });
      for (const text of ['a', 'b', 'c', 'd']) await log.record(unanswered(text));
      const texts = async (from?: string, to?: string) => (await log.read(from, to)).map(textOf);
      expect(await texts()).toEqual(['a', 'b', 'c', 'd']);
      expect(await texts('2025-03-01T01:00:00.000Z')).toEqual(['b', 'c', 'd']);
      expect(await texts(undefined, '2025-03-01T01:00:00.000Z')).toEqual(['a', 'b']);
      expect(await texts('2025-03-01T01:00:00.000Z', '2025-03-01T02:00:00.000Z')).toEqual(['b', 'c']);
      expect(await texts('2025-03-01T09:00:00+07:00', '2025-03-01T09:00:00+07:00')).toEqual(['c']);
      expect(await texts('2025-03-02T00:00:00Z')).toEqual([]);
      expect(await texts(undefined, '1960-01-01T00:00:00Z')).toEqual([]);
      await expect(log.read(undefined, 'ngày mai')).rejects.toThrow(RangeError);
      await log.close();
    });

    it('records when its clock is behind the stream (another process ahead), and reads it in time order', async () => {
      const stream = `${testPrefix}events`;
      const t0 = Date.now();
      const ahead = new RedisEventLog({ redis, prefix: testPrefix, now: () => new Date(t0 + 5000) });
      const behind = new RedisEventLog({ redis, prefix: testPrefix, now: () => new Date(t0 - 5000) });
      await ahead.record(unanswered('ahead'));
      await behind.record(unanswered('behind'));
      const ids = (await redis.xrange(stream, '-', '+')).map(([id]) => Number(id.split('-')[0]));
      // The second id could not be its time: Redis picked one after the first.
      expect(ids[0]).toBe(t0 + 5000);
      expect(ids[1]).toBeGreaterThanOrEqual(t0 + 5000);
      expect((await ahead.read()).map(textOf)).toEqual(['behind', 'ahead']);
      const at = new Date(t0 - 5000).toISOString();
      expect((await ahead.read(at, at)).map(textOf)).toEqual(['behind']);
      await Promise.all([ahead.close(), behind.close()]);
    });

    it('keeps every event when many records run at once', async () => {
      const log = new RedisEventLog({ redis, prefix: testPrefix });
      await Promise.all(Array.from({ length: 300 }, (_, i) => log.record(unanswered(`câu hỏi ${i}`))));
      const entries = await redis.xrange(`${testPrefix}events`, '-', '+');
      expect(entries).toHaveLength(300);
      for (const [, fields] of entries)
        expect(() => JSON.parse(fields[1] as string) as unknown).not.toThrow();
      const texts = (await log.read()).map(textOf);
      expect(new Set(texts).size).toBe(300);
      await log.close();
    });

    it('reads more events than one XRANGE page', async () => {
      const log = new RedisEventLog({ redis, prefix: testPrefix });
      await Promise.all(Array.from({ length: 2500 }, (_, i) => log.record(unanswered(`${i}`))));
      const events = await log.read();
      expect(events).toHaveLength(2500);
      expect(new Set(events.map(textOf)).size).toBe(2500);
      await log.close();
    });

    it('trims the stream to about maxLen entries', async () => {
      const log = new RedisEventLog({ redis, prefix: testPrefix, maxLen: 10 });
      for (let i = 0; i < 600; i++) await log.record(unanswered(`${i}`));
      const length = await redis.xlen(`${testPrefix}events`);
      // MAXLEN ~ trims whole stream nodes (100 entries by default): about, not exactly, 10.
      expect(length).toBeGreaterThanOrEqual(10);
      expect(length).toBeLessThan(250);
      expect(() => new RedisEventLog({ redis, maxLen: 0 })).toThrow(RangeError);
      await log.close();
    });

    it('skips and counts entries that hold no event', async () => {
      const stream = `${testPrefix}events`;
      const log = new RedisEventLog({ redis, prefix: testPrefix });
      await log.record(unanswered('a'));
      await redis.xadd(stream, '*', 'e', '{"type":"unanswered"');
      await redis.xadd(stream, '*', 'other', 'field');
      await redis.xadd(
        stream,
        '*',
        'e',
        '{"type":"party","channel":"web","userKey":"k","at":"2025-03-01T00:00:00Z"}',
      );
      await redis.xadd(stream, '*', 'x', 'e');
      await log.record(unanswered('b'));
      const { events, malformedLines } = await log.scan();
      expect(events.map(textOf)).toEqual(['a', 'b']);
      expect(malformedLines).toBe(4);
      await log.close();
    });

    it('leaves a client it was given open, and drops records after close', async () => {
      const errors: Parameters<EventLogErrorHandler>[] = [];
      const log = new RedisEventLog({ redis, prefix: testPrefix, onError: (...args) => errors.push(args) });
      await log.close();
      await expect(log.record(unanswered('late'))).resolves.toBeUndefined();
      expect(errors.map(([, dropped]) => dropped)).toEqual([{ type: 'unanswered', channel: 'web' }]);
      expect(await redis.ping()).toBe('PONG');
      expect(await redis.xlen(`${testPrefix}events`)).toBe(0);
    });

    it('closes a connection it opened from a URL, after the records under way', async () => {
      const name = `motcua-test-${randomBytes(4).toString('hex')}`;
      const separator = url.includes('?') ? '&' : '?';
      const log = new RedisEventLog({
        redis: `${url}${separator}connectionName=${name}`,
        prefix: testPrefix,
      });
      await log.record(unanswered('a'));
      expect(await redis.client('LIST')).toContain(`name=${name}`);
      void log.record(unanswered('b'));
      await log.close();
      expect(await redis.xlen(`${testPrefix}events`)).toBe(2);
      // The server may take a moment to drop the client after QUIT.
      for (let i = 0; i < 50 && String(await redis.client('LIST')).includes(`name=${name}`); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await redis.client('LIST')).not.toContain(`name=${name}`);
    });

    it('does not throw when Redis cannot be reached: tells onError and drops the event', async () => {
      const errors: Parameters<EventLogErrorHandler>[] = [];
      const log = new RedisEventLog({
        redis: 'redis://127.0.0.1:1',
        prefix: testPrefix,
        onError: (...args) => errors.push(args),
      });
      await expect(log.record(unanswered('sđt 0905123456'))).resolves.toBeUndefined();
      const dropped = errors.filter(([, d]) => d !== null);
      expect(dropped.map(([, d]) => d)).toEqual([{ type: 'unanswered', channel: 'web' }]);
      // The lost connection is told once (not at every reconnection attempt), and not as a dropped event.
      expect(errors.filter(([, d]) => d === null)).toHaveLength(1);
      expect(JSON.stringify(errors.map(([e]) => String(e)))).not.toContain('0905123456');
      await log.close();
    });

    it('is what createEventLog makes when given a Redis URL', async () => {
      const log = createEventLog({ redisUrl: url, prefix: testPrefix });
      expect(log).toBeInstanceOf(RedisEventLog);
      await log.record({
        type: 'staff_request',
        channel: 'web',
        userKey: 'k',
        text: 'gặp cán bộ 0905123456',
      });
      expect((await log.read()).map(textOf)).toEqual(['gặp cán bộ [số điện thoại …56]']);
      await log.close();
    });
  });
}
