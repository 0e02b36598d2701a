import type { FastifyInstance } from 'fastify';
import type { ChannelLog } from '../channel-log';
import { isValidSignature } from './signature';

/** An event older than this is refused, even well signed; and one more than 10 minutes ahead (clock skew). */
const MAX_AGE_MS = 6 * 3600 * 1000;
const MAX_AHEAD_MS = 10 * 60 * 1000;

/** An event is a few KB; an attachment's metadata a few more. */
const BODY_LIMIT = 256 * 1024;

export interface WebhookRouteOptions {
  path: string;
  appId: string;
  oaSecretKey: string;
  /** Takes a verified event for handling later; must not throw. */
  dispatch: (event: Record<string, unknown>) => void;
  /** The channel's log: a refused call is reported where the channel reports everything else. */
  log: ChannelLog;
  /** Told of a call refused for its signature (logged by the route too). */
  onRefused?: () => void;
}

/**
 * Zalo's webhook: `POST <path>` with a JSON event signed in `X-ZEvent-Signature`. The signature covers the
 * raw bytes, so this route reads the body as bytes (in its own plugin scope: other routes keep fastify's
 * JSON parser) and parses it only to find the timestamp. A wrong or missing signature gets 401 and nothing
 * is done; the unsigned `{}` that the developer console posts when the URL is saved gets 200 and nothing
 * is done. A verified event is handed over and Zalo answered 200 at once: it expects an answer within 2 s.
 */
export function registerWebhookRoute(app: FastifyInstance, options: WebhookRouteOptions): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    scope.post(options.path, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      let event: unknown;
      try {
        event = JSON.parse(raw.toString('utf8'));
      } catch {
        return reply.status(400).send({ error: 'bad_request', message: 'Yêu cầu không hợp lệ.' });
      }
      if (!event || typeof event !== 'object' || Array.isArray(event))
        return reply.status(400).send({ error: 'bad_request', message: 'Yêu cầu không hợp lệ.' });
      // The console's check when the webhook URL is saved: unsigned, empty, must get 200.
      if (Object.keys(event).length === 0) return reply.status(200).send({});
      const header = request.headers['x-zevent-signature'];
      const timestamp = timestampOf(event as Record<string, unknown>, request.headers['x-zevent-timestamp']);
      const valid =
        typeof header === 'string' &&
        timestamp !== null &&
        isValidSignature(header, options.appId, raw, timestamp, options.oaSecretKey);
      if (!valid) {
        options.log.warn(
          { channel: 'zalo', url: request.url, signed: typeof header === 'string' },
          'zalo: webhook call refused (signature missing or wrong — check ZALO_OA_SECRET_KEY and ZALO_APP_ID)',
        );
        options.onRefused?.();
        return reply.status(401).send({ error: 'unauthorized', message: 'Chữ ký không hợp lệ.' });
      }
      // A signed event captured somewhere (a proxy's log) and replayed after its msg_id is forgotten (24 h)
      // would be answered again, and a replayed unfollow would wipe a session. Zalo's own retries end about
      // 2 h after the first try.
      const age = Date.now() - Number(timestamp);
      if (!Number.isFinite(age) || age > MAX_AGE_MS || age < -MAX_AHEAD_MS) {
        options.log.warn(
          {
            channel: 'zalo',
            url: request.url,
            ageSeconds: Number.isFinite(age) ? Math.round(age / 1000) : null,
          },
          'zalo: webhook call refused (signed, but its timestamp is too old or in the future: a replay?)',
        );
        return reply.status(401).send({ error: 'unauthorized', message: 'Sự kiện quá cũ.' });
      }
      options.dispatch(event as Record<string, unknown>);
      return reply.status(200).send({});
    });
  });
}

/** The event's `timestamp` (a string of milliseconds; a number is read as written), else the header's. */
function timestampOf(event: Record<string, unknown>, header: string | string[] | undefined): string | null {
  const value = event.timestamp;
  if (typeof value === 'string' && value) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof header === 'string' && header ? header : null;
}
