import { spawnSync } from 'node:child_process';

/** The Redis the tests use: 127.0.0.1:6379, or REDIS_TEST_URL. */
export const redisTestUrl = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
export const redisTestAddress = new URL(redisTestUrl).host;

/**
 * Whether Redis answers, asked before the tests are declared (jest declares them synchronously): a child
 * process sends PING and reports any reply.
 */
export function isRedisReachable(url = redisTestUrl): boolean {
  const { hostname, port } = new URL(url);
  const probe = `
    const socket = require('node:net').connect(${Number(port) || 6379}, ${JSON.stringify(hostname.replace(/^\[|\]$/g, ''))});
    socket.setTimeout(2000, () => process.exit(1));
    socket.on('connect', () => socket.write('PING\\r\\n'));
    socket.on('data', () => process.exit(0));
    socket.on('error', () => process.exit(1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 5000 }).status === 0;
}

/**
 * The one test that stands for a Redis suite when Redis is not reachable: it fails under CI=true (CI must
 * provide Redis) and otherwise says clearly that it skipped.
 */
export function describeRedisUnavailable(suite: string): void {
  describe(suite, () => {
    it(`skipped: Redis not reachable at ${redisTestAddress}`, () => {
      const message = `Redis not reachable at ${redisTestAddress}`;
      if (process.env.CI === 'true')
        throw new Error(`${message}: CI must provide one (REDIS_TEST_URL overrides)`);
      console.warn(`skipped: ${message}`);
    });
  });
}
