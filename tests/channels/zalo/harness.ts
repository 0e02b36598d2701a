import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { createEngine, type Engine } from '../../../src/bot/engine';
import { MemoryLog } from '../../support/memory-log';
import { readZaloConfig } from '../../../src/channels/zalo/config';
import { MemoryTokenStore, type TokenStore } from '../../../src/channels/zalo/token-store';
import { zaloTexts } from '../../../src/channels/zalo/texts';
import { createZaloChannel, type ZaloChannel } from '../../../src/channels/zalo/zalo-channel';
import { createMatcher, type Matcher } from '../../../src/search/matcher';
import { buildServer } from '../../../src/server/build-server';
import { MemorySessionStore, type SessionStore } from '../../../src/sessions';
import { catalogue } from '../../bot/transcript-helpers';
import { FakeZalo } from './fake-zalo';

export const WEBHOOK_PATH = '/zalo/webhook';

export { MemoryLog };

export interface TestOa {
  fake: FakeZalo;
  app: FastifyInstance;
  channel: ZaloChannel;
  log: MemoryLog;
  store: SessionStore;
  tokenStore: TokenStore;
  /** The webhook's URL on our server. */
  webhook: string;
  /** Delivers as Zalo does and waits until the channel has handled it. */
  deliver(event: object | string, signature?: Parameters<FakeZalo['deliver']>[2]): Promise<number>;
  close(): Promise<void>;
}

export interface TestOaOptions {
  /** Another fake to share (a second instance of the bot). */
  fake?: FakeZalo;
  store?: SessionStore;
  tokenStore?: TokenStore;
  engine?: Engine;
  /** ZALO_BUTTONS. */
  buttons?: boolean;
  /** Extra environment (overrides). */
  env?: Record<string, string>;
  retry?: { attempts?: number; backoffMs?: number };
  timeoutMs?: number;
}

let matcher: Matcher | null = null;

/** One matcher for every test bot of a file: building it is the slow part of starting one. */
function sharedMatcher(): Matcher {
  matcher ??= createMatcher(catalogue);
  return matcher;
}

/** The environment an operator would set, pointing at the fake. */
export function zaloEnv(fake: FakeZalo, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ZALO_APP_ID: fake.appId,
    ZALO_APP_SECRET: fake.appSecret,
    ZALO_OA_SECRET_KEY: fake.oaSecretKey,
    ZALO_ACCESS_TOKEN: fake.firstPair.accessToken,
    ZALO_REFRESH_TOKEN: fake.firstPair.refreshToken,
    ZALO_API_ROOT: fake.origin,
    ZALO_OAUTH_ROOT: fake.origin,
    ...extra,
  };
}

/**
 * The bot as `npm start` wires it — server, engine on the project's content, Zalo channel — against the
 * fake OA API, with retries and timeouts shortened.
 */
export async function startTestOa(options: TestOaOptions = {}): Promise<TestOa> {
  const fake = options.fake ?? (await FakeZalo.start());
  const store = options.store ?? new MemorySessionStore();
  const tokenStore = options.tokenStore ?? new MemoryTokenStore();
  const config = readZaloConfig(
    zaloEnv(fake, { ...(options.buttons ? { ZALO_BUTTONS: 'on' } : {}), ...options.env }),
  )!;
  const log = new MemoryLog();
  const channel = createZaloChannel({
    config,
    tokenStore,
    salt: 'test-salt',
    ...zaloTexts(catalogue),
    log,
    retry: { backoffMs: 5, ...options.retry },
    timeoutMs: options.timeoutMs ?? 2000,
  });
  const app = buildServer({
    catalogue,
    engine: options.engine ?? createEngine({ catalogue, store, matcher: sharedMatcher(), salt: 'test-salt' }),
    channels: [(server, engine) => channel.attach(server, engine)],
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const webhook = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${config.webhookPath}`;
  await channel.start();
  return {
    fake,
    app,
    channel,
    log,
    store,
    tokenStore,
    webhook,
    async deliver(event, signature) {
      const status = await fake.deliver(webhook, event, signature);
      await channel.idle();
      return status;
    },
    async close() {
      await app.close();
      await channel.stop();
      if (!options.store) await store.close();
      if (!options.fake) await fake.close();
    },
  };
}

/** The numbered choices of a message ("2. Lệ phí" → { label: 'Lệ phí', number: 2 }). */
export function choices(text: string): { number: number; label: string }[] {
  return [...text.matchAll(/^(\d+)\. (.+)$/gm)].map((m) => ({ number: Number(m[1]), label: m[2]! }));
}

/** The number to type to pick `label` in a message's numbered list. */
export function numberOf(text: string, label: string): string {
  const choice = choices(text).find((c) => c.label === label);
  if (!choice) throw new Error(`no choice "${label}" in:\n${text}`);
  return String(choice.number);
}

/** Test users: OA-scoped ids, 19 digits, strings. */
export function userId(n: number): string {
  return `61424948230000${String(n).padStart(5, '0')}`;
}
