import type { Update } from 'telegraf/types';
import { hashUserKey } from '../../privacy/mask';
import { createTelegramApi } from './api';
import type { TelegramConfig } from './config';
import type { Channel } from '../channel';
import type { ChannelMetrics } from '../channel-metrics';
import { delay, within } from '../delay';
import type { TelegramLog } from './log';
import { Polling } from './polling';
import type { BotIdentity } from './read-update';
import { TelegramSender, type RetryPolicy } from './sender';
import { deleteWebhook, fetchIdentity, setCommands, setWebhook, type SetupOptions } from './setup';
import type { TelegramTexts } from './texts';
import { CHANNEL, createUpdateHandler, type UpdateHandler } from './update-handler';
import { registerWebhookRoute } from './webhook-route';

export interface TelegramChannelOptions extends TelegramTexts {
  config: TelegramConfig;
  /** Salt of the user hash in logs; pass the engine's (USER_HASH_SALT) so both name a user alike. */
  salt: string;
  /** Where to log; the server's logger by default. */
  log?: TelegramLog;
  retry?: Partial<RetryPolicy>;
  metrics?: ChannelMetrics;
  /** Long-poll length (tests shorten it). */
  pollTimeoutSeconds?: number;
  /** The first wait after a failed long poll. */
  pollBackoffMs?: number;
}

/**
 * The Telegram channel. `start`, after the server listens: getMe, the command menu, then setWebhook (with a
 * URL) or long polling. `stop` stops polling and every wait before a retry, lets the updates under way
 * finish, and after 10 s in all (polling included) aborts the requests still under way.
 */
export type TelegramChannel = Channel;

/** How long `stop` lets the polling loop and the updates under way finish before aborting their requests. */
const DRAIN_MS = 9_000;
/** After the abort, how long `stop` still waits (an engine call may not be abortable). */
const ABORT_GRACE_MS = 1_000;

export function createTelegramChannel(options: TelegramChannelOptions): TelegramChannel {
  const { config } = options;
  const api = createTelegramApi(config.token, config.apiRoot);
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const userKey = (chatId: string) => hashUserKey(CHANNEL, chatId, options.salt);
  let identity: BotIdentity | null = null;
  let wired: { sender: TelegramSender; handle: UpdateHandler; log: TelegramLog; setup: SetupOptions } | null =
    null;
  let polling: Polling | null = null;
  let started = false;

  /** Hands an update to the handler, tracked until handled (the handler never throws). */
  function dispatch(update: Update): Promise<void> {
    if (!wired) return Promise.resolve();
    const work = wired.handle(update).finally(() => inFlight.delete(work));
    inFlight.add(work);
    return work;
  }

  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.all(inFlight);
    await wired?.sender.idle();
  }

  /** Without the username, group messages go unanswered: keep asking, less and less often. */
  async function keepFetchingIdentity(setup: SetupOptions): Promise<void> {
    for (
      let wait = 5000;
      !identity && (await delay(wait, stopping.signal));
      wait = Math.min(wait * 2, 300_000)
    )
      identity = await fetchIdentity(setup);
  }

  return {
    attach(app, engine) {
      const log = options.log ?? app.log;
      const sender = new TelegramSender({
        api,
        log,
        userKey,
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.metrics ? { metrics: options.metrics } : {}),
      });
      const handle = createUpdateHandler({
        engine,
        sender,
        bot: () => identity,
        log,
        userKey,
      });
      wired = { sender, handle, log, setup: { api, sender, log, descriptions: options.commandDescriptions } };
      if (config.mode === 'webhook')
        registerWebhookRoute(app, { path: config.webhookPath, secret: config.webhookSecret!, dispatch });
    },

    async start() {
      if (!wired) throw new Error('attach the Telegram channel to the server before starting it');
      const { setup, log } = wired;
      identity = await fetchIdentity(setup);
      if (!identity) void keepFetchingIdentity(setup);
      await setCommands(setup);
      started = true;
      if (config.mode === 'webhook') {
        if (config.webhookUrl) await setWebhook(setup, config.webhookUrl, config.webhookSecret!);
        log.info(
          { channel: CHANNEL, mode: 'webhook', path: config.webhookPath },
          config.webhookUrl
            ? 'telegram: webhook'
            : 'telegram: webhook route served (setWebhook not called: no URL)',
        );
        return;
      }
      await deleteWebhook(setup);
      if (stopping.signal.aborted) return; // stopped while setting up
      polling = new Polling({
        api,
        log,
        handle: dispatch,
        ...(options.pollTimeoutSeconds !== undefined ? { timeoutSeconds: options.pollTimeoutSeconds } : {}),
        ...(options.pollBackoffMs !== undefined ? { backoffMs: options.pollBackoffMs } : {}),
      });
      polling.start();
    },

    async stop() {
      stopping.abort();
      // No retry waits from now on (a 429 could ask for 30 s): only the requests under way may finish.
      wired?.sender.drain();
      const finished = (async () => {
        await polling?.stop();
        await idle();
      })();
      if (await within(finished, DRAIN_MS)) return;
      wired?.log.warn({ channel: CHANNEL }, 'telegram: stopping — requests still under way are aborted');
      wired?.sender.stop();
      await within(finished, ABORT_GRACE_MS);
    },

    idle,

    readiness() {
      if (!started) return { ok: false, detail: 'not started' };
      if (!identity) return { ok: false, detail: 'getMe has not succeeded yet (token or network?)' };
      return { ok: true, detail: config.mode };
    },
  };
}
