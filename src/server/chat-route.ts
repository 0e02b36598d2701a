import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Engine } from '../bot/engine';
import type { Say } from '../bot/say';

/** The longest text accepted; the engine reads the first MAX_TEXT_CHARS of it. */
const MAX_TEXT = 10_000;
/**
 * The largest body of `POST /api/chat`: a text of MAX_TEXT characters is up to 30 KB in UTF-8 (Vietnamese
 * letters take 2–3 bytes), and JSON escapes may add more.
 */
export const CHAT_BODY_LIMIT = 64 * 1024;

/** The body of `POST /api/chat`: a typed text or a pressed button, from one web-chat user. */
const chatRequest = z.union([
  z.strictObject({
    user: z.string().regex(/^[\w.:-]{1,128}$/),
    text: z.string().max(MAX_TEXT),
    messageId: z.string().max(128).optional(),
  }),
  z.strictObject({
    user: z.string().regex(/^[\w.:-]{1,128}$/),
    action: z.string().min(1).max(64),
    messageId: z.string().max(128).optional(),
  }),
]);

/** Messages one user may send per minute (per process): a runaway script must not starve the others. */
const PER_MINUTE = 30;

/** A fixed-window counter per user, forgotten every minute (so it cannot grow without bound). */
function rateLimiter(limit: number) {
  let window = Math.floor(Date.now() / 60_000);
  let counts = new Map<string, number>();
  return (user: string): boolean => {
    const now = Math.floor(Date.now() / 60_000);
    if (now !== window) [window, counts] = [now, new Map()];
    const n = (counts.get(user) ?? 0) + 1;
    counts.set(user, n);
    return n <= limit;
  };
}

export interface ChatRouteOptions {
  engine: Engine;
  /** The sentences of data/messages.yaml, for the API's own answers (bad request, too fast). */
  say: Say;
  perMinute?: number;
}

/** The web chat's API: the same engine as every channel, with `channel: "web"`. */
export function registerChatRoute(app: FastifyInstance, { engine, say, perMinute }: ChatRouteOptions): void {
  const allow = rateLimiter(perMinute ?? PER_MINUTE);
  app.post('/api/chat', { bodyLimit: CHAT_BODY_LIMIT }, async (request, reply) => {
    const parsed = chatRequest.safeParse(request.body);
    if (!parsed.success) {
      return reply.status(400).send({ error: 'bad_request', message: say('api_bad_request') });
    }
    const body = parsed.data;
    if (!allow(body.user)) {
      return reply.status(429).send({ error: 'rate_limited', message: say('api_rate_limited') });
    }
    const messages = await engine.handle({
      channel: 'web',
      user: body.user,
      ...('text' in body ? { text: body.text } : { action: body.action }),
      ...(body.messageId ? { messageId: body.messageId } : {}),
    });
    return { messages };
  });
}
