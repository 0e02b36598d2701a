import type { IncomingMessage } from './types';

/**
 * What of an error goes to the log: its name, code and message, with the user's id in a session key
 * replaced by the user's hash. Never the error itself: an ioredis error carries the command's arguments
 * (the session JSON with the citizen's words, the key with the raw user id).
 */
export function loggable(
  error: unknown,
  message: Pick<IncomingMessage, 'channel' | 'user'>,
  userKey: string,
): { name: string; code?: string; message: string } {
  const raw = error instanceof Error ? error : new Error(String(error));
  const code = (raw as { code?: unknown }).code;
  const text = message.user
    ? raw.message.split(`${message.channel}:${message.user}`).join(`${message.channel}:${userKey}`)
    : raw.message;
  return {
    name: raw.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    message: text,
  };
}
