import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../../../src/bot/engine';
import { createEngine } from '../../../src/bot/engine';
import { readTelegramConfig } from '../../../src/channels/telegram/config';
import { MemoryLog } from '../../support/memory-log';
import { createTelegramChannel, type TelegramChannel } from '../../../src/channels/telegram/telegram-channel';
import { telegramTexts } from '../../../src/channels/telegram/texts';
import { buildServer } from '../../../src/server/build-server';
import { MemorySessionStore } from '../../../src/sessions';
import { catalogue } from '../../bot/transcript-helpers';
import { FakeBotApi } from './fake-bot-api';

export const SECRET = 'test_Secret-0123456789';
export const WEBHOOK_URL = 'https://bot.example.invalid/telegram/webhook';

export { MemoryLog };

export interface TestBot {
  fake: FakeBotApi;
  app: FastifyInstance;
  channel: TelegramChannel;
  log: MemoryLog;
  store: MemorySessionStore;
  /** http://127.0.0.1:<port> of our server. */
  origin: string;
  close(): Promise<void>;
}

export interface TestBotOptions {
  mode: 'webhook' | 'polling';
  /** Another fake to share (a second instance of the bot). */
  fake?: FakeBotApi;
  /** A store to share (a second instance on the same Redis, in spirit). */
  store?: MemorySessionStore;
  /** An engine instead of the real one on data/. */
  engine?: Engine;
}

/**
 * The bot as `npm start` wires it — server, engine on the project's content, Telegram channel — against a
 * fake Bot API, with retries shortened (except Telegram's own `retry_after`, honoured as given).
 */
export async function startTestBot(options: TestBotOptions): Promise<TestBot> {
  const fake = options.fake ?? (await FakeBotApi.start());
  const store = options.store ?? new MemorySessionStore();
  const env =
    options.mode === 'webhook'
      ? { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_WEBHOOK_URL: WEBHOOK_URL }
      : { TELEGRAM_MODE: 'polling' };
  const config = readTelegramConfig({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    ...env,
  })!;
  const log = new MemoryLog();
  const channel = createTelegramChannel({
    config,
    salt: 'test-salt',
    ...telegramTexts(catalogue),
    log,
    retry: { backoffMs: 10 },
    pollTimeoutSeconds: 2,
    pollBackoffMs: 20,
  });
  const app = buildServer({
    catalogue,
    engine: options.engine ?? createEngine({ catalogue, store, salt: 'test-salt' }),
    channels: [(server, engine) => channel.attach(server, engine)],
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  await channel.start();
  return {
    fake,
    app,
    channel,
    log,
    store,
    origin,
    async close() {
      await app.close();
      await channel.stop();
      await store.close();
      if (!options.fake) await fake.close();
    },
  };
}

/** The labels of a sent message's inline keyboard, row by row. */
export function keyboardLabels(message: {
  reply_markup?: { inline_keyboard: { text: string }[][] };
}): string[][] {
  return (message.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
}

/** The callback_data of the button with this label in a sent message. */
export function callbackData(
  message: { reply_markup?: { inline_keyboard: { text: string; callback_data?: string }[][] } },
  label: string,
): string {
  const button = message.reply_markup?.inline_keyboard.flat().find((b) => b.text === label);
  if (!button?.callback_data)
    throw new Error(`no button "${label}" in ${JSON.stringify(message.reply_markup)}`);
  return button.callback_data;
}
