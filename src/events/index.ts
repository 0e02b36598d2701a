import path from 'node:path';
import type { RedisTarget } from '../sessions/redis-target';
import type { EventLog } from './event-log';
import { type EventLogErrorHandler, JsonlEventLog } from './jsonl-event-log';
import { RedisEventLog } from './redis-event-log';

export type { BotEvent, EventLog, StoredEvent } from './event-log';
export type { EventLogErrorHandler } from './jsonl-event-log';
export { JsonlEventLog } from './jsonl-event-log';
export { RedisEventLog } from './redis-event-log';

export interface EventLogOptions {
  /** Record to a Redis stream at this URL; without it, to a JSON-lines file. */
  redisUrl?: RedisTarget;
  /** The JSON-lines file; default `var/events.jsonl` under the working directory. */
  file?: string;
  /** Redis key prefix; default 'motcua:'. */
  prefix?: string;
  /** Told about dropped events; default one line on stderr. */
  onError?: EventLogErrorHandler;
}

/** The staff event log: Redis when a URL is given (several processes), else a file (one process). */
export function createEventLog({ redisUrl, file, prefix, onError }: EventLogOptions = {}): EventLog {
  if (redisUrl) return new RedisEventLog({ redis: redisUrl, prefix, onError });
  return new JsonlEventLog({ file: path.resolve(file ?? path.join('var', 'events.jsonl')), onError });
}
