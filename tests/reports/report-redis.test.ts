import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { reportCommand } from '../../src/cli/report-command';
import { RedisEventLog } from '../../src/events';
import { describeRedisUnavailable, isRedisReachable, redisTestUrl } from '../support/redis';
import { expectSampleText, sampleEvents } from './events';

/** This file's keys, all deleted at the end. */
const prefix = `motcua-test:report:${randomBytes(6).toString('hex')}:`;

if (!isRedisReachable()) {
  describeRedisUnavailable('motcua report (events in Redis)');
} else {
  describe('motcua report (events in Redis)', () => {
    let redis: Redis;
    let dir: string;

    beforeAll(async () => {
      redis = new Redis(redisTestUrl);
      dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-report-redis-'));
      // Recorded the way the server records them: each event at its own time, through the log.
      for (const { at, ...event } of sampleEvents) {
        const log = new RedisEventLog({ redis, prefix, now: () => new Date(at) });
        await log.record(event);
        await log.close();
      }
    });

    afterAll(async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
      await rm(dir, { recursive: true, force: true });
    });

    it('reads the stream the server writes to when REDIS_URL is set, and closes its connection', async () => {
      expect(await redis.xlen(`${prefix}events`)).toBe(sampleEvents.length);
      const lines: string[] = [];
      const errors: string[] = [];
      const code = await reportCommand(
        ['--from', '2025-03-01', '--to', '2025-03-07'],
        { line: (t) => lines.push(t), error: (t) => errors.push(t) },
        {
          // EVENTS_FILE is ignored when Redis is configured, as in the server.
          env: {
            REDIS_URL: redisTestUrl,
            EVENTS_FILE: path.join(dir, 'none.jsonl'),
            MOTCUA_CONTENT_DIRS: path.join(__dirname, '..', 'fixtures', 'content', 'base'),
          },
          now: new Date('2027-06-01T00:00:00Z'),
          cwd: dir,
          redisPrefix: prefix,
        },
      );
      expect(errors).toEqual([]);
      expect(code).toBe(0);
      expectSampleText(lines.join('\n'));
    });

    it('writes CSV from Redis too', async () => {
      const lines: string[] = [];
      const csvDir = path.join(dir, 'csv');
      await reportCommand(
        ['--from', '2025-03-01', '--to', '2025-03-07', '--section', 'satisfaction', '--csv', csvDir],
        { line: (t) => lines.push(t), error: () => undefined },
        {
          env: {
            REDIS_URL: redisTestUrl,
            MOTCUA_CONTENT_DIRS: path.join(__dirname, '..', 'fixtures', 'content', 'base'),
          },
          cwd: dir,
          redisPrefix: prefix,
        },
      );
      expect(lines.map((l) => path.basename(l))).toEqual([
        'hai-long-tong.csv',
        'hai-long-theo-thu-tuc.csv',
        'hai-long-theo-kenh.csv',
        'hai-long-theo-ngay.csv',
        'hai-long-theo-tuan.csv',
      ]);
    });
  });
}
