import { UsageError } from '../../errors';

/** How Telegram reaches the bot: it posts to our webhook, or we ask it with long polling. */
export type TelegramMode = 'webhook' | 'polling';

export interface TelegramConfig {
  /** The bot's token from BotFather. Never logged: it is the bot's password. */
  token: string;
  mode: TelegramMode;
  /** Where the webhook route is mounted on our server. */
  webhookPath: string;
  /** Checked against the `X-Telegram-Bot-Api-Secret-Token` header; required in webhook mode. Never logged. */
  webhookSecret: string | null;
  /** The public HTTPS URL given to `setWebhook` at start; without it the route is only served. */
  webhookUrl: string | null;
  /** The Bot API's base URL, always ending in "/" (see `readTelegramConfig`). */
  apiRoot: string;
}

const DEFAULT_PATH = '/telegram/webhook';
const DEFAULT_API_ROOT = 'https://api.telegram.org/';
/** Telegram's rule for `secret_token`: 1–256 characters of A-Z, a-z, 0-9, `_` and `-`. */
const SECRET = /^[A-Za-z0-9_-]{1,256}$/;
/** "123456:ABC-DEF…": digits, a colon, then URL-safe characters (it becomes part of every API URL). */
const TOKEN = /^\d+:[A-Za-z0-9_-]+$/;

/**
 * The Telegram channel's settings from the environment, or null when `TELEGRAM_BOT_TOKEN` is unset (the
 * channel is off). Every problem is collected and reported at once, naming the variable and what it may be;
 * the messages never repeat the token's or the secret's value.
 */
export function readTelegramConfig(env: Record<string, string | undefined>): TelegramConfig | null {
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  if (!token) return null;
  const problems: string[] = [];
  if (!TOKEN.test(token)) problems.push('TELEGRAM_BOT_TOKEN không đúng dạng "123456:ABC…" của BotFather');

  const webhookPath = env.TELEGRAM_WEBHOOK_PATH?.trim() || DEFAULT_PATH;
  if (!/^\/[\w\-./]*$/.test(webhookPath) || webhookPath.includes('//'))
    problems.push(`TELEGRAM_WEBHOOK_PATH phải là một đường dẫn bắt đầu bằng "/", đang là "${webhookPath}"`);

  const webhookUrl = readWebhookUrl(env.TELEGRAM_WEBHOOK_URL?.trim(), webhookPath, problems);
  const rawMode = env.TELEGRAM_MODE?.trim();
  // No public URL usually means a laptop: polling needs none.
  const mode = rawMode || (webhookUrl ? 'webhook' : 'polling');
  if (mode !== 'webhook' && mode !== 'polling')
    problems.push(`TELEGRAM_MODE phải là "webhook" hoặc "polling", đang là "${rawMode}"`);
  if (mode === 'polling' && webhookUrl)
    problems.push('TELEGRAM_WEBHOOK_URL chỉ dùng với TELEGRAM_MODE=webhook (polling cần xóa webhook)');

  const webhookSecret = env.TELEGRAM_WEBHOOK_SECRET?.trim() || null;
  if (webhookSecret !== null && !SECRET.test(webhookSecret))
    problems.push('TELEGRAM_WEBHOOK_SECRET chỉ gồm 1–256 ký tự A-Z, a-z, 0-9, "_" và "-"');
  // Without the secret anyone who guesses the path can post updates in a citizen's name.
  if (mode === 'webhook' && webhookSecret === null)
    problems.push('TELEGRAM_MODE=webhook cần TELEGRAM_WEBHOOK_SECRET (ví dụ: openssl rand -hex 32)');

  const apiRoot = readApiRoot(env.TELEGRAM_API_ROOT?.trim(), problems);
  if (problems.length > 0) throw new UsageError(`cấu hình Telegram chưa đúng:\n  ${problems.join('\n  ')}`);
  return { token, mode: mode as TelegramMode, webhookPath, webhookSecret, webhookUrl, apiRoot };
}

/** A URL without a path ("https://bot.example") gets the route's path; Telegram accepts HTTPS only. */
function readWebhookUrl(raw: string | undefined, path: string, problems: string[]): string | null {
  if (!raw) return null;
  const url = parseUrl(raw);
  if (!url || url.protocol !== 'https:') {
    problems.push(`TELEGRAM_WEBHOOK_URL phải là một địa chỉ https://…, đang là "${raw}"`);
    return null;
  }
  if (url.pathname === '/') url.pathname = path;
  return url.href;
}

/**
 * Telegram's URLs are resolved against the root ("./bot<token>/<method>"), so a root with a path prefix
 * needs its trailing slash: "http://h/tg" would lose "tg".
 */
function readApiRoot(raw: string | undefined, problems: string[]): string {
  if (!raw) return DEFAULT_API_ROOT;
  const url = parseUrl(raw);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    problems.push(`TELEGRAM_API_ROOT phải là một địa chỉ http(s)://…, đang là "${raw}"`);
    return DEFAULT_API_ROOT;
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** `URL.parse` is Node 22. */
function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}
