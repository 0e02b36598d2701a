import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { readTelegramConfig, type TelegramConfig } from '../channels/telegram/config';
import { readZaloConfig, type ZaloConfig } from '../channels/zalo/config';
import { UsageError } from '../errors';
import type { RedisTarget } from '../sessions/redis-target';

/** Everything `npm start` reads from its environment, checked once at start. */
export interface ServeConfig {
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Content directories loaded after `data/`. */
  contentDirs: string[];
  redisUrl: string | null;
  /** Redis through Sentinel instead of one address: the sentinels and the master's name. */
  redisSentinels: { host: string; port: number }[] | null;
  redisSentinelName: string | null;
  /** With Sentinel: Redis's password and the sentinels' (a URL carries its own). Never logged. */
  redisPassword: string | null;
  redisSentinelPassword: string | null;
  eventsFile: string | null;
  userHashSalt: string | null;
  /** Bearer token for `/metrics`; open when null. */
  metricsToken: string | null;
  /** Whether to trust X-Forwarded-* from a reverse proxy (fastify's `trustProxy`). */
  trustProxy: boolean;
  telegram: TelegramConfig | null;
  zalo: ZaloConfig | null;
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const baseSchema = z.object({
  PORT: optional
    .pipe(
      z
        .string()
        .regex(/^\d{1,5}$/, 'phải là số cổng 0–65535')
        .optional(),
    )
    .transform((v) => (v === undefined ? 3000 : Number(v)))
    .refine((n) => n <= 65535, 'phải là số cổng 0–65535'),
  HOST: optional.pipe(z.string().default('0.0.0.0')),
  LOG_LEVEL: optional.pipe(
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'phải là một trong fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
  MOTCUA_CONTENT_DIRS: optional,
  REDIS_URL: optional.pipe(
    z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'phải là địa chỉ redis://… hoặc rediss://…')
      .optional(),
  ),
  REDIS_SENTINELS: optional.pipe(
    z
      .string()
      .regex(
        /^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/,
        'phải là danh sách host:cổng cách nhau bởi dấu phẩy (ví dụ s1:26379,s2:26379)',
      )
      .optional(),
  ),
  REDIS_SENTINEL_NAME: optional,
  REDIS_PASSWORD: optional,
  REDIS_SENTINEL_PASSWORD: optional,
  EVENTS_FILE: optional,
  USER_HASH_SALT: optional.pipe(
    z.string().min(16, 'cần ít nhất 16 ký tự (ví dụ: openssl rand -hex 32)').optional(),
  ),
  METRICS_TOKEN: optional.pipe(
    z.string().min(16, 'cần ít nhất 16 ký tự (ví dụ: openssl rand -hex 32)').optional(),
  ),
  TRUST_PROXY: optional.pipe(
    z
      .enum(['on', 'off', 'true', 'false', '1', '0'], { message: 'phải là "on" hoặc "off"' })
      .optional()
      .transform((v) => v === 'on' || v === 'true' || v === '1'),
  ),
});

/**
 * Loads `.env` from the working directory when there is one (variables already set win), for operators
 * who keep settings in a file rather than in the service's environment.
 */
export function loadDotEnv(dir = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | null {
  const file = path.join(dir, '.env');
  if (!fs.existsSync(file)) return null;
  for (const [name, value] of Object.entries(parseEnv(fs.readFileSync(file, 'utf8'))))
    if (env[name] === undefined) env[name] = value;
  return file;
}

/**
 * The configuration, or a UsageError listing every problem at once (each naming its variable; never a
 * secret's value), so that an operator fixes them in one go.
 */
export function readServeConfig(env: Record<string, string | undefined>): ServeConfig {
  const problems: string[] = [];
  const parsed = baseSchema.safeParse(env);
  if (!parsed.success)
    for (const issue of parsed.error.issues) problems.push(`${String(issue.path[0])}: ${issue.message}`);
  const channel = <T>(read: () => T): T | null => {
    try {
      return read();
    } catch (error: unknown) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(
        ...error.message
          .split('\n')
          .slice(1)
          .map((line) => line.trim()),
      );
      return null;
    }
  };
  const telegram = channel(() => readTelegramConfig(env));
  const zalo = channel(() => readZaloConfig(env));
  const base = parsed.success ? parsed.data : null;
  if (base?.REDIS_SENTINELS && !base.REDIS_SENTINEL_NAME)
    problems.push('REDIS_SENTINELS cần REDIS_SENTINEL_NAME (tên master, ví dụ mymaster)');
  if ((base?.REDIS_PASSWORD || base?.REDIS_SENTINEL_PASSWORD) && !base.REDIS_SENTINELS)
    problems.push(
      'REDIS_PASSWORD và REDIS_SENTINEL_PASSWORD chỉ dùng với REDIS_SENTINELS (REDIS_URL mang mật khẩu riêng)',
    );
  if (base?.REDIS_SENTINELS && base.REDIS_URL)
    problems.push('chỉ đặt một trong REDIS_URL hoặc REDIS_SENTINELS');
  if (problems.length > 0 || !base)
    throw new UsageError(`cấu hình chưa đúng (configuration errors):\n  ${problems.join('\n  ')}`);
  return {
    port: base.PORT,
    host: base.HOST,
    logLevel: base.LOG_LEVEL,
    contentDirs: (base.MOTCUA_CONTENT_DIRS ?? '')
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean),
    redisUrl: base.REDIS_URL ?? null,
    redisSentinels: base.REDIS_SENTINELS
      ? base.REDIS_SENTINELS.split(',').map((entry) => {
          const [host, port] = entry.split(':') as [string, string];
          return { host, port: Number(port) };
        })
      : null,
    redisSentinelName: base.REDIS_SENTINEL_NAME ?? null,
    redisPassword: base.REDIS_PASSWORD ?? null,
    redisSentinelPassword: base.REDIS_SENTINEL_PASSWORD ?? null,
    eventsFile: base.EVENTS_FILE ?? null,
    userHashSalt: base.USER_HASH_SALT ?? null,
    metricsToken: base.METRICS_TOKEN ?? null,
    trustProxy: base.TRUST_PROXY,
    telegram,
    zalo,
  };
}

/** Where Redis is, from the configuration: a URL, Sentinel, or none (memory and files). */
export function redisTarget(config: ServeConfig): RedisTarget | null {
  if (config.redisUrl) return config.redisUrl;
  if (config.redisSentinels && config.redisSentinelName)
    return {
      sentinels: config.redisSentinels,
      name: config.redisSentinelName,
      ...(config.redisPassword ? { password: config.redisPassword } : {}),
      ...(config.redisSentinelPassword ? { sentinelPassword: config.redisSentinelPassword } : {}),
    };
  return null;
}
