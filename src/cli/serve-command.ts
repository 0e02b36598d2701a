import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type Redis from 'ioredis';
import { createEngine, type Engine } from '../bot/engine';
import type { Channel } from '../channels/channel';
import { createTelegramChannel } from '../channels/telegram/telegram-channel';
import { telegramTexts } from '../channels/telegram/texts';
import { zaloTexts } from '../channels/zalo/texts';
import { FileTokenStore, RedisTokenStore } from '../channels/zalo/token-store';
import { createZaloChannel } from '../channels/zalo/zalo-channel';
import { loadDotEnv, readServeConfig, redisTarget } from '../config/config';
import { loadCatalogue } from '../content/loader';
import { formatProblem } from '../content/problem';
import { createEventLog } from '../events';
import { loggerOptions } from '../ops/logger';
import { Metrics } from '../ops/metrics';
import { buildServer } from '../server/build-server';
import type { ReadinessCheck } from '../server/ops-routes';
import { connectRedis, createSessionStore, MemorySessionStore } from '../sessions';
import { contentDirs } from './content-dirs';
import type { Output } from './output';

/**
 * What is worth a warning in this configuration, at start. Without USER_HASH_SALT each process hashes users
 * with its own random salt: fine for one process, but with Redis (several processes, restarts) the records
 * of one citizen from two processes do not link.
 */
export function configurationWarnings(env: Record<string, string | undefined>): string[] {
  const warnings: string[] = [];
  if ((env.REDIS_URL || env.REDIS_SENTINELS) && !env.USER_HASH_SALT) {
    warnings.push(
      'motcua: cảnh báo — có Redis nhưng chưa đặt USER_HASH_SALT: mỗi tiến trình băm người dùng bằng muối ' +
        'ngẫu nhiên riêng, bản ghi từ các tiến trình khác nhau sẽ không nối được với nhau ' +
        '(Redis without USER_HASH_SALT: records from different instances will not link).',
    );
  }
  return warnings;
}

/**
 * How long a stop may take in all: the channels drain for 10 s at most, Redis closes in under a second.
 * Give the container more than this (`stop_grace_period`, `docker stop -t`).
 */
const STOP_DEADLINE_MS = 20_000;

/**
 * `npm start`: read the configuration (environment, or `.env`), load the content (the seed `data/`, plus
 * MOTCUA_CONTENT_DIRS), then serve the web chat, the catalogue, health, readiness and metrics, and the
 * Telegram and Zalo channels when configured. Sessions and staff records go to Redis when configured, else
 * to memory and a JSON-lines file. A wrong setting or a catalogue with errors stops the start with every
 * problem listed: the server never runs half configured.
 */
export async function serveCommand(_argv: readonly string[], out: Output): Promise<number> {
  // From the first moment (a container's SIGTERM may come while the content loads): a stop asked for before
  // the server is up is carried out as soon as it is.
  let onStop: () => void = () => (stopAsked = true);
  let stopAsked = false;
  process.once('SIGTERM', () => onStop());
  process.once('SIGINT', () => onStop());
  const envFile = loadDotEnv();
  const config = readServeConfig(process.env);
  const { catalogue, problems } = loadCatalogue(contentDirs(config.contentDirs));
  if (!catalogue) {
    for (const p of problems.filter((p) => p.severity === 'error')) out.error(formatProblem(p));
    out.error('motcua: nội dung có lỗi, không khởi động (content has errors; not starting).');
    return 1;
  }
  for (const warning of configurationWarnings(process.env)) out.error(warning);
  const redis = redisTarget(config);
  const store = createSessionStore(redis ? { redisUrl: redis } : {});
  const events = createEventLog({
    ...(redis ? { redisUrl: redis } : {}),
    file: config.eventsFile ?? undefined,
  });
  // One salt for the engine's records and the channels' logs, so that both name a user alike.
  const salt = config.userHashSalt ?? randomBytes(16).toString('hex');
  const metrics = new Metrics({
    sessions: store instanceof MemorySessionStore ? () => store.size : undefined,
  });
  let stopping = false;

  const telegram = config.telegram
    ? createTelegramChannel({ config: config.telegram, salt, metrics, ...telegramTexts(catalogue) })
    : null;
  // The Zalo pair lives where every instance sees it: one refresh token, spent once.
  const tokenRedis: Redis | null = config.zalo && redis ? connectRedis(redis) : null;
  tokenRedis?.on('error', () => undefined); // the session store already reports Redis outages
  const zalo = config.zalo
    ? createZaloChannel({
        config: config.zalo,
        tokenStore: tokenRedis
          ? new RedisTokenStore({ redis: tokenRedis, appId: config.zalo.appId })
          : new FileTokenStore(config.zalo.tokenFile),
        salt,
        metrics,
        ...zaloTexts(catalogue),
      })
    : null;
  const channels: [string, Channel][] = [];
  if (telegram) channels.push(['telegram', telegram]);
  if (zalo) channels.push(['zalo', zalo]);

  const app = buildServer({
    catalogue,
    logger: loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    engine: (log) =>
      createEngine({
        catalogue,
        store,
        events,
        salt,
        log,
        observe: (handled) => {
          metrics.observe(handled);
          // The one line per message: who (hashed), what happened, how long — never the text.
          const { channel, userKey: user, input, decision, aspect, replies, duplicate, failed } = handled;
          app.log.info(
            {
              channel,
              user,
              input,
              decision,
              aspect,
              replies,
              duplicate,
              failed,
              ms: Math.round(handled.ms),
            },
            'message handled',
          );
        },
      }),
    channels: channels.map(
      ([, channel]) =>
        (server: FastifyInstance, engine: Engine) =>
          channel.attach(server, engine),
    ),
    ops: {
      metrics: { registry: metrics.registry, ...(config.metricsToken ? { token: config.metricsToken } : {}) },
      readiness: async () => {
        const checks: Record<string, ReadinessCheck> = {
          catalogue: {
            ok: true,
            detail: `${catalogue.procedures.length} procedures, ${catalogue.faq.length} FAQ`,
          },
        };
        if (stopping) checks.shutdown = { ok: false, detail: 'shutting down' };
        if (redis)
          checks.redis = (await store.isReady()) ? { ok: true } : { ok: false, detail: 'unreachable' };
        for (const [name, channel] of channels) checks[name] = channel.readiness();
        return checks;
      },
    },
  });

  if (zalo && config.zalo) {
    // Before listening: without a token pair the Zalo channel cannot answer anyone, so do not start half.
    try {
      await zalo.start();
    } catch (error: unknown) {
      out.error(`motcua: ${error instanceof Error ? error.message : String(error)}`);
      await Promise.allSettled([app.close(), store.close(), events.close(), tokenRedis?.quit()]);
      return 1;
    }
  }
  await app.listen({ host: config.host, port: config.port });
  // The port actually bound (PORT=0 asks the system for a free one).
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : config.port;
  out.line(
    `motcua: ${catalogue.procedures.length} thủ tục, ${catalogue.faq.length} câu hỏi, phiên ${redis ? 'Redis' : 'trong bộ nhớ'}${envFile ? `, cấu hình từ ${envFile}` : ''} — http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${boundPort}/`,
  );
  if (zalo && config.zalo)
    out.line(
      `motcua: Zalo — webhook ${config.zalo.webhookPath}, token ${tokenRedis ? 'trong Redis' : `trong ${config.zalo.tokenFile} (một tiến trình)`}${config.zalo.buttons ? ', có nút bấm' : ''}`,
    );
  // Listening for SIGTERM before the Telegram set-up, which may take a while (retries): a stop asked for
  // meanwhile still closes everything in order.
  const stopped = new Promise<number>((resolve) => {
    const stop = () => {
      if (stopping) return;
      stopping = true;
      // Whatever hangs (a request that never ends, Redis that never answers), the process ends.
      setTimeout(() => {
        out.error(
          `motcua: chưa dừng xong sau ${STOP_DEADLINE_MS / 1000} s, thoát (not stopped in time; exiting).`,
        );
        process.exit(1);
      }, STOP_DEADLINE_MS).unref();
      // The server first (no new calls; those under way are answered), then the channels' work under way,
      // then what they write to. Each step's failure is logged and the next ones still run: the process
      // always ends, with 0.
      const step = async (name: string, run: () => Promise<unknown> | undefined) => {
        try {
          await run();
        } catch (error: unknown) {
          out.error(`motcua: lỗi khi dừng ${name} (failed to stop ${name}): ${String(error)}`);
        }
      };
      void (async () => {
        await step('server', () => app.close());
        await Promise.all(channels.map(([name, channel]) => step(name, () => channel.stop())));
        await Promise.all([
          step('sessions', () => store.close()),
          step('events', () => events.close()),
          step('zalo tokens', async () => tokenRedis?.quit()),
        ]);
        resolve(0);
      })();
    };
    onStop = stop;
    if (stopAsked) stop();
  });
  if (telegram && config.telegram) {
    out.line(
      config.telegram.mode === 'polling'
        ? 'motcua: Telegram — long polling; chỉ chạy MỘT tiến trình với token này (only one instance per token).'
        : `motcua: Telegram — webhook ${config.telegram.webhookPath}${config.telegram.webhookUrl ? '' : ' (chưa gọi setWebhook: không có TELEGRAM_WEBHOOK_URL)'}`,
    );
    await telegram.start();
  }
  return stopped;
}
