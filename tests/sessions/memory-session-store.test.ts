import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createSessionStore, MemorySessionStore } from '../../src/sessions';
import type { SessionWrite } from '../../src/sessions';
import { describeSessionStore, sleep } from './session-store-contract';

describeSessionStore('MemorySessionStore', () => new MemorySessionStore());

/** A store on a clock the test moves by hand. */
function storeAt(options: ConstructorParameters<typeof MemorySessionStore>[0] = {}) {
  const clock = { now: 1_000_000 };
  const store = new MemorySessionStore({ now: () => clock.now, ...options });
  return { store, clock };
}

function keep(step: number, ttlSeconds = 60): SessionWrite<void> {
  return { session: { step }, ttlSeconds, result: undefined };
}

describe('MemorySessionStore', () => {
  it('drops the least recently written session when full', async () => {
    const { store } = storeAt({ maxEntries: 3 });
    await store.update('a', () => keep(1));
    await store.update('b', () => keep(1));
    await store.update('c', () => keep(1));
    await store.update('a', () => keep(2)); // a is now the most recent
    await store.update('d', () => keep(1));
    expect(store.size).toBe(3);
    expect(await store.get('b')).toBeNull();
    expect(await store.get('a')).toEqual({ step: 2 });
    expect(await store.get('c')).toEqual({ step: 1 });
    expect(await store.get('d')).toEqual({ step: 1 });
    await store.close();
  });

  it('drops the least recently written sessions beyond maxTotalBytes of JSON', async () => {
    const { store } = storeAt({ maxTotalBytes: 100 });
    const write = (text: string) => ({ session: { text }, ttlSeconds: 60, result: undefined });
    await store.update('a', () => write('x'.repeat(30))); // 41 bytes of JSON
    await store.update('b', () => write('y'.repeat(30)));
    expect(store.bytes).toBe(82);
    await store.update('c', () => write('z'.repeat(30))); // 123 > 100: a goes
    expect(await store.get('a')).toBeNull();
    expect(await store.get('b')).not.toBeNull();
    expect(store.bytes).toBe(82);
    // Rewriting and deleting keep the count right.
    await store.update('b', () => write('đ'));
    await store.delete('c');
    expect(store.bytes).toBe(Buffer.byteLength(JSON.stringify({ text: 'đ' })));
    await store.close();
  });

  it('keeps a session larger than maxTotalBytes alone rather than dropping what was just written', async () => {
    const { store } = storeAt({ maxTotalBytes: 10 });
    await store.update('a', () => keep(1));
    await store.update('b', () => keep(22));
    expect(await store.get('a')).toBeNull();
    expect(await store.get('b')).toEqual({ step: 22 });
    await store.close();
  });

  it('follows its clock for session TTLs', async () => {
    const { store, clock } = storeAt();
    await store.update('a', () => keep(1, 30 * 60));
    clock.now += 30 * 60 * 1000 - 1;
    expect(await store.get('a')).toEqual({ step: 1 });
    clock.now += 1;
    expect(await store.get('a')).toBeNull();
    await store.close();
  });

  it('sweeps expired sessions and message ids without being asked', async () => {
    const { store, clock } = storeAt({ sweepIntervalMs: 20, seenTtlSeconds: 120 });
    await store.update('a', () => keep(1, 60), { messageId: 'm-1' });
    await store.update('b', () => keep(1, 600));
    clock.now += 61_000;
    await sleep(60);
    expect(store.size).toBe(1); // a swept, b kept
    expect(await store.update('a', () => keep(2), { messageId: 'm-1' })).toEqual({ duplicate: true });
    clock.now += 60_000; // the id is now 121 s old
    await sleep(60);
    expect(await store.update('a', () => keep(3), { messageId: 'm-1' })).toEqual({
      duplicate: false,
      result: undefined,
    });
    await store.close();
  });

  it('remembers at most maxSeenMessageIds ids, forgetting the oldest', async () => {
    const { store } = storeAt({ maxSeenMessageIds: 2 });
    for (const id of ['m-1', 'm-2', 'm-3']) await store.update('a', () => keep(1), { messageId: id });
    expect((await store.update('a', () => keep(1), { messageId: 'm-3' })).duplicate).toBe(true);
    expect((await store.update('a', () => keep(1), { messageId: 'm-2' })).duplicate).toBe(true);
    expect((await store.update('a', () => keep(1), { messageId: 'm-1' })).duplicate).toBe(false);
    await store.close();
  });

  it('does not keep the process alive, even when never closed', () => {
    // A child process that opens a store with a busy sweep timer and never closes it must exit by itself.
    const storeModule = path.join(__dirname, '..', '..', 'src', 'sessions', 'memory-session-store.ts');
    const script = `
      const ts = require('typescript');
      const fs = require('node:fs');
      const path = require('node:path');
      // Compile a module of src/sessions on the fly, its relative imports too (type-checking is tsc's job).
      const load = (file) => {
        const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
        const mod = { exports: {} };
        const localRequire = (m) => (m.startsWith('./') ? load(path.join(path.dirname(file), m + '.ts')) : require(m));
        new Function('module', 'exports', 'require', outputText)(mod, mod.exports, localRequire);
        return mod.exports;
      };
      const store = new (load(${JSON.stringify(storeModule)}).MemorySessionStore)({ sweepIntervalMs: 10 });
      store.update('a', () => ({ session: { step: 1 }, ttlSeconds: 60, result: 'written' })).then((r) => console.log(r.result));
    `;
    const child = spawnSync(process.execPath, ['-e', script], {
      cwd: path.join(__dirname, '..', '..'),
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(child.error).toBeUndefined();
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('written');
    expect(child.status).toBe(0);
  });

  it('does not leak per-key queues once keys are idle', async () => {
    const store = new MemorySessionStore();
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.update(`user-${i}`, () => keep(i))));
    await sleep(0);
    expect((store as unknown as { queue: { size: number } }).queue.size).toBe(0);
    await store.close();
  });

  it('rejects options that are not positive numbers', () => {
    expect(() => new MemorySessionStore({ maxEntries: 0 })).toThrow(
      'maxEntries must be a positive number, got 0',
    );
  });
});

describe('createSessionStore', () => {
  it('gives the memory store when no Redis URL is configured', async () => {
    for (const store of [createSessionStore(), createSessionStore({ redisUrl: '' })]) {
      expect(store).toBeInstanceOf(MemorySessionStore);
      await store.close();
    }
  });
});
