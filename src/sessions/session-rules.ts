import type { SessionWrite } from './session-store';

/**
 * The JSON to store for a write, or null to delete. Throws before anything is written when the write is not
 * storable; both stores apply these rules, so a mistake shows up in development (memory) too. Messages
 * never name the key: it holds a user's id, and errors end up in logs.
 */
export function encodeSession(write: SessionWrite<unknown>, maxValueBytes: number): string | null {
  if (!(Number.isFinite(write.ttlSeconds) && write.ttlSeconds > 0)) {
    throw new Error(`session: ttlSeconds must be a positive number of seconds, got ${write.ttlSeconds}`);
  }
  if (write.session === null) return null;
  const json = JSON.stringify(write.session);
  if (typeof json !== 'string' || !json.startsWith('{')) {
    throw new Error('session: a session must be a plain JSON object');
  }
  const bytes = Buffer.byteLength(json);
  if (bytes > maxValueBytes) {
    throw new Error(
      `session: ${bytes} bytes of JSON, over the ${maxValueBytes}-byte limit: ` +
        'keep sessions small (flow id, step, a few answers)',
    );
  }
  return json;
}

export function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new Error(`${name} must be a positive number, got ${value}`);
  return value;
}

export function closedError(): Error {
  return new Error('the session store is closed');
}
