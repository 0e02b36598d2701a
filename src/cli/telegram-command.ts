import { createTelegramApi } from '../channels/telegram/api';
import { readTelegramConfig } from '../channels/telegram/config';
import type { TelegramLog } from '../channels/telegram/log';
import { TelegramSender } from '../channels/telegram/sender';
import { deleteWebhook, fetchIdentity, setCommands, setWebhook } from '../channels/telegram/setup';
import { telegramTexts } from '../channels/telegram/texts';
import { loadCatalogueOrThrow } from '../content/loader';
import { UsageError } from '../errors';
import { contentDirs } from './content-dirs';
import type { Output } from './output';

const usage = 'cách dùng: motcua telegram setup   (đọc TELEGRAM_* như npm start)';

/**
 * `motcua telegram setup`: once, from a deploy script, what `npm start` does at start — getMe, the command
 * menu, then `setWebhook` (webhook mode with TELEGRAM_WEBHOOK_URL) or `deleteWebhook` (polling). Exits 1
 * when a call failed; the token and the secret are never printed.
 */
export async function telegramCommand(argv: readonly string[], out: Output): Promise<number> {
  if (argv.length !== 1 || argv[0] !== 'setup') throw new UsageError(usage);
  const config = readTelegramConfig(process.env);
  if (!config) throw new UsageError(`chưa đặt TELEGRAM_BOT_TOKEN\n${usage}`);
  const extra = (process.env.MOTCUA_CONTENT_DIRS ?? '').split(',').filter(Boolean);
  const catalogue = loadCatalogueOrThrow(contentDirs(extra));
  const write = (to: (text: string) => void) => (obj: object, msg: string) =>
    to(`${msg} ${JSON.stringify(obj)}`);
  const log: TelegramLog = { info: write(out.line), warn: write(out.error), error: write(out.error) };
  const api = createTelegramApi(config.token, config.apiRoot);
  const sender = new TelegramSender({ api, log, userKey: () => '-' });
  const setup = { api, sender, log, descriptions: telegramTexts(catalogue).commandDescriptions };

  if (!(await fetchIdentity(setup)) || !(await setCommands(setup))) return 1;
  out.line(`motcua: đã đặt menu lệnh (/start, /help, /menu, /cancel).`);
  if (config.mode === 'polling') {
    if (!(await deleteWebhook(setup))) return 1;
    out.line('motcua: chế độ polling — đã xóa webhook (nếu có).');
  } else if (config.webhookUrl) {
    if (!(await setWebhook(setup, config.webhookUrl, config.webhookSecret!))) return 1;
  } else {
    out.line('motcua: chế độ webhook nhưng chưa có TELEGRAM_WEBHOOK_URL: không gọi setWebhook.');
  }
  return 0;
}
