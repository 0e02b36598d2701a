import { Telegram, TelegramError } from 'telegraf';

/**
 * Why telegraf's `Telegram` client and not its `Telegraf` bot: the client gives typed Bot API methods, a
 * configurable `apiRoot` (a local Bot API server, the tests' fake), `TelegramError` with `code` and
 * `parameters.retry_after`, and strips the token from network errors. The bot class would get in the way:
 * its webhook callback answers Telegram only after the whole update is handled (we answer at once), its
 * default error handler rethrows, its polling handles a batch concurrently and cannot be aborted mid-poll,
 * and its middleware adds nothing to a switch on three kinds of update. Retries are ours (`sender.ts`):
 * telegraf retries nothing but its own polling.
 */
export type TelegramApi = Telegram;

export function createTelegramApi(token: string, apiRoot: string): TelegramApi {
  // webhookReply: false — every call is a real request, so its errors are seen (no reply in the webhook body).
  return new Telegram(token, { apiRoot, webhookReply: false });
}

/** What a failed call means for the caller, by Telegram's error code (descriptions are "subject to change"). */
export type CallFailure =
  /** 429: flood control; wait `retryAfter` seconds. */
  | { kind: 'flood'; retryAfter: number; description: string }
  /** 403: the user blocked the bot, or the bot is no longer in the chat: stop writing to it. */
  | { kind: 'forbidden'; description: string }
  /** 400: our request is wrong (bad HTML, a button too long, an old callback query); retrying cannot help. */
  | { kind: 'bad_request'; description: string }
  /** 409 on getUpdates: a webhook is set, or another instance polls with the same token. */
  | { kind: 'conflict'; description: string }
  /** 401/404: the token is wrong or revoked; nothing will work until someone fixes the configuration. */
  | { kind: 'unauthorized'; description: string }
  /**
   * 5xx, a lost connection, a timeout: worth a retry with backoff. `unsent`: the request certainly had no
   * effect (Telegram answered 5xx, or the connection was never made), so even a `sendMessage` may be repeated.
   */
  | { kind: 'transient'; description: string; unsent: boolean }
  /** Anything else (an unexpected code, a body that is not JSON): logged, not retried. */
  | { kind: 'other'; description: string };

/** Network error codes of node-fetch's `FetchError` (type "system") and of a request timeout. */
const NETWORK = new Set(['system', 'request-timeout', 'body-timeout']);

export function classifyFailure(error: unknown): CallFailure {
  if (error instanceof TelegramError) {
    const description = `${error.code}: ${error.description}`;
    if (error.code === 429)
      return { kind: 'flood', retryAfter: error.parameters?.retry_after ?? 1, description };
    if (error.code === 403) return { kind: 'forbidden', description };
    if (error.code === 400) return { kind: 'bad_request', description };
    if (error.code === 409) return { kind: 'conflict', description };
    if (error.code === 401 || error.code === 404) return { kind: 'unauthorized', description };
    if (error.code >= 500) return { kind: 'transient', description, unsent: true };
    return { kind: 'other', description };
  }
  const type = (error as { type?: unknown } | null)?.type;
  // telegraf already replaced the token in a FetchError's message by "[REDACTED]".
  const description = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (typeof type === 'string' && NETWORK.has(type))
    return { kind: 'transient', description, unsent: neverConnected(error) };
  return { kind: 'other', description };
}

/** Errors raised before a connection exists: the request never left, repeating it cannot duplicate it. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function neverConnected(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NOT_CONNECTED.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return code === 'ETIMEDOUT' && /\bconnect ETIMEDOUT\b/.test(message);
}

/** The options of `callApi` with a signal (telegraf types it with the old `abort-controller` package). */
export function withSignal(signal: AbortSignal): NonNullable<Parameters<TelegramApi['callApi']>[2]> {
  return { signal: signal as unknown as NonNullable<Parameters<TelegramApi['callApi']>[2]>['signal'] };
}
