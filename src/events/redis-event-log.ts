import type Redis from 'ioredis';
import { connectRedis, isConnection, type RedisTarget } from '../sessions/redis-target';
import type { BotEvent, EventLog, StoredEvent } from './event-log';
import {
  type EventLogErrorHandler,
  logEventLogError,
  parseStoredEvent,
  reportError,
  selectEvents,
  timeBound,
  toStoredEvent,
} from './jsonl-event-log';

export interface RedisEventLogOptions {
  /**
   * A client to use (left open by close()), or a URL to connect to (closed by close()). A client given keeps
   * its own retry options: with ioredis's default of 20 retries a record waits that long while Redis is away.
   */
  redis: Redis | RedisTarget;
  /** Key prefix; the stream is `${prefix}events`. Default 'motcua:'. */
  prefix?: string;
  /** About how many events the stream keeps (MAXLEN ~); the oldest go first. Default 1,000,000. */
  maxLen?: number;
  onError?: EventLogErrorHandler;
  /** The clock, for tests. */
  now?: () => Date;
}

/** Entries read per XRANGE call, so a year of events does not come back in one reply. */
const PAGE_SIZE = 1000;
/**
 * How far an entry's id may be from its `at`. The id is the `at` in milliseconds unless this process's clock
 * is behind the stream's last entry (another process's clock ahead) or Redis is older than 7.0: then Redis
 * picks the id from its own clock. read() looks this much wider and filters by `at`.
 */
const ID_SKEW_MS = 60_000;

/** A field of a stream entry, whose fields come as [name, value, name, value, …]. */
function fieldValue(fields: readonly string[], name: string): string | undefined {
  for (let k = 0; k + 1 < fields.length; k += 2) if (fields[k] === name) return fields[k + 1];
  return undefined;
}

/**
 * Events in a Redis stream, one entry per event with one field `e` holding the JSON: for several processes
 * sharing a Redis. Entry ids are the events' times, so read() asks XRANGE for just the time range.
 */
export class RedisEventLog implements EventLog {
  readonly key: string;
  private readonly redis: Redis;
  private readonly isOwnConnection: boolean;
  private readonly maxLen: number;
  private readonly onError: EventLogErrorHandler;
  private readonly now: () => Date;
  private readonly pending = new Set<Promise<void>>();
  /** Redis before 7.0 rejects "<ms>-*" ids; then Redis picks every id. */
  private canChooseIdTime = true;
  private isClosed = false;

  constructor(options: RedisEventLogOptions) {
    const maxLen = options.maxLen ?? 1_000_000;
    if (!Number.isInteger(maxLen) || maxLen < 1) {
      throw new RangeError(`RedisEventLog: maxLen must be a positive integer, got ${maxLen}`);
    }
    this.key = `${options.prefix ?? 'motcua:'}events`;
    this.maxLen = maxLen;
    this.onError = options.onError ?? logEventLogError;
    this.now = options.now ?? (() => new Date());
    if (!isConnection(options.redis)) {
      // One retry and a short connect: while Redis is away a record fails within seconds instead of holding
      // a citizen's answer.
      this.redis = connectRedis(options.redis);
      this.isOwnConnection = true;
      // ioredis emits an error at every reconnection attempt: tell once per outage.
      let isDown = false;
      this.redis.on('error', (e: unknown) => {
        if (!isDown) reportError(this.onError, e, null);
        isDown = true;
      });
      this.redis.on('ready', () => {
        isDown = false;
      });
    } else {
      this.redis = options.redis;
      this.isOwnConnection = false;
    }
  }

  record(event: BotEvent): Promise<void> {
    if (this.isClosed) {
      reportError(this.onError, new Error('the event log is closed'), event);
      return Promise.resolve();
    }
    let stored: StoredEvent;
    let json: string;
    try {
      stored = toStoredEvent(event, this.now());
      json = JSON.stringify(stored);
    } catch (e: unknown) {
      reportError(this.onError, e, event);
      return Promise.resolve();
    }
    const added = this.add(Date.parse(stored.at), json).catch((e: unknown) =>
      reportError(this.onError, e, event),
    );
    this.pending.add(added);
    void added.finally(() => this.pending.delete(added));
    return added;
  }

  async read(from?: string, to?: string): Promise<StoredEvent[]> {
    return (await this.scan(from, to)).events;
  }

  /** Like read(), and says how many entries were skipped because they held no event. */
  async scan(from?: string, to?: string): Promise<{ events: StoredEvent[]; malformedLines: number }> {
    const fromMs = timeBound(from, 'from');
    const toMs = timeBound(to, 'to');
    await Promise.all(this.pending);
    if (toMs !== undefined && toMs + ID_SKEW_MS < 0) return { events: [], malformedLines: 0 };
    let start = fromMs === undefined ? '-' : String(Math.max(0, fromMs - ID_SKEW_MS));
    const end = toMs === undefined ? '+' : String(toMs + ID_SKEW_MS);
    const events: StoredEvent[] = [];
    let malformedLines = 0;
    for (;;) {
      const page = await this.redis.xrange(this.key, start, end, 'COUNT', PAGE_SIZE);
      for (const [, fields] of page) {
        const json = fieldValue(fields, 'e');
        const event = json === undefined ? null : parseStoredEvent(json);
        if (event) events.push(event);
        else malformedLines++;
      }
      const last = page[page.length - 1];
      if (!last || page.length < PAGE_SIZE) break;
      start = `(${last[0]}`;
    }
    return { events: selectEvents(events, fromMs, toMs), malformedLines };
  }

  /** Waits for the records under way; closes the connection if this log opened it. */
  async close(): Promise<void> {
    this.isClosed = true;
    await Promise.all(this.pending);
    if (!this.isOwnConnection) return;
    if (this.redis.status === 'ready') {
      try {
        await this.redis.quit();
        return;
      } catch {
        // Fall through: drop the connection.
      }
    }
    this.redis.disconnect();
  }

  private async add(ms: number, json: string): Promise<void> {
    if (this.canChooseIdTime) {
      try {
        await this.redis.xadd(this.key, 'MAXLEN', '~', this.maxLen, `${ms}-*`, 'e', json);
        return;
      } catch (e: unknown) {
        if (!(e instanceof Error && e.name === 'ReplyError')) throw e;
        // Before 7.0: "Invalid stream ID"; a clock behind the stream's last entry: "equal or smaller".
        if (/invalid stream id/i.test(e.message)) this.canChooseIdTime = false;
        else if (!/equal or smaller/i.test(e.message)) throw e;
      }
    }
    await this.redis.xadd(this.key, 'MAXLEN', '~', this.maxLen, '*', 'e', json);
  }
}
