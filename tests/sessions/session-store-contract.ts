import type { SessionStore, SessionValue, SessionWrite } from '../../src/sessions/session-store';

/**
 * The contract every session store passes. `makeStore` gives a fresh, empty store for each test (the contract
 * closes it afterwards); `cleanup` runs once at the end (e.g. deleting Redis keys).
 */
export function describeSessionStore(
  name: string,
  makeStore: () => SessionStore | Promise<SessionStore>,
  cleanup: () => void | Promise<void> = () => undefined,
): void {
  describe(`${name} (session store contract)`, () => {
    let store: SessionStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(() => store.close());
    afterAll(() => cleanup());

    it('writes, reads back, hands the previous value to the next call and deletes', async () => {
      expect(await store.get('zalo:1')).toBeNull();
      const first = await store.update('zalo:1', (session) => {
        expect(session).toBeNull();
        return keep({ flow: 'cap-lai-so-do', step: 1 }, 'started');
      });
      expect(first).toEqual({ duplicate: false, result: 'started' });
      expect(await store.get('zalo:1')).toEqual({ flow: 'cap-lai-so-do', step: 1 });

      await store.update('zalo:1', (session) => {
        expect(session).toEqual({ flow: 'cap-lai-so-do', step: 1 });
        return keep({ flow: 'cap-lai-so-do', step: 2 });
      });
      expect(await store.get('zalo:1')).toEqual({ flow: 'cap-lai-so-do', step: 2 });

      await store.delete('zalo:1');
      expect(await store.get('zalo:1')).toBeNull();
      await expect(store.delete('zalo:never-written')).resolves.toBeUndefined();
    });

    it('deletes in turn with updates: an update under way cannot write the session back', async () => {
      await store.update('zalo:del', () => keep({ step: 1 }));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const isRunning = new Promise<void>((resolve) => (started = resolve));
      const slow = store.update('zalo:del', async (session) => {
        started();
        await gate;
        return keep({ step: ((session?.step as number) ?? 0) + 1 });
      });
      await isRunning;
      const deleted = store.delete('zalo:del');
      const after = store.update('zalo:del', (session) => keep({ step: 10 }, session));
      release();
      await slow;
      await deleted;
      // The update queued after the delete saw no session.
      expect(await after).toEqual({ duplicate: false, result: null });
      expect(await store.get('zalo:del')).toEqual({ step: 10 });
      await store.delete('zalo:del');
      expect(await store.get('zalo:del')).toBeNull();
    });

    it('deletes the session when fn returns session null', async () => {
      await store.update('zalo:2', () => keep({ step: 1 }));
      await store.update('zalo:2', () => ({ session: null, ttlSeconds: 60, result: undefined }));
      expect(await store.get('zalo:2')).toBeNull();
    });

    it('forgets a session after its TTL, counted from the last write', async () => {
      await store.update('tg:ttl', () => ({ session: { step: 1 }, ttlSeconds: 0.4, result: undefined }));
      expect(await store.get('tg:ttl')).toEqual({ step: 1 });
      await sleep(250);
      // A write restarts the clock: 250 + 250 ms after the first write, the second keeps it alive.
      await store.update('tg:ttl', () => ({ session: { step: 2 }, ttlSeconds: 0.4, result: undefined }));
      await sleep(250);
      expect(await store.get('tg:ttl')).toEqual({ step: 2 });
      await sleep(300);
      expect(await store.get('tg:ttl')).toBeNull();
      await store.update('tg:ttl', (session) => {
        expect(session).toBeNull();
        return keep({ step: 1 });
      });
    });

    it('runs 50 concurrent updates of one key one after another, in the order of the calls', async () => {
      const calls = Array.from({ length: 50 }, (_, i) =>
        store.update('zalo:counter', async (session) => {
          const count = (session?.count as number | undefined) ?? 0;
          await sleep(Math.random() * 3);
          const order = [...((session?.order as number[] | undefined) ?? []), i];
          return keep({ count: count + 1, order }, count + 1);
        }),
      );
      const results = await Promise.all(calls);
      expect(results.map((r) => (r.duplicate ? null : r.result))).toEqual(range(1, 50));
      expect(await store.get('zalo:counter')).toEqual({ count: 50, order: range(0, 49) });
    });

    it('does not make one key wait for another', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const slow = store.update('zalo:slow', async () => {
        await gate;
        return keep({ step: 'slow' });
      });
      const fast = await withTimeout(
        store.update('zalo:fast', () => keep({ step: 'fast' }, 'fast done')),
        2000,
      );
      expect(fast).toEqual({ duplicate: false, result: 'fast done' });
      release();
      await slow;
      expect(await store.get('zalo:slow')).toEqual({ step: 'slow' });
    });

    it('writes nothing when fn throws, rethrows, and lets the next call run', async () => {
      await store.update('zalo:err', () => keep({ step: 1 }));
      const failure = new Error('handler failed');
      const failing = store.update('zalo:err', async (session) => {
        if (session !== null) session.step = 99; // mutating what fn was given must not leak into the store
        throw failure;
      });
      const next = store.update('zalo:err', (session) =>
        keep({ step: ((session?.step as number) ?? 0) + 1 }),
      );
      await expect(failing).rejects.toBe(failure);
      await next;
      expect(await store.get('zalo:err')).toEqual({ step: 2 });

      await expect(
        store.update('zalo:err', () => {
          throw new Error('synchronous failure');
        }),
      ).rejects.toThrow('synchronous failure');
      expect(await store.get('zalo:err')).toEqual({ step: 2 });
    });

    it('runs a message id once per key and reports the redelivery as a duplicate', async () => {
      let runs = 0;
      const handle = (session: SessionValue | null): SessionWrite<string> => {
        runs++;
        return keep({ count: ((session?.count as number) ?? 0) + 1 }, 'handled');
      };
      expect(await store.update('zalo:dup', handle, { messageId: 'm-1' })).toEqual({
        duplicate: false,
        result: 'handled',
      });
      expect(await store.update('zalo:dup', handle, { messageId: 'm-1' })).toEqual({ duplicate: true });
      expect(runs).toBe(1);

      // Concurrent redeliveries: still once.
      const both = await Promise.all([
        store.update('zalo:dup', handle, { messageId: 'm-2' }),
        store.update('zalo:dup', handle, { messageId: 'm-2' }),
      ]);
      expect(both.map((r) => r.duplicate)).toEqual([false, true]);
      expect(runs).toBe(2);

      // The same id for another user, or no id at all, is not a duplicate.
      expect((await store.update('zalo:other', handle, { messageId: 'm-1' })).duplicate).toBe(false);
      expect((await store.update('zalo:dup', handle)).duplicate).toBe(false);
      expect(await store.get('zalo:dup')).toEqual({ count: 3 });
    });

    it('does not mark a message id as seen when the call failed', async () => {
      await expect(
        store.update(
          'zalo:retry',
          () => {
            throw new Error('transient');
          },
          { messageId: 'm-9' },
        ),
      ).rejects.toThrow('transient');
      const retried = await store.update('zalo:retry', () => keep({ step: 1 }, 'ok'), { messageId: 'm-9' });
      expect(retried).toEqual({ duplicate: false, result: 'ok' });
      expect(await store.get('zalo:retry')).toEqual({ step: 1 });
    });

    it('round-trips values as JSON, never sharing objects with the caller', async () => {
      const written = {
        flow: 'dang-ky-khai-sinh',
        version: 2,
        answers: { ho_ten: 'Nguyễn Thị Đào', co_giay_chung_sinh: true, so_con: 0, ghi_chu: null },
        steps: ['hoi-ten', 'hoi-giay-to'],
        at: new Date('2024-05-01T08:30:00.000Z'),
        missing: undefined,
      };
      await store.update('zalo:json', () => keep(written));
      written.answers.ho_ten = 'changed after the write';
      const read = await store.get('zalo:json');
      expect(read).toEqual({
        flow: 'dang-ky-khai-sinh',
        version: 2,
        answers: { ho_ten: 'Nguyễn Thị Đào', co_giay_chung_sinh: true, so_con: 0, ghi_chu: null },
        steps: ['hoi-ten', 'hoi-giay-to'],
        at: '2024-05-01T08:30:00.000Z',
      });
      expect(read).not.toHaveProperty('missing');
      (read as { flow: string }).flow = 'changed after the read';
      expect((await store.get('zalo:json'))?.flow).toBe('dang-ky-khai-sinh');
    });

    it('refuses a session over 64 KB of JSON, writing nothing', async () => {
      await store.update('zalo:big', () => keep({ step: 1 }));
      const tooBig = { text: 'x'.repeat(70 * 1024) };
      await expect(store.update('zalo:big', () => keep(tooBig))).rejects.toThrow(/over the 65536-byte limit/);
      expect(await store.get('zalo:big')).toEqual({ step: 1 });
      const fits = { text: 'đ'.repeat(30 * 1024) }; // 2 bytes each in UTF-8: 60 KB
      await expect(store.update('zalo:big', () => keep(fits))).resolves.toEqual({
        duplicate: false,
        result: null,
      });
    });

    it('refuses a TTL that is not a positive number of seconds, writing nothing', async () => {
      for (const ttlSeconds of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(
          store.update('zalo:ttl-bad', () => ({ session: { a: 1 }, ttlSeconds, result: 0 })),
        ).rejects.toThrow(/ttlSeconds must be a positive number/);
      }
      expect(await store.get('zalo:ttl-bad')).toBeNull();
    });

    it('is ready until closed, and refuses updates after close', async () => {
      expect(await store.isReady()).toBe(true);
      await store.close();
      expect(await store.isReady()).toBe(false);
      await expect(store.update('zalo:closed', () => keep({ a: 1 }))).rejects.toThrow(/closed/);
      await expect(store.close()).resolves.toBeUndefined(); // twice is fine
    });
  });
}

function keep<T = null>(session: SessionValue, result?: T): SessionWrite<T> {
  return { session, ttlSeconds: 60, result: (result ?? null) as T };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
