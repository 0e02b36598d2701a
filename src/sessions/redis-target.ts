import Redis, { type RedisOptions } from 'ioredis';

/**
 * Where Redis is: a URL (`redis://host:6379/0`, `rediss://…` for TLS), or Sentinel — the sentinels and the
 * master's name — for a Redis that fails over. (Redis Cluster is not supported: the session store's scripts
 * touch several keys of a user at once, which Cluster allows only within one hash slot.)
 */
export type RedisTarget =
  | string
  | {
      sentinels: { host: string; port: number }[];
      name: string;
      /** Redis's own password (AUTH), and the sentinels' if they have one. */
      password?: string;
      sentinelPassword?: string;
    };

/**
 * A connection of our own: one retry per command and a 2 s connect, so that while Redis is away a citizen
 * gets an apology within seconds instead of waiting; close() during an outage does not hold the process
 * (ioredis waits 2 s by default for a socket that is already gone).
 */
export function connectRedis(target: RedisTarget): Redis {
  const options: RedisOptions = { maxRetriesPerRequest: 1, connectTimeout: 2000, disconnectTimeout: 200 };
  return typeof target === 'string'
    ? new Redis(target, options)
    : new Redis({
        ...options,
        sentinels: target.sentinels,
        name: target.name,
        ...(target.password ? { password: target.password } : {}),
        ...(target.sentinelPassword ? { sentinelPassword: target.sentinelPassword } : {}),
      });
}

/** Whether a store was given a connection to share or where to make its own. */
export function isConnection(value: Redis | RedisTarget): value is Redis {
  return value instanceof Redis;
}
