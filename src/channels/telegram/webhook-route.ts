import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Update } from 'telegraf/types';

/** An update is a few KB; a message with a long text and its reply-to can reach tens. */
const BODY_LIMIT = 1024 * 1024;

export interface WebhookRouteOptions {
  path: string;
  /** Expected in `X-Telegram-Bot-Api-Secret-Token`. */
  secret: string;
  /** Takes the update for handling later; must not throw. */
  dispatch: (update: Update) => void;
}

/** Compares two strings in a time that does not tell how many leading characters matched. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Telegram's webhook: `POST <path>` with the secret header (403 without it, before the body is read), an
 * update as JSON (400 otherwise). The update is handed over and Telegram answered 200 at once: a slow
 * answer makes Telegram resend, and a failed handling must not make it resend either — the engine has
 * already apologised to the citizen, and a second try would answer twice.
 */
export function registerWebhookRoute(
  app: FastifyInstance,
  { path, secret, dispatch }: WebhookRouteOptions,
): void {
  app.post(
    path,
    {
      bodyLimit: BODY_LIMIT,
      onRequest: async (request, reply) => {
        const given = request.headers['x-telegram-bot-api-secret-token'];
        if (typeof given !== 'string' || !sameSecret(given, secret)) {
          request.log.warn({ url: request.url }, 'telegram: webhook call without the right secret');
          return reply.status(403).send({ error: 'forbidden', message: 'Forbidden' });
        }
      },
    },
    async (request, reply) => {
      const update = request.body as Partial<Update> | null;
      if (!update || typeof update !== 'object' || !Number.isSafeInteger(update.update_id)) {
        return reply.status(400).send({ error: 'bad_request', message: 'Yêu cầu không hợp lệ.' });
      }
      dispatch(update as Update);
      return reply.status(200).send();
    },
  );
}
