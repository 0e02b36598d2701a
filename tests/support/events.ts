import type { BotEvent } from '../../src/events/event-log';

/** A clock that moves one hour per call, from 2025-03-01T00:00:00Z plus `start` hours. */
export function hourlyClock(start = 0): () => Date {
  let hour = start;
  return () => new Date(Date.UTC(2025, 2, 1, hour++));
}

/** An "unanswered" record with the given text. */
export const unanswered = (text: string): BotEvent => ({
  type: 'unanswered',
  channel: 'web',
  userKey: 'a1b2c3d4e5f60718',
  text,
  closest: ['Đăng ký khai sinh'],
});
