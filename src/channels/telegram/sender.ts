import type { TelegramApi } from './api';
import { classifyFailure, type CallFailure } from './api';
import { delay } from './delay';
import type { TelegramLog } from './log';
import type { OutgoingMessage } from './render';

export interface RetryPolicy {
  /** Tries of one call in all, the first included. */
  attempts: number;
  /** The wait after a 5xx or a network error, doubled at each retry. */
  backoffMs: number;
  /** A 429 asking for a longer wait is given up: the answer would come too late to be useful. */
  maxRetryAfterSeconds: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 4, backoffMs: 500, maxRetryAfterSeconds: 30 };

/** Why a call did not succeed, beyond Telegram's own failures. */
export type SendFailure = CallFailure | { kind: 'stopped' };

export type CallResult<T> = { ok: true; value: T } | { ok: false; failure: SendFailure };

/** Chats remembered as blocked at most; the oldest is forgotten first. */
const MAX_BLOCKED = 10_000;

export interface SenderOptions {
  api: TelegramApi;
  log: TelegramLog;
  /** The user's key in logs (a salted hash): a chat id is personal data. */
  userKey: (chatId: string) => string;
  retry?: Partial<RetryPolicy>;
}

/**
 * Every call to the Bot API goes through here: 429 waits `retry_after` and retries, 5xx and network errors
 * retry with backoff, all bounded; 403 marks the chat blocked, after which nothing more is sent to it until
 * the user writes again (unblocking the bot is the only way they can); a 400 is logged with its method.
 * Nothing here throws: a citizen never sees an exception, the log gets what happened.
 */
export class TelegramSender {
  private readonly policy: RetryPolicy;
  private readonly blocked = new Set<string>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: SenderOptions) {
    this.policy = { ...defaultRetryPolicy, ...options.retry };
  }

  /** Sends a rendered reply in order; stops at the first message that cannot be delivered. */
  async sendMessages(chatId: string, messages: readonly OutgoingMessage[]): Promise<boolean> {
    for (const message of messages) {
      if (this.blocked.has(chatId)) return false;
      const result = await this.call('sendMessage', chatId, () =>
        this.options.api.sendMessage(chatId, message.html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
        }),
      );
      if (!result.ok) return false;
    }
    return true;
  }

  /** Stops the button's progress indicator; a failure (a query answered late) is only logged. */
  async answerCallback(queryId: string, chatId: string | null): Promise<void> {
    await this.call('answerCallbackQuery', chatId, () => this.options.api.answerCbQuery(queryId));
  }

  /** One Bot API call with the retry policy; `chatId` (of the chat it concerns) is named, hashed, in the log. */
  async call<T>(method: string, chatId: string | null, run: () => Promise<T>): Promise<CallResult<T>> {
    const context = {
      channel: 'telegram',
      method,
      ...(chatId !== null ? { user: this.options.userKey(chatId) } : {}),
    };
    for (let attempt = 1; ; attempt++) {
      if (this.stopping.signal.aborted) return { ok: false, failure: { kind: 'stopped' } };
      let failure: CallFailure;
      try {
        return { ok: true, value: await run() };
      } catch (error: unknown) {
        failure = classifyFailure(error);
      }
      const wait = this.retryDelay(failure, attempt);
      if (wait === null) {
        this.report(failure, method, chatId, { ...context, attempt });
        return { ok: false, failure };
      }
      this.options.log.warn(
        { ...context, attempt, error: failure.description, waitMs: wait },
        'telegram: retrying',
      );
      if (!(await delay(wait, this.stopping.signal))) return { ok: false, failure: { kind: 'stopped' } };
    }
  }

  /** The user wrote again: they unblocked the bot (or it was added back to the group). */
  unblock(chatId: string): void {
    this.blocked.delete(chatId);
  }

  /** Ends every wait between retries at once; calls made afterwards fail as "stopped". */
  stop(): void {
    this.stopping.abort();
  }

  /** How long to wait before trying again, or null when not to. */
  private retryDelay(failure: CallFailure, attempt: number): number | null {
    if (attempt >= this.policy.attempts) return null;
    if (failure.kind === 'flood')
      return failure.retryAfter <= this.policy.maxRetryAfterSeconds ? failure.retryAfter * 1000 : null;
    if (failure.kind === 'transient') return this.policy.backoffMs * 2 ** (attempt - 1);
    return null;
  }

  private report(failure: CallFailure, method: string, chatId: string | null, context: object): void {
    const entry = { ...context, error: failure.description };
    switch (failure.kind) {
      case 'forbidden':
        if (chatId !== null) this.block(chatId);
        this.options.log.info(entry, 'telegram: the user blocked the bot or left; not writing to this chat');
        return;
      case 'bad_request':
        // A query answered late or twice (a redelivered update) is refused: expected, not a bug of ours.
        if (method === 'answerCallbackQuery')
          this.options.log.warn(entry, 'telegram: callback query not answered');
        else this.options.log.error(entry, 'telegram: request refused (400)');
        return;
      case 'unauthorized':
        this.options.log.error(entry, 'telegram: token refused — check TELEGRAM_BOT_TOKEN');
        return;
      default:
        this.options.log.error(entry, 'telegram: call failed');
    }
  }

  private block(chatId: string): void {
    this.blocked.add(chatId);
    if (this.blocked.size > MAX_BLOCKED) this.blocked.delete(this.blocked.values().next().value!);
  }
}
