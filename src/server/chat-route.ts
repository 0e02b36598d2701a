import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Engine } from '../bot/engine';

/** The body of `POST /api/chat`: a typed text or a pressed button, from one web-chat user. */
const chatRequest = z.union([
  z.strictObject({
    user: z.string().regex(/^[\w.:-]{1,128}$/),
    text: z.string().max(10_000),
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

/** The web chat's API: the same engine as every channel, with `channel: "web"`. */
export function registerChatRoute(app: FastifyInstance, engine: Engine, perMinute = PER_MINUTE): void {
  const allow = rateLimiter(perMinute);
  app.post('/api/chat', async (request, reply) => {
    const parsed = chatRequest.safeParse(request.body);
    if (!parsed.success) {
      return reply.status(400).send({
        error: 'bad_request',
        message: 'Yêu cầu cần "user" (chữ, số, - _ . :, tối đa 128 ký tự) và "text" hoặc "action".',
      });
    }
    const body = parsed.data;
    if (!allow(body.user)) {
      return reply.status(429).send({
        error: 'rate_limited',
        message: 'Bạn gửi nhanh quá, vui lòng đợi một chút rồi gửi tiếp nhé.',
      });
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
