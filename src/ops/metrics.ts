import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HandledMessage } from '../bot/engine';
import type { ChannelMetrics } from '../channels/channel-metrics';

export interface MetricsOptions {
  /** Conversations kept now, when the store can tell cheaply (memory); null otherwise. */
  sessions?: () => number | null;
}

/**
 * The Prometheus metrics of one process (`GET /metrics`): messages in and out by channel, decisions and
 * aspects, handling latency, ratings, the chat apps' API calls and token refreshes, sessions, and Node's own
 * (event-loop lag, memory, GC) from prom-client's defaults. Labels never hold a user or a text.
 */
export class Metrics implements ChannelMetrics {
  readonly registry = new Registry();
  private readonly messagesIn: Counter<'channel' | 'input'>;
  private readonly messagesOut: Counter<'channel'>;
  private readonly duplicates: Counter<'channel'>;
  private readonly failures: Counter<'channel'>;
  private readonly decisions: Counter<'channel' | 'decision'>;
  private readonly aspects: Counter<'aspect'>;
  private readonly ratings: Counter<'channel' | 'level'>;
  private readonly latency: Histogram<'channel'>;
  private readonly apiCalls: Counter<'channel' | 'method' | 'outcome'>;
  private readonly refreshes: Counter<'channel' | 'outcome'>;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.messagesIn = new Counter({
      name: 'motcua_messages_in_total',
      help: 'Messages received, by channel and kind (text, action = a button, not_text = a sticker, a photo…)',
      labelNames: ['channel', 'input'],
      registers,
    });
    this.messagesOut = new Counter({
      name: 'motcua_messages_out_total',
      help: 'Replies the engine gave, by channel (a channel may split one into several app messages)',
      labelNames: ['channel'],
      registers,
    });
    this.duplicates = new Counter({
      name: 'motcua_messages_duplicate_total',
      help: 'Redelivered messages, answered before and not again',
      labelNames: ['channel'],
      registers,
    });
    this.failures = new Counter({
      name: 'motcua_messages_failed_total',
      help: 'Messages the engine could not handle (the citizen got an apology)',
      labelNames: ['channel'],
      registers,
    });
    this.decisions = new Counter({
      name: 'motcua_decisions_total',
      help: "The matcher's decision for each question: answer, clarify or fallback",
      labelNames: ['channel', 'decision'],
      registers,
    });
    this.aspects = new Counter({
      name: 'motcua_aspects_total',
      help: 'The aspect asked (documents, fee, time…, none)',
      labelNames: ['aspect'],
      registers,
    });
    this.ratings = new Counter({
      name: 'motcua_ratings_total',
      help: 'Satisfaction ratings: 1 = not helpful, 2 = partly, 3 = helpful',
      labelNames: ['channel', 'level'],
      registers,
    });
    this.latency = new Histogram({
      name: 'motcua_handle_seconds',
      help: 'Time to handle one message in the engine (session lock, matching, session write)',
      labelNames: ['channel'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.apiCalls = new Counter({
      name: 'motcua_api_calls_total',
      help: "Calls to a chat app's API, by channel, method and outcome (ok, or the error code)",
      labelNames: ['channel', 'method', 'outcome'],
      registers,
    });
    this.refreshes = new Counter({
      name: 'motcua_token_refreshes_total',
      help: 'Access-token refreshes (Zalo), by outcome',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    const sessions = options.sessions;
    if (sessions)
      new Gauge({
        name: 'motcua_sessions',
        help: 'Conversations kept in this process (in-memory sessions; not reported with Redis)',
        registers,
        collect() {
          const count = sessions();
          if (count !== null) this.set(count);
        },
      });
  }

  /** The engine's report of one message. */
  observe(handled: HandledMessage): void {
    const { channel } = handled;
    this.messagesIn.inc({ channel, input: handled.input });
    if (handled.duplicate) return this.duplicates.inc({ channel });
    this.messagesOut.inc({ channel }, handled.replies);
    this.latency.observe({ channel }, handled.ms / 1000);
    if (handled.failed) this.failures.inc({ channel });
    if (handled.decision) {
      this.decisions.inc({ channel, decision: handled.decision });
      this.aspects.inc({ aspect: handled.aspect ?? 'none' });
    }
    for (const level of handled.ratings) this.ratings.inc({ channel, level: String(level) });
  }

  apiCall(channel: string, method: string, outcome: string): void {
    this.apiCalls.inc({ channel, method, outcome });
  }

  tokenRefresh(channel: string, outcome: 'ok' | 'refused' | 'failed'): void {
    this.refreshes.inc({ channel, outcome });
  }
}
