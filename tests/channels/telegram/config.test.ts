import { readTelegramConfig } from '../../../src/channels/telegram/config';
import { UsageError } from '../../../src/errors';

const TOKEN = '123456789:AAE-secret_part';

describe('Telegram configuration from the environment', () => {
  it('is off without TELEGRAM_BOT_TOKEN', () => {
    expect(readTelegramConfig({})).toBeNull();
    expect(readTelegramConfig({ TELEGRAM_BOT_TOKEN: ' ', TELEGRAM_MODE: 'webhook' })).toBeNull();
  });

  it('polls by default: no public URL, no secret needed', () => {
    expect(readTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN })).toEqual({
      token: TOKEN,
      mode: 'polling',
      webhookPath: '/telegram/webhook',
      webhookSecret: null,
      webhookUrl: null,
      apiRoot: 'https://api.telegram.org/',
    });
  });

  it('uses a webhook when a URL is set; a URL without a path gets the route path', () => {
    const config = readTelegramConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.vn',
      TELEGRAM_WEBHOOK_SECRET: 'abc_DEF-123',
      TELEGRAM_WEBHOOK_PATH: '/tg/hook',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/tg',
    });
    expect(config).toMatchObject({
      mode: 'webhook',
      webhookUrl: 'https://bot.example.vn/tg/hook',
      webhookPath: '/tg/hook',
      // A trailing slash, or telegraf's URL resolution would drop "/tg".
      apiRoot: 'http://127.0.0.1:8081/tg/',
    });
    // Webhook mode without a URL only serves the route.
    expect(
      readTelegramConfig({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_SECRET: 's',
      }),
    ).toMatchObject({ mode: 'webhook', webhookUrl: null });
  });

  it('lists every problem at once, without repeating the token or the secret', () => {
    const secret = 'not allowed!';
    let error: unknown;
    try {
      readTelegramConfig({
        TELEGRAM_BOT_TOKEN: 'no-colon-token',
        TELEGRAM_MODE: 'hook',
        TELEGRAM_WEBHOOK_URL: 'http://bot.example.vn/telegram/webhook',
        TELEGRAM_WEBHOOK_SECRET: secret,
        TELEGRAM_WEBHOOK_PATH: 'telegram',
        TELEGRAM_API_ROOT: 'ftp://x',
      });
    } catch (e: unknown) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    for (const name of [
      'TELEGRAM_BOT_TOKEN',
      'TELEGRAM_MODE',
      'TELEGRAM_WEBHOOK_URL',
      'TELEGRAM_WEBHOOK_SECRET',
      'TELEGRAM_WEBHOOK_PATH',
      'TELEGRAM_API_ROOT',
    ])
      expect(message).toContain(name);
    expect(message).not.toContain('no-colon-token');
    expect(message).not.toContain(secret);
  });

  it('requires a secret in webhook mode, and refuses a webhook URL in polling mode', () => {
    expect(() => readTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'webhook' })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET/,
    );
    expect(() =>
      readTelegramConfig({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_MODE: 'polling',
        TELEGRAM_WEBHOOK_URL: 'https://a.vn/',
      }),
    ).toThrow(/TELEGRAM_WEBHOOK_URL/);
  });
});
