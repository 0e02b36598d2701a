import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { describeRedisUnavailable, isRedisReachable } from '../support/redis';
import ts from 'typescript';
import { createSessionStore, RedisSessionStore } from '../../src/sessions';
import type { SessionValue, SessionWrite } from '../../src/sessions';
import { describeSessionStore, sleep } from './session-store-contract';

const root = path.join(__dirname, '..', '..');
const redisUrl = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
// Every key this file writes starts with it, so that the run deletes exactly its own keys.
const filePrefix = `motcua-test:sessions:${randomBytes(4).toString('hex')}:`;

if (!isRedisReachable(redisUrl)) {
  describeRedisUnavailable('RedisSessionStore');
} else {
  const admin = new Redis(redisUrl);
  let storeCount = 0;
  const stores: RedisSessionStore[] = [];

  /** A store with its own connection (as a separate server process would have) and its own key space. */
  function makeStore(options: { prefix?: string; lockMs?: number; waitMs?: number } = {}): RedisSessionStore {
    const store = new RedisSessionStore({
      redis: redisUrl,
      prefix: `${filePrefix}${storeCount++}:`,
      ...options,
    });
    stores.push(store);
    return store;
  }

  async function deleteTestKeys(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${filePrefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await deleteTestKeys();
    expect(await admin.keys(`${filePrefix}*`)).toEqual([]);
    await admin.quit();
  });

  describeSessionStore('RedisSessionStore', () => makeStore(), deleteTestKeys);

  /** Adds one to the counter and records `label` in the order of the updates, pausing a little inside. */
  function increment(label: string) {
    return async (session: SessionValue | null): Promise<SessionWrite<number>> => {
      const count = ((session?.count as number | undefined) ?? 0) + 1;
      await sleep(Math.random() * 3);
      const order = [...((session?.order as string[] | undefined) ?? []), label];
      return { session: { count, order }, ttlSeconds: 60, result: count };
    };
  }

  /** The numbers in labels such as `A-7` that start with `prefix`, in the order they appear. */
  function numbersOf(order: string[], prefix: string): number[] {
    return order
      .filter((label) => label.startsWith(`${prefix}-`))
      .map((label) => Number(label.split('-')[1]));
  }

  describe('RedisSessionStore across processes', () => {
    it('loses no update when two instances increment one counter 100 times at once', async () => {
      const prefix = `${filePrefix}shared-a:`;
      const [a, b] = [makeStore({ prefix }), makeStore({ prefix })];
      const calls = Array.from({ length: 100 }, (_, i) =>
        i % 2 === 0 ? a.update('zalo:42', increment(`A-${i}`)) : b.update('zalo:42', increment(`B-${i}`)),
      );
      const results = await Promise.all(calls);
      expect(results.map((r) => (r.duplicate ? null : r.result)).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(
        Array.from({ length: 100 }, (_, i) => i + 1),
      );
      const session = await a.get('zalo:42');
      expect(session?.count).toBe(100);
      const order = session?.order as string[];
      expect(new Set(order).size).toBe(100);
      // Within one process, calls keep the order in which they arrived.
      expect(numbersOf(order, 'A')).toEqual(Array.from({ length: 50 }, (_, i) => 2 * i));
      expect(numbersOf(order, 'B')).toEqual(Array.from({ length: 50 }, (_, i) => 2 * i + 1));
    });

    it('takes over a lock left by a crashed holder once it expires', async () => {
      const store = makeStore();
      const lockKey = `${filePrefix}${storeCount - 1}:lock:zalo:7`;
      await admin.set(lockKey, 'token-of-a-crashed-process', 'PX', 600);
      const started = Date.now();
      await expect(store.update('zalo:7', increment('after-crash'))).resolves.toEqual({
        duplicate: false,
        result: 1,
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      expect(await admin.exists(lockKey)).toBe(0);
    });

    it('gives up with a clear error when the lock is not released within waitMs, writing nothing', async () => {
      const store = makeStore({ waitMs: 300 });
      const lockKey = `${filePrefix}${storeCount - 1}:lock:zalo:8`;
      await admin.set(lockKey, 'token-of-a-stuck-process', 'PX', 5000);
      const error = await store.update('zalo:8', increment('never')).catch((e: unknown) => e);
      expect(error).toEqual(
        new Error('session is locked by another process and was not released within 300 ms'),
      );
      // The key holds a user's id; errors end up in logs.
      expect((error as Error).message).not.toContain('zalo');
      expect(await store.get('zalo:8')).toBeNull();
      expect(await admin.get(lockKey)).toBe('token-of-a-stuck-process'); // not ours to delete
    });

    it('does not save a handler that outlived its lock after another instance took it', async () => {
      const prefix = `${filePrefix}overrun:`;
      const slow = makeStore({ prefix, lockMs: 200 });
      const other = makeStore({ prefix });
      const slowCall = slow.update('zalo:9', async () => {
        await sleep(500);
        return { session: { count: 100, order: ['slow'] }, ttlSeconds: 60, result: 'slow' };
      });
      await sleep(20); // let the slow call take the lock first
      await expect(other.update('zalo:9', increment('other'))).resolves.toEqual({
        duplicate: false,
        result: 1,
      });
      await expect(slowCall).rejects.toThrow(/was not saved: its lock expired after 200 ms/);
      expect(await other.get('zalo:9')).toEqual({ count: 1, order: ['other'] });
    });

    it('dedupes a message id across instances, also when delivered to both at once', async () => {
      const prefix = `${filePrefix}dedupe:`;
      const [a, b] = [makeStore({ prefix }), makeStore({ prefix })];
      expect(await a.update('zalo:5', increment('first'), { messageId: 'm-1' })).toEqual({
        duplicate: false,
        result: 1,
      });
      expect(await b.update('zalo:5', increment('again'), { messageId: 'm-1' })).toEqual({ duplicate: true });

      const both = await Promise.all([
        a.update('zalo:5', increment('a'), { messageId: 'm-2' }),
        b.update('zalo:5', increment('b'), { messageId: 'm-2' }),
      ]);
      expect(both.filter((r) => r.duplicate)).toHaveLength(1);
      expect((await a.get('zalo:5'))?.count).toBe(2);
    });

    it('stays correct with two real Node processes sharing the counter', async () => {
      // The store compiled on the fly (type-checking is tsc's job): no dependency on a fresh dist/.
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-sessions-'));
      for (const name of ['redis-session-store', 'session-rules', 'key-queue', 'redis-target']) {
        const source = fs.readFileSync(path.join(root, 'src', 'sessions', `${name}.ts`), 'utf8');
        const compiled = ts.transpileModule(source, {
          compilerOptions: {
            module: ts.ModuleKind.CommonJS,
            target: ts.ScriptTarget.ES2022,
            esModuleInterop: true,
          },
        });
        fs.writeFileSync(path.join(tmp, `${name}.js`), compiled.outputText);
      }
      const storeModule = path.join(tmp, 'redis-session-store.js');
      const worker = path.join(__dirname, 'fixtures', 'increment-worker.js');
      const prefix = `${filePrefix}processes:`;
      const env = { ...process.env, NODE_PATH: path.join(root, 'node_modules') };
      try {
        const outputs = await Promise.all(
          ['P', 'Q'].map((label) =>
            promisify(execFile)(
              process.execPath,
              [worker, storeModule, redisUrl, prefix, 'zalo:77', label, '50'],
              { env, timeout: 30_000 },
            ),
          ),
        );
        expect(outputs.map((o) => JSON.parse(o.stdout))).toEqual([
          { label: 'P', done: 50 },
          { label: 'Q', done: 50 },
        ]);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
      const session = JSON.parse((await admin.get(`${prefix}session:zalo:77`)) ?? 'null');
      expect(session.count).toBe(100);
      expect(numbersOf(session.order, 'P')).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(numbersOf(session.order, 'Q')).toEqual(Array.from({ length: 50 }, (_, i) => i));
    });
  });

  describe('RedisSessionStore', () => {
    it('keeps JSON under <prefix>session:<key> with the TTL, the seen id for 24 h, and no lock after', async () => {
      const prefix = `${filePrefix}layout:`;
      const store = makeStore({ prefix });
      await store.update('zalo:1', () => ({ session: { step: 1 }, ttlSeconds: 1800, result: null }), {
        messageId: 'm-1',
      });
      expect(await admin.get(`${prefix}session:zalo:1`)).toBe('{"step":1}');
      const ttl = await admin.pttl(`${prefix}session:zalo:1`);
      expect(ttl).toBeGreaterThan(1_790_000);
      expect(ttl).toBeLessThanOrEqual(1_800_000);
      expect(await admin.ttl(`${prefix}seen:zalo:1:m-1`)).toBeGreaterThan(86_390);
      expect(await admin.exists(`${prefix}lock:zalo:1`)).toBe(0);
    });

    it('starts afresh from a stored value that is not a JSON object', async () => {
      const prefix = `${filePrefix}garbage:`;
      const store = makeStore({ prefix });
      await admin.set(`${prefix}session:zalo:1`, 'not json', 'EX', 60);
      expect(await store.get('zalo:1')).toBeNull();
      await store.update('zalo:1', (session) => {
        expect(session).toBeNull();
        return { session: { step: 1 }, ttlSeconds: 60, result: null };
      });
      expect(await store.get('zalo:1')).toEqual({ step: 1 });
    });

    it('closes a connection it opened, and leaves a shared one open', async () => {
      const owned = makeStore();
      const connection = (owned as unknown as { redis: Redis }).redis;
      await owned.isReady();
      const ended = new Promise<void>((resolve) => connection.once('end', () => resolve()));
      await owned.close();
      await ended;
      expect(connection.status).toBe('end');

      const shared = new Redis(redisUrl);
      const store = new RedisSessionStore({ redis: shared, prefix: `${filePrefix}shared:` });
      await store.update('zalo:1', () => ({ session: { step: 1 }, ttlSeconds: 60, result: null }));
      await store.close();
      expect(await shared.ping()).toBe('PONG');
      await shared.quit();
    });

    it('lets queued updates finish before closing', async () => {
      const store = makeStore();
      const calls = Array.from({ length: 5 }, (_, i) => store.update('zalo:1', increment(`c-${i}`)));
      await store.close();
      expect((await Promise.all(calls)).map((r) => (r.duplicate ? null : r.result))).toEqual([1, 2, 3, 4, 5]);
    });

    it('is not ready, within about a second, when Redis does not answer', async () => {
      // A server that accepts connections and never replies: the PING waits until isReady gives up.
      const accepted: net.Socket[] = [];
      const silent = net.createServer((socket) => accepted.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as net.AddressInfo;
      // disconnectTimeout: ioredis otherwise keeps a 2 s timer after disconnecting a half-open socket.
      const connection = new Redis({
        host: '127.0.0.1',
        port,
        lazyConnect: true,
        retryStrategy: () => null,
        disconnectTimeout: 50,
      });
      const store = new RedisSessionStore({ redis: connection });
      const started = Date.now();
      expect(await store.isReady()).toBe(false);
      expect(Date.now() - started).toBeLessThan(2000);
      await store.close();
      connection.disconnect();
      accepted.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    });

    it('is what createSessionStore gives when a Redis URL is configured', async () => {
      const store = createSessionStore({ redisUrl, prefix: `${filePrefix}factory:` });
      expect(store).toBeInstanceOf(RedisSessionStore);
      await store.update('zalo:1', () => ({ session: { step: 1 }, ttlSeconds: 60, result: null }));
      expect(await admin.get(`${filePrefix}factory:session:zalo:1`)).toBe('{"step":1}');
      await store.close();
    });
  });
}

describe('RedisSessionStore with its own connection, while Redis is away', () => {
  it('fails a call within seconds and tells about the outage once, without crashing', async () => {
    // A port nobody listens on: every connection attempt is refused.
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));

    const errors: unknown[] = [];
    const store = new RedisSessionStore({
      redis: `redis://127.0.0.1:${port}`,
      onError: (e) => errors.push(e),
      waitMs: 500,
    });
    try {
      const started = Date.now();
      await expect(
        store.update('zalo:away', () => ({ session: { step: 1 }, ttlSeconds: 60, result: null })),
      ).rejects.toThrow();
      await expect(store.delete('zalo:away')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(4000);
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toMatch(/ECONNREFUSED/);
    } finally {
      await store.close();
    }
  });
});
