import type { ChannelMetrics } from '../channel-metrics';
import type { TelegramApi } from './api';
import { classifyFailure, withSignal, type CallFailure } from './api';
import { delay } from '../delay';
import type { TelegramLog } from './log';
import type { OutgoingMessage } from './render';

export interface RetryPolicy {
  /** Tries of one call in all, the first included. */
  attempts: number;
  /** The wait after a 5xx or a network error, doubled at each retry. */
  backoffMs: number;
  /** A 429 asking for a longer wait is given up: the answer would come too late to be useful. */
  maxRetryAfterSeconds: number;
  /** How long one request may take before we stop waiting for it (aborted, not retried for a send). */
  timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 4,
  backoffMs: 500,
  maxRetryAfterSeconds: 30,
  timeoutMs: 15_000,
};

export interface CallOptions {
  /**
   * False for a call whose repetition the user would see (`sendMessage`): a network error or a timeout after
   * the request may have reached Telegram is final, only a call that certainly had no effect is repeated.
   */
  idempotent?: boolean;
  /** Tries in all, instead of the policy's (1: a single attempt, no wait). */
  attempts?: number;
}

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
  /** Told of every request's outcome ("ok", the HTTP code, or the kind of failure). */
  metrics?: ChannelMetrics;
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
  /** Aborted by `drain` and `stop`: no more waiting between retries. */
  private readonly noWaits = new AbortController();
  /** Callback answers under way (nobody awaits them; `idle` does). */
  private readonly answering = new Set<Promise<void>>();

  constructor(private readonly options: SenderOptions) {
    this.policy = { ...defaultRetryPolicy, ...options.retry };
  }

  /**
   * Sends a rendered reply in order; stops at the first message that cannot be delivered. A message Telegram
   * refuses (400: its HTML or its keyboard) is sent once more as plain text, without buttons.
   */
  async sendMessages(chatId: string, messages: readonly OutgoingMessage[]): Promise<boolean> {
    for (const message of messages) {
      if (this.blocked.has(chatId)) return false;
      const result = await this.call(
        'sendMessage',
        chatId,
        (signal) =>
          this.options.api.callApi(
            'sendMessage',
            {
              chat_id: chatId,
              text: message.html,
              parse_mode: 'HTML',
              link_preview_options: { is_disabled: true },
              ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
            },
            withSignal(signal),
          ),
        { idempotent: false },
      );
      if (result.ok) continue;
      if (result.failure.kind !== 'bad_request') return false;
      const plain = await this.call(
        'sendMessage',
        chatId,
        (signal) =>
          this.options.api.callApi(
            'sendMessage',
            { chat_id: chatId, text: message.text, link_preview_options: { is_disabled: true } },
            withSignal(signal),
          ),
        { idempotent: false },
      );
      if (!plain.ok) return false; // logged by `call`
      this.options.log.warn(
        { channel: 'telegram', method: 'sendMessage', user: this.options.userKey(chatId) },
        'telegram: message sent again as plain text after a 400',
      );
    }
    return true;
  }

  /**
   * Stops the button's progress indicator: one attempt, no wait on a 429 (a late answer is useless), and
   * nobody waits for it; a failure (a query answered late) is only logged.
   */
  answerCallback(queryId: string, chatId: string | null): void {
    const work = this.call(
      'answerCallbackQuery',
      chatId,
      (signal) =>
        this.options.api.callApi('answerCallbackQuery', { callback_query_id: queryId }, withSignal(signal)),
      { attempts: 1 },
    ).then(
      () => undefined,
      () => undefined,
    );
    const tracked = work.finally(() => this.answering.delete(tracked));
    this.answering.add(tracked);
  }

  /** Resolves when the callback answers under way are done. */
  async idle(): Promise<void> {
    while (this.answering.size > 0) await Promise.all(this.answering);
  }

  /**
   * One Bot API call with the retry policy; `chatId` (of the chat it concerns) is named, hashed, in the log.
   * `run` gets the signal to pass to the request: it aborts after `timeoutMs`, or when the sender stops.
   */
  async call<T>(
    method: string,
    chatId: string | null,
    run: (signal: AbortSignal) => Promise<T>,
    options: CallOptions = {},
  ): Promise<CallResult<T>> {
    const context = {
      channel: 'telegram',
      method,
      ...(chatId !== null ? { user: this.options.userKey(chatId) } : {}),
    };
    const idempotent = options.idempotent ?? true;
    const attempts = options.attempts ?? this.policy.attempts;
    for (let attempt = 1; ; attempt++) {
      if (this.stopping.signal.aborted) return { ok: false, failure: { kind: 'stopped' } };
      let failure: CallFailure;
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), this.policy.timeoutMs);
      try {
        const value = await run(AbortSignal.any([timeout.signal, this.stopping.signal]));
        this.options.metrics?.apiCall('telegram', method, 'ok');
        return { ok: true, value };
      } catch (error: unknown) {
        if (this.stopping.signal.aborted) {
          this.options.log.warn({ ...context, attempt }, 'telegram: call abandoned (stopping)');
          return { ok: false, failure: { kind: 'stopped' } };
        }
        failure = timeout.signal.aborted
          ? {
              kind: 'transient',
              description: `no answer within ${this.policy.timeoutMs} ms`,
              unsent: false,
            }
          : classifyFailure(error);
      } finally {
        clearTimeout(timer);
      }
      this.options.metrics?.apiCall(
        'telegram',
        method,
        /^(\d{3}):/.exec(failure.description)?.[1] ?? failure.kind,
      );
      const wait = this.retryDelay(failure, attempt, attempts, idempotent);
      if (wait === null) {
        this.report(failure, method, chatId, { ...context, attempt });
        return { ok: false, failure };
      }
      this.options.log.warn(
        { ...context, attempt, error: failure.description, waitMs: wait },
        'telegram: retrying',
      );
      if (!(await delay(wait, this.noWaits.signal))) {
        this.report(failure, method, chatId, { ...context, attempt, stopping: true });
        return { ok: false, failure: { kind: 'stopped' } };
      }
    }
  }

  /** The user wrote again: they unblocked the bot (or it was added back to the group). */
  unblock(chatId: string): void {
    this.blocked.delete(chatId);
  }

  /**
   * The channel is stopping: a call that would wait before a retry gives up at once (and so does any such
   * wait under way), but requests under way may finish.
   */
  drain(): void {
    this.noWaits.abort();
  }

  /** Ends every wait between retries and every request under way at once; later calls fail as "stopped". */
  stop(): void {
    this.noWaits.abort();
    this.stopping.abort();
  }

  /** How long to wait before trying again, or null when not to. */
  private retryDelay(
    failure: CallFailure,
    attempt: number,
    attempts: number,
    idempotent: boolean,
  ): number | null {
    if (attempt >= attempts) return null;
    if (failure.kind === 'flood')
      return failure.retryAfter <= this.policy.maxRetryAfterSeconds ? failure.retryAfter * 1000 : null;
    if (failure.kind === 'transient') {
      // The request may have reached Telegram: repeating a message could show it twice.
      if (!idempotent && !failure.unsent) return null;
      return this.policy.backoffMs * 2 ** (attempt - 1);
    }
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
      case 'transient':
        this.options.log.error(
          entry,
          failure.unsent ? 'telegram: call failed' : 'telegram: call failed (it may have reached Telegram)',
        );
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
