import { hashUserKey } from '../../privacy/mask';
import type { ChannelLog } from '../channel-log';
import type { Channel } from '../channel';
import type { ChannelMetrics } from '../channel-metrics';
import { within } from '../delay';
import { ZaloApi } from './api';
import type { ZaloConfig } from './config';
import { CHANNEL, createEventHandler, type EventHandler } from './event-handler';
import { ZaloSender, type RetryPolicy } from './sender';
import type { ZaloTexts } from './texts';
import type { TokenStore } from './token-store';
import { Tokens } from './tokens';
import { registerWebhookRoute } from './webhook-route';

export interface ZaloChannelOptions extends ZaloTexts {
  config: ZaloConfig;
  /** Redis when several instances share the OA (they must share its single-use refresh token), else memory. */
  tokenStore: TokenStore;
  /** Salt of the user hash in logs; the engine's (USER_HASH_SALT), so that both name a user alike. */
  salt: string;
  /** Where to log; the server's logger by default. */
  log?: ChannelLog;
  retry?: Partial<RetryPolicy>;
  metrics?: ChannelMetrics;
  /** Per-request timeout of the Zalo API (tests shorten it). */
  timeoutMs?: number;
}

/** The Zalo channel: `start` stores the configured token pair if it is new, and fails without any pair. */
export type ZaloChannel = Channel;

const DRAIN_MS = 9_000;
const ABORT_GRACE_MS = 1_000;

export function createZaloChannel(options: ZaloChannelOptions): ZaloChannel {
  const { config } = options;
  const inFlight = new Set<Promise<void>>();
  const userKey = (userId: string) => hashUserKey(CHANNEL, userId, options.salt);
  let wired: { handle: EventHandler; sender: ZaloSender; tokens: Tokens; log: ChannelLog } | null = null;
  let started = false;

  /** Tracked until handled; the server stops taking webhook calls before the channel stops. */
  function dispatch(event: Record<string, unknown>): void {
    if (!wired) return;
    const work = wired.handle(event).finally(() => inFlight.delete(work));
    inFlight.add(work);
  }

  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.all(inFlight);
  }

  return {
    attach(app, engine) {
      const log = options.log ?? app.log;
      const api = new ZaloApi({
        apiRoot: config.apiRoot,
        oauthRoot: config.oauthRoot,
        appId: config.appId,
        appSecret: config.appSecret,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      });
      const tokens = new Tokens({
        store: options.tokenStore,
        refresh: (token) => api.refresh(token),
        log,
        ...(options.metrics ? { metrics: options.metrics } : {}),
      });
      const sender = new ZaloSender({
        api,
        tokens,
        log,
        userKey,
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.metrics ? { metrics: options.metrics } : {}),
      });
      const handle = createEventHandler({
        engine,
        sender,
        render: { numberHint: options.numberHint, buttons: config.buttons },
        log,
        userKey,
      });
      wired = { handle, sender, tokens, log };
      registerWebhookRoute(app, {
        path: config.webhookPath,
        appId: config.appId,
        oaSecretKey: config.oaSecretKey,
        dispatch,
        log,
      });
    },

    async start() {
      if (!wired) throw new Error('attach the Zalo channel to the server before starting it');
      if (config.seedTokens) await options.tokenStore.seed(config.seedTokens);
      if (!(await options.tokenStore.get()))
        throw new Error(
          'Zalo: chưa có token — đặt ZALO_ACCESS_TOKEN và ZALO_REFRESH_TOKEN (xem README, "Zalo: lấy token lần đầu")',
        );
      wired.log.info(
        { channel: CHANNEL, path: config.webhookPath, buttons: config.buttons },
        'zalo: webhook route served',
      );
      started = true;
    },

    async stop() {
      wired?.sender.drain();
      if (await within(idle(), DRAIN_MS)) return;
      wired?.log.warn({ channel: CHANNEL }, 'zalo: stopping — requests still under way are aborted');
      wired?.sender.stop();
      await within(idle(), ABORT_GRACE_MS);
    },

    idle,

    readiness() {
      if (!started) return { ok: false, detail: 'not started' };
      // A refused token stops Zalo, not the web chat or Telegram: the instance stays in the load balancer,
      // and the operator sees it here, in the log and in motcua_token_refreshes_total{outcome="refused"}.
      const problem = wired?.tokens.problem();
      return problem ? { ok: true, detail: `degraded — ${problem}` } : { ok: true };
    },
  };
}
