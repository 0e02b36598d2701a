import { appendFile, mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { maskPersonalData } from '../privacy/mask';
import type { BotEvent, EventLog, StoredEvent } from './event-log';

/**
 * Told about a failure of an event log: with `dropped` set, an event that could not be recorded and was
 * dropped (its type and channel only: never its text, which a log must not carry); with null, a failure not
 * tied to one event (the Redis connection lost).
 */
export type EventLogErrorHandler = (
  error: unknown,
  dropped: { type: string; channel: string } | null,
) => void;

/** The default handler: one line on stderr, so a full disk is seen even when nobody passed a logger. */
export const logEventLogError: EventLogErrorHandler = (error, dropped) => {
  const reason = error instanceof Error ? error.message : String(error);
  const what = dropped ? `event not recorded (${dropped.type}, ${dropped.channel})` : 'event log';
  console.error(`motcua: ${what}: ${reason}`);
};

/** Calls the handler; a handler that throws must not make record() throw. */
export function reportError(onError: EventLogErrorHandler, error: unknown, event: BotEvent | null): void {
  try {
    // String(): record() may be called from JavaScript with anything.
    onError(error, event ? { type: String(event.type), channel: String(event.channel) } : null);
  } catch {
    // Nothing left to tell.
  }
}

/** The event as stored: every citizen text masked, the time stamped. Shared by every event log. */
export function toStoredEvent(event: BotEvent, at: Date): StoredEvent {
  const stored: StoredEvent = { ...event, at: at.toISOString() };
  if ('text' in stored) stored.text = maskPersonalData(stored.text);
  if (stored.type === 'rating_comment') stored.comment = maskPersonalData(stored.comment);
  return stored;
}

const eventTypes: ReadonlySet<string> = new Set([
  'unanswered',
  'clarify_chosen',
  'rating',
  'rating_comment',
  'staff_request',
  'question',
]);

/** Reads one stored record back; null when it is not JSON or not an event (a torn or hand-edited line). */
export function parseStoredEvent(json: string): StoredEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.type !== 'string' || !eventTypes.has(v.type)) return null;
  if (typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at))) return null;
  if (typeof v.channel !== 'string' || typeof v.userKey !== 'string') return null;
  return value as StoredEvent;
}

/** A time bound of read(): milliseconds, or undefined for none. Throws on a string that is not a time. */
export function timeBound(value: string | undefined, name: 'from' | 'to'): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`read(): "${name}" must be an ISO 8601 time, got "${value}"`);
  return ms;
}

/** Events between two bounds (inclusive), oldest first; the sort is stable, so equal times keep their order. */
export function selectEvents(events: StoredEvent[], from?: number, to?: number): StoredEvent[] {
  return events
    .map((event) => ({ event, ms: Date.parse(event.at) }))
    .filter(({ ms }) => (from === undefined || ms >= from) && (to === undefined || ms <= to))
    .sort((a, b) => a.ms - b.ms)
    .map(({ event }) => event);
}

export interface JsonlEventLogOptions {
  /** The file to append to; its directory is created when missing. */
  file: string;
  onError?: EventLogErrorHandler;
  /** The clock, for tests. */
  now?: () => Date;
}

/**
 * Events as JSON lines in one file: the embedded default, one process. Appends are queued one after another
 * so lines never interleave, and each line goes down in one write, so a reader sees whole lines.
 */
export class JsonlEventLog implements EventLog {
  private readonly file: string;
  private readonly onError: EventLogErrorHandler;
  private readonly now: () => Date;
  /** The last queued append; it never rejects. */
  private tail: Promise<void> = Promise.resolve();
  private isDirectoryReady = false;
  private isClosed = false;

  constructor(options: JsonlEventLogOptions) {
    this.file = options.file;
    this.onError = options.onError ?? logEventLogError;
    this.now = options.now ?? (() => new Date());
  }

  record(event: BotEvent): Promise<void> {
    if (this.isClosed) {
      reportError(this.onError, new Error('the event log is closed'), event);
      return Promise.resolve();
    }
    let line: string;
    try {
      line = `${JSON.stringify(toStoredEvent(event, this.now()))}\n`;
    } catch (e: unknown) {
      reportError(this.onError, e, event);
      return Promise.resolve();
    }
    const written = this.tail
      .then(() => this.append(line))
      .catch((e: unknown) => reportError(this.onError, e, event));
    this.tail = written;
    return written;
  }

  async read(from?: string, to?: string): Promise<StoredEvent[]> {
    return (await this.scan(from, to)).events;
  }

  /** Like read(), and says how many lines were skipped because they were not events. */
  async scan(from?: string, to?: string): Promise<{ events: StoredEvent[]; malformedLines: number }> {
    const fromMs = timeBound(from, 'from');
    const toMs = timeBound(to, 'to');
    // What was recorded before this call is on disk before it is read.
    await this.tail;
    let handle: FileHandle;
    try {
      handle = await open(this.file, 'r');
    } catch (e: unknown) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], malformedLines: 0 };
      throw e;
    }
    const events: StoredEvent[] = [];
    let malformedLines = 0;
    try {
      for await (const line of handle.readLines()) {
        if (line.trim() === '') continue;
        const event = parseStoredEvent(line);
        if (event) events.push(event);
        else malformedLines++;
      }
    } finally {
      await handle.close();
    }
    return { events: selectEvents(events, fromMs, toMs), malformedLines };
  }

  async close(): Promise<void> {
    this.isClosed = true;
    await this.tail;
  }

  private async append(line: string): Promise<void> {
    if (!this.isDirectoryReady) {
      await mkdir(path.dirname(this.file), { recursive: true });
      this.isDirectoryReady = true;
    }
    await appendFile(this.file, line, 'utf8');
  }
}
