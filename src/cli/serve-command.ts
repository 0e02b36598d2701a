import { randomBytes } from 'node:crypto';
import { readTelegramConfig } from '../channels/telegram/config';
import { createTelegramChannel } from '../channels/telegram/telegram-channel';
import { telegramTexts } from '../channels/telegram/texts';
import { readZaloConfig } from '../channels/zalo/config';
import { MemoryTokenStore, RedisTokenStore } from '../channels/zalo/token-store';
import { zaloTexts } from '../channels/zalo/texts';
import { createZaloChannel } from '../channels/zalo/zalo-channel';
import Redis from 'ioredis';
import { loadCatalogue } from '../content/loader';
import { formatProblem } from '../content/problem';
import { UsageError } from '../errors';
import type { FastifyInstance } from 'fastify';
import { createEngine, type Engine } from '../bot/engine';
import { createEventLog } from '../events';
import { buildServer } from '../server/build-server';
import { createSessionStore } from '../sessions';
import { contentDirs } from './content-dirs';
import type { Output } from './output';

function port(value: string | undefined): number {
  const n = Number(value ?? 3000);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`PORT phải là số cổng 0–65535, đang là "${value}"`);
  return n;
}

/**
 * What is worth a warning in this configuration, at start. Without USER_HASH_SALT each process hashes users
 * with its own random salt: fine for one process, but with Redis (several processes, restarts) the records
 * of one citizen from two processes do not link.
 */
export function configurationWarnings(env: Record<string, string | undefined>): string[] {
  const warnings: string[] = [];
  if (env.REDIS_URL && !env.USER_HASH_SALT) {
    warnings.push(
      'motcua: cảnh báo — có REDIS_URL nhưng chưa đặt USER_HASH_SALT: mỗi tiến trình băm người dùng bằng muối ' +
        'ngẫu nhiên riêng, bản ghi từ các tiến trình khác nhau sẽ không nối được với nhau ' +
        '(REDIS_URL without USER_HASH_SALT: records from different instances will not link).',
    );
  }
  return warnings;
}

/**
 * `npm start`: load the content (the seed `data/`, plus MOTCUA_CONTENT_DIRS, comma-separated), then serve
 * the web-chat API and the catalogue. Sessions and staff records go to Redis when REDIS_URL is set, else to
 * memory and a JSON-lines file (EVENTS_FILE, default var/events.jsonl).
 * A catalogue with errors stops the start with the list of problems: the server never runs half a catalogue.
 * With TELEGRAM_BOT_TOKEN the Telegram channel runs too (webhook route or long polling, see the README);
 * with ZALO_APP_ID the Zalo OA channel (webhook route; its token pair in Redis when REDIS_URL is set).
 */
export async function serveCommand(_argv: readonly string[], out: Output): Promise<number> {
  // Before the content: a wrong setting stops the start at once, with every problem listed.
  const telegramConfig = readTelegramConfig(process.env);
  const zaloConfig = readZaloConfig(process.env);
  const extra = (process.env.MOTCUA_CONTENT_DIRS ?? '').split(',').filter(Boolean);
  const dirs = contentDirs(extra);
  const { catalogue, problems } = loadCatalogue(dirs);
  if (!catalogue) {
    for (const p of problems.filter((p) => p.severity === 'error')) out.error(formatProblem(p));
    out.error('motcua: nội dung có lỗi, không khởi động (content has errors; not starting).');
    return 1;
  }
  for (const warning of configurationWarnings(process.env)) out.error(warning);
  const redisUrl = process.env.REDIS_URL || undefined;
  const store = createSessionStore({ redisUrl });
  const events = createEventLog({ redisUrl, file: process.env.EVENTS_FILE || undefined });
  // One salt for the engine's records and the channels' logs, so that both name a user alike.
  const salt = process.env.USER_HASH_SALT || randomBytes(16).toString('hex');
  const telegram = telegramConfig
    ? createTelegramChannel({ config: telegramConfig, salt, ...telegramTexts(catalogue) })
    : null;
  // The Zalo pair lives where every instance sees it: one refresh token, spent once.
  const tokenRedis = zaloConfig && redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : null;
  tokenRedis?.on('error', () => undefined); // the session store reports Redis outages
  const zalo = zaloConfig
    ? createZaloChannel({
        config: zaloConfig,
        tokenStore: tokenRedis
          ? new RedisTokenStore({ redis: tokenRedis, appId: zaloConfig.appId })
          : new MemoryTokenStore(),
        salt,
        ...zaloTexts(catalogue),
      })
    : null;
  const app = buildServer({
    catalogue,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    engine: (log) => createEngine({ catalogue, store, events, salt, log }),
    channels: [
      ...(telegram ? [(server: FastifyInstance, engine: Engine) => telegram.attach(server, engine)] : []),
      ...(zalo ? [(server: FastifyInstance, engine: Engine) => zalo.attach(server, engine)] : []),
    ],
  });
  if (zalo && zaloConfig) {
    // Before listening: without a token pair the Zalo channel cannot answer anyone, so do not start half.
    try {
      await zalo.start();
    } catch (error: unknown) {
      out.error(`motcua: ${error instanceof Error ? error.message : String(error)}`);
      await Promise.allSettled([app.close(), store.close(), events.close(), tokenRedis?.quit()]);
      return 1;
    }
    out.line(
      `motcua: Zalo — webhook ${zaloConfig.webhookPath}, token ${tokenRedis ? 'trong Redis' : 'trong bộ nhớ (một tiến trình)'}${zaloConfig.buttons ? ', có nút bấm' : ''}`,
    );
  }
  const host = process.env.HOST ?? '0.0.0.0';
  const listenPort = port(process.env.PORT);
  await app.listen({ host, port: listenPort });
  // The port actually bound (PORT=0 asks the system for a free one).
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : listenPort;
  out.line(
    `motcua: ${catalogue.procedures.length} thủ tục, ${catalogue.faq.length} câu hỏi, phiên ${redisUrl ? 'Redis' : 'trong bộ nhớ'} — http://${host === '0.0.0.0' ? 'localhost' : host}:${boundPort}/`,
  );
  // Listening for SIGTERM before the Telegram set-up, which may take a while (retries): a stop asked for
  // meanwhile still closes everything in order.
  const stopped = new Promise<number>((resolve) => {
    const stop = () => {
      // The server first (no new webhook calls), then the updates under way, then what they write to. Each
      // step's failure is logged and the next ones still run: the process always ends, with 0.
      const step = async (name: string, run: () => Promise<unknown> | undefined) => {
        try {
          await run();
        } catch (error: unknown) {
          out.error(`motcua: lỗi khi dừng ${name} (failed to stop ${name}): ${String(error)}`);
        }
      };
      void (async () => {
        await step('server', () => app.close());
        await Promise.all([step('telegram', () => telegram?.stop()), step('zalo', () => zalo?.stop())]);
        await Promise.all([
          step('sessions', () => store.close()),
          step('events', () => events.close()),
          step('zalo tokens', async () => tokenRedis?.quit()),
        ]);
        resolve(0);
      })();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  if (telegram && telegramConfig) {
    out.line(
      telegramConfig.mode === 'polling'
        ? 'motcua: Telegram — long polling; chỉ chạy MỘT tiến trình với token này (only one instance per token).'
        : `motcua: Telegram — webhook ${telegramConfig.webhookPath}${telegramConfig.webhookUrl ? '' : ' (chưa gọi setWebhook: không có TELEGRAM_WEBHOOK_URL)'}`,
    );
    await telegram.start();
  }
  return stopped;
}
