import { maskPersonalData } from '../privacy/mask';

/** Deep enough for our log objects; deeper values are summarised, not walked. */
const MAX_DEPTH = 6;

/**
 * The salted user hash (`hashUserKey`: 16 hex characters) is what logs name a user by; its digits can look
 * like an ID-card number ("7d0791…"), so under the key `user` a hash is left as it is.
 */
const USER_HASH = /^[0-9a-f]{16}$/;

/** A log object with ID-card, phone and e-mail patterns masked in every string, at any depth. */
export function maskLogObject(value: unknown, depth = 0, key = ''): unknown {
  if (key === 'user' && typeof value === 'string' && USER_HASH.test(value)) return value;
  if (typeof value === 'string') return maskPersonalData(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.map((item) => maskLogObject(item, depth + 1));
  if (value instanceof Error) return { name: value.name, message: maskPersonalData(value.message) };
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) out[name] = maskLogObject(item, depth + 1, name);
  return out;
}

/**
 * pino's options for the server (fastify's `logger`): JSON lines at `level`; personal numbers masked in
 * every message and field, whoever logs them (our code, fastify, a library's error); a request logged only
 * as method and URL — no client address, no headers (they carry tokens and cookies).
 */
export function loggerOptions(level: string): object {
  return {
    level,
    formatters: {
      log: (object: Record<string, unknown>) => maskLogObject(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? maskPersonalData(arg) : arg)),
        );
      },
    },
    serializers: {
      req: (request: { method?: string; url?: string }) => ({
        method: request.method,
        url: maskPersonalData(request.url ?? ''),
      }),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}
