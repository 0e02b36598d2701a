import type { ChannelLog } from '../channel-log';
import type { ChannelMetrics } from '../channel-metrics';
import { delay } from '../delay';
import type { SendOutcome, ZaloApi } from './api';
import type { ZaloMessage } from './render';
import { TokensUnavailableError, type Tokens } from './tokens';

export interface RetryPolicy {
  /** Tries of one message in all after -32 (rate limit) or a transient failure, the first included. */
  attempts: number;
  /** The wait after the first failure, doubled at each retry (with up to 25 % jitter). */
  backoffMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 4, backoffMs: 1000 };

/**
 * What sending one message came to: Zalo's answer, or no usable access token (then the message never left,
 * and sending it again in another shape cannot help), or the channel stopping.
 */
type Outcome = SendOutcome | { kind: 'no_token'; description: string } | { kind: 'stopped' };

export interface SenderOptions {
  api: ZaloApi;
  tokens: Tokens;
  log: ChannelLog;
  /** The user's key in logs (a salted hash): a Zalo id is personal data. */
  userKey: (userId: string) => string;
  retry?: Partial<RetryPolicy>;
  /** Told of every request's outcome ("ok", Zalo's error code, "http_5xx", "network"). */
  metrics?: ChannelMetrics;
}

/** How sending a turn ended. */
export type TurnResult = 'sent' | 'unreachable' | 'failed' | 'stopped';

/**
 * Every message to Zalo goes through here. -216/-220: renew the token (once for everyone, see `Tokens`) and
 * send again, once. -32: wait and retry, bounded. -230/-232/-213: the user is out of reach (no message for
 * 7 days, or not a follower): give up and record it. A message refused with buttons goes again without them
 * (whether the CS endpoint takes buttons is unverified). Anything else is logged and not retried. A network
 * error is retried only when the message certainly did not leave: a citizen should not read an answer twice.
 * Nothing here throws, and nothing logged holds a token or the message's text.
 */
export class ZaloSender {
  private readonly policy: RetryPolicy;
  private readonly noWaits = new AbortController();
  private readonly stopping = new AbortController();

  constructor(private readonly options: SenderOptions) {
    this.policy = { ...defaultRetryPolicy, ...options.retry };
  }

  /** Sends a turn's messages in order; stops at the first that cannot be delivered. */
  async sendTurn(userId: string, messages: readonly ZaloMessage[]): Promise<TurnResult> {
    for (const message of messages) {
      let outcome = await this.send(userId, message);
      if (outcome.kind === 'refused' && message.buttons?.length) {
        this.options.log.warn(
          { channel: 'zalo', user: this.options.userKey(userId), error: outcome.description },
          'zalo: message with buttons refused; sent again without them (consider ZALO_BUTTONS=off)',
        );
        outcome = await this.send(userId, { text: message.text });
      }
      const result = this.report(outcome, userId);
      if (result !== 'sent') return result;
    }
    return 'sent';
  }

  /** No more waits before retries (the channel is stopping); requests under way may finish. */
  drain(): void {
    this.noWaits.abort();
  }

  /** Aborts the requests under way too. */
  stop(): void {
    this.noWaits.abort();
    this.stopping.abort();
  }

  private async send(userId: string, message: ZaloMessage): Promise<Outcome> {
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      if (this.stopping.signal.aborted) return { kind: 'stopped' };
      let token: string;
      try {
        token = await this.options.tokens.accessToken();
      } catch (error: unknown) {
        return this.noToken(error);
      }
      const outcome = await this.options.api.sendMessage(token, userId, message, this.stopping.signal);
      this.options.metrics?.apiCall('zalo', 'message/cs', outcomeLabel(outcome));
      if (this.stopping.signal.aborted && outcome.kind === 'transient') return { kind: 'stopped' };
      if (outcome.kind === 'token' && !renewed) {
        renewed = true;
        attempt--; // a renewal is not a retry of the message
        try {
          await this.options.tokens.renew(token);
        } catch (error: unknown) {
          return this.noToken(error);
        }
        continue;
      }
      const retry =
        (outcome.kind === 'rate' || (outcome.kind === 'transient' && outcome.unsent)) &&
        attempt < this.policy.attempts;
      if (!retry) return outcome;
      const wait = this.policy.backoffMs * 2 ** (attempt - 1) * (1 + Math.random() / 4);
      this.options.log.warn(
        {
          channel: 'zalo',
          user: this.options.userKey(userId),
          attempt,
          error: outcome.description,
          waitMs: Math.round(wait),
        },
        'zalo: retrying',
      );
      if (!(await delay(wait, this.noWaits.signal))) return { kind: 'stopped' };
    }
  }

  private noToken(error: unknown): Outcome {
    const description = error instanceof Error ? error.message : String(error);
    // Already reported once, clearly, where it was found (tokens.ts): here one short line per message.
    if (!(error instanceof TokensUnavailableError))
      this.options.log.error({ channel: 'zalo', error: description }, 'zalo: token renewal failed');
    // Not a 'refused': Zalo did not refuse this message (its buttons), there was no token to send it with.
    return { kind: 'no_token', description: `no usable access token: ${description}` };
  }

  private report(outcome: Outcome, userId: string): TurnResult {
    const context = { channel: 'zalo', user: this.options.userKey(userId) };
    switch (outcome.kind) {
      case 'ok':
        return 'sent';
      case 'stopped':
        this.options.log.warn(context, 'zalo: message not sent (stopping)');
        return 'stopped';
      case 'unreachable':
        this.options.log.info(
          { ...context, code: outcome.code, error: outcome.description },
          'zalo: user out of reach (no message from them for 7 days, or not a follower); not sent',
        );
        return 'unreachable';
      case 'transient':
        this.options.log.error(
          { ...context, error: outcome.description },
          outcome.unsent ? 'zalo: message not sent' : 'zalo: message may not have been sent (not repeated)',
        );
        return 'failed';
      default:
        this.options.log.error({ ...context, error: outcome.description }, 'zalo: message not sent');
        return 'failed';
    }
  }
}

/** A metrics label for a call's outcome: "ok", Zalo's code ("-216"), or the kind of failure. */
function outcomeLabel(outcome: SendOutcome): string {
  if (outcome.kind === 'ok') return 'ok';
  if ('code' in outcome && outcome.code !== 0) return String(outcome.code);
  return outcome.kind;
}
