import { MemorySessionStore } from './memory-session-store';
import { RedisSessionStore } from './redis-session-store';
import type { RedisTarget } from './redis-target';
import type { SessionStore } from './session-store';

export type { SessionStore, SessionValue, SessionWrite } from './session-store';
export { MemorySessionStore, type MemorySessionStoreOptions } from './memory-session-store';
export { RedisSessionStore, type RedisSessionStoreOptions } from './redis-session-store';

/**
 * The session store for this deployment: Redis when a URL is configured (several processes share it), memory
 * otherwise (one process). An empty URL, as from an unset-but-declared env variable, means memory.
 */
export function createSessionStore(options: { redisUrl?: RedisTarget; prefix?: string } = {}): SessionStore {
  if (options.redisUrl) return new RedisSessionStore({ redis: options.redisUrl, prefix: options.prefix });
  return new MemorySessionStore();
}
export { connectRedis, type RedisTarget } from './redis-target';
