import type { Convenience, Update } from 'telegraf/types';

type UpdateType = Convenience.UpdateType;
import { classifyFailure, withSignal, type TelegramApi } from './api';
import { delay } from '../delay';
import type { TelegramLog } from './log';
import type { UpdateHandler } from './update-handler';

/**
 * The update types the bot reads; everything else stays on Telegram's side. Edited messages are read so that a
 * private chat's edit gets the polite "text only" (the engine answers each message once).
 */
export const ALLOWED_UPDATES: UpdateType[] = ['message', 'edited_message', 'callback_query'];

export interface PollingOptions {
  api: TelegramApi;
  handle: UpdateHandler;
  log: TelegramLog;
  /** How long Telegram holds a `getUpdates` open while there is nothing new. Default 50 s. */
  timeoutSeconds?: number;
  /** The first wait after a failed `getUpdates`, doubled up to 30 s. Default 1 s. */
  backoffMs?: number;
}

const MAX_BACKOFF_MS = 30_000;
/** How much longer than the long poll a `getUpdates` may take before we stop waiting for it. */
const REQUEST_SLACK_S = 15;

/**
 * Long polling, for a laptop or a server without a public HTTPS address. Updates are confirmed (the next
 * `offset`) only after the batch has been handled, so a crash redelivers rather than loses them, and the
 * engine's dedupe keeps a redelivered update from being answered twice. Only one process may poll a token:
 * Telegram ends the older of two `getUpdates` with 409, and both would keep stealing each other's updates.
 */
export class Polling {
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;
  /** The next update id to ask for: every id below it has been handled. */
  private offset = 0;
  /** The offset Telegram was last told (updates below it are forgotten there). */
  private confirmed = 0;

  constructor(private readonly options: PollingOptions) {}

  start(): void {
    this.options.log.info(
      { channel: 'telegram', mode: 'polling' },
      'telegram: long polling — run only ONE instance with this token (a second one makes Telegram answer 409)',
    );
    this.loop ??= this.run();
  }

  /** Ends the poll under way, lets the batch being handled finish, and confirms it to Telegram. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    if (this.offset > this.confirmed) {
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), 2000);
      await this.getUpdates({ offset: this.offset, limit: 1, timeout: 0 }, timeout.signal).catch(
        () => undefined,
      );
      clearTimeout(timer);
    }
  }

  private async run(): Promise<void> {
    const { handle, log } = this.options;
    const timeout = this.options.timeoutSeconds ?? 50;
    const backoffMs = this.options.backoffMs ?? 1000;
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      let updates: Update[];
      try {
        updates = await this.getUpdates(
          { offset: this.offset, timeout, allowed_updates: ALLOWED_UPDATES },
          this.stopping.signal,
        );
        failures = 0;
      } catch (error: unknown) {
        if (this.stopping.signal.aborted) break;
        const failure = classifyFailure(error);
        const context = { channel: 'telegram', method: 'getUpdates', error: failure.description };
        if (failure.kind === 'unauthorized') {
          log.error(context, 'telegram: token refused — polling stopped; check TELEGRAM_BOT_TOKEN');
          return;
        }
        if (failure.kind === 'conflict')
          log.error(context, 'telegram: another instance polls with this token, or a webhook is set');
        else log.warn(context, 'telegram: getUpdates failed; trying again');
        const wait =
          failure.kind === 'flood'
            ? failure.retryAfter * 1000
            : Math.min(backoffMs * 2 ** failures, MAX_BACKOFF_MS);
        failures++;
        await delay(wait, this.stopping.signal);
        continue;
      }
      // Handlers queue each update for its chat as they are called, so the batch's order is kept per chat.
      await Promise.all(updates.map((update) => handle(update)));
      for (const update of updates) this.offset = Math.max(this.offset, update.update_id + 1);
    }
  }

  private async getUpdates(
    payload: { offset: number; limit?: number; timeout: number; allowed_updates?: UpdateType[] },
    signal: AbortSignal,
  ): Promise<Update[]> {
    // Our own bound on top of the long poll: a request Telegram never answers must not hang the loop.
    const bounded = AbortSignal.any([
      signal,
      AbortSignal.timeout((payload.timeout + REQUEST_SLACK_S) * 1000),
    ]);
    const updates = await this.options.api.callApi('getUpdates', payload, withSignal(bounded));
    this.confirmed = payload.offset;
    return updates;
  }
}
