import { UsageError } from '../../errors';

export interface ZaloConfig {
  /** The Zalo app's id (developers.zalo.me); it is part of every webhook signature. */
  appId: string;
  /** The app's secret: sent as `secret_key` when refreshing tokens. Never logged. */
  appSecret: string;
  /** The OA secret key that signs webhook calls (`X-ZEvent-Signature`). Never logged. */
  oaSecretKey: string;
  /**
   * The first token pair, from the operator. Later pairs live in the token store (Redis), since each refresh
   * spends the refresh token; a pair here that differs from the one first stored replaces it (see README).
   */
  seedTokens: { accessToken: string; refreshToken: string } | null;
  webhookPath: string;
  /** Base URLs without a trailing slash. */
  apiRoot: string;
  oauthRoot: string;
  /** Menus also as `oa.query.hide` buttons (whether the CS endpoint accepts them is unverified). */
  buttons: boolean;
  /** Where the token pair is kept when there is no Redis (one instance). */
  tokenFile: string;
}

const DEFAULT_PATH = '/zalo/webhook';
const DEFAULT_API_ROOT = 'https://openapi.zalo.me';
export const DEFAULT_OAUTH_ROOT = 'https://oauth.zaloapp.com';
const DEFAULT_TOKEN_FILE = 'var/zalo-tokens.json';
/** Tokens travel in a header: no spaces or control characters. */
const TOKEN = /^[\x21-\x7e]{8,4096}$/;

/**
 * The Zalo channel's settings from the environment, or null when `ZALO_APP_ID` is unset (the channel is
 * off). Every problem is collected and reported at once; the messages never repeat a secret or a token.
 */
export function readZaloConfig(env: Record<string, string | undefined>): ZaloConfig | null {
  const appId = env.ZALO_APP_ID?.trim();
  if (!appId) return null;
  const problems: string[] = [];
  if (!/^\d{1,32}$/.test(appId))
    problems.push(`ZALO_APP_ID phải là dãy số (App ID của ứng dụng Zalo), đang là "${appId}"`);
  const appSecret = env.ZALO_APP_SECRET?.trim() ?? '';
  if (!appSecret) problems.push('thiếu ZALO_APP_SECRET (khóa bí mật của ứng dụng, dùng để làm mới token)');
  const oaSecretKey = env.ZALO_OA_SECRET_KEY?.trim() ?? '';
  if (!oaSecretKey)
    problems.push('thiếu ZALO_OA_SECRET_KEY (OA Secret Key trong mục Webhook, dùng để xác thực chữ ký)');

  const accessToken = env.ZALO_ACCESS_TOKEN?.trim() ?? '';
  const refreshToken = env.ZALO_REFRESH_TOKEN?.trim() ?? '';
  if (Boolean(accessToken) !== Boolean(refreshToken))
    problems.push('ZALO_ACCESS_TOKEN và ZALO_REFRESH_TOKEN phải đặt cùng nhau (một cặp token)');
  if (accessToken && !TOKEN.test(accessToken))
    problems.push('ZALO_ACCESS_TOKEN không đúng dạng (chuỗi không dấu cách)');
  if (refreshToken && !TOKEN.test(refreshToken))
    problems.push('ZALO_REFRESH_TOKEN không đúng dạng (chuỗi không dấu cách)');

  const webhookPath = env.ZALO_WEBHOOK_PATH?.trim() || DEFAULT_PATH;
  if (!/^\/[\w\-./]*$/.test(webhookPath) || webhookPath.includes('//'))
    problems.push(`ZALO_WEBHOOK_PATH phải là một đường dẫn bắt đầu bằng "/", đang là "${webhookPath}"`);
  const apiRoot = readRoot('ZALO_API_ROOT', env.ZALO_API_ROOT?.trim(), DEFAULT_API_ROOT, problems);
  const oauthRoot = readRoot('ZALO_OAUTH_ROOT', env.ZALO_OAUTH_ROOT?.trim(), DEFAULT_OAUTH_ROOT, problems);
  const buttons = readSwitch('ZALO_BUTTONS', env.ZALO_BUTTONS?.trim(), problems);
  const tokenFile = env.ZALO_TOKEN_FILE?.trim() || DEFAULT_TOKEN_FILE;

  if (problems.length > 0) throw new UsageError(`cấu hình Zalo chưa đúng:\n  ${problems.join('\n  ')}`);
  return {
    appId,
    appSecret,
    oaSecretKey,
    seedTokens: accessToken ? { accessToken, refreshToken } : null,
    webhookPath,
    apiRoot,
    oauthRoot,
    buttons,
    tokenFile,
  };
}

export function readRoot(
  name: string,
  raw: string | undefined,
  fallback: string,
  problems: string[],
): string {
  if (!raw) return fallback;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    problems.push(`${name} phải là một địa chỉ http(s)://…, đang là "${raw}"`);
    return fallback;
  }
  return url.href.replace(/\/+$/, '');
}

function readSwitch(name: string, raw: string | undefined, problems: string[]): boolean {
  if (!raw) return false;
  const value = raw.toLowerCase();
  if (['1', 'true', 'on', 'yes'].includes(value)) return true;
  if (['0', 'false', 'off', 'no'].includes(value)) return false;
  problems.push(`${name} phải là "on" hoặc "off", đang là "${raw}"`);
  return false;
}
