import type { BotCommand } from 'telegraf/types';
import { withSignal, type TelegramApi } from './api';
import type { TelegramLog } from './log';
import { ALLOWED_UPDATES } from './polling';
import type { BotIdentity } from './read-update';
import type { TelegramSender } from './sender';

/** The commands in the bot's menu, in this order; their descriptions come from data/messages.yaml. */
export const COMMANDS = ['start', 'help', 'menu', 'cancel'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface SetupOptions {
  api: TelegramApi;
  sender: TelegramSender;
  log: TelegramLog;
  descriptions: Record<CommandName, string>;
}

/** The bot's account: its username tells whether a group message addresses it. */
export async function fetchIdentity({ api, sender, log }: SetupOptions): Promise<BotIdentity | null> {
  const me = await sender.call('getMe', null, (signal) => api.callApi('getMe', {}, withSignal(signal)));
  if (!me.ok) return null;
  log.info({ channel: 'telegram', bot: `@${me.value.username}` }, 'telegram: connected');
  return { id: me.value.id, username: me.value.username };
}

/** The command menu Telegram shows next to the text box. */
export async function setCommands({ api, sender, descriptions }: SetupOptions): Promise<boolean> {
  const commands: BotCommand[] = COMMANDS.map((command) => ({ command, description: descriptions[command] }));
  return (
    await sender.call('setMyCommands', null, (signal) =>
      api.callApi('setMyCommands', { commands }, withSignal(signal)),
    )
  ).ok;
}

/**
 * Points Telegram at our webhook, with the secret it will send back in every request and only the update
 * types the bot reads. Pending updates are kept: they are citizens' questions.
 */
export async function setWebhook(options: SetupOptions, url: string, secret: string): Promise<boolean> {
  const { api, sender, log } = options;
  const result = await sender.call('setWebhook', null, (signal) =>
    api.callApi(
      'setWebhook',
      { url, secret_token: secret, allowed_updates: ALLOWED_UPDATES },
      withSignal(signal),
    ),
  );
  // The URL is public; the secret is not logged.
  if (result.ok) log.info({ channel: 'telegram', url }, 'telegram: webhook set');
  return result.ok;
}

/** Polling and a webhook exclude each other: polling first removes the webhook (keeping pending updates). */
export async function deleteWebhook({ api, sender }: SetupOptions): Promise<boolean> {
  const result = await sender.call('deleteWebhook', null, (signal) =>
    api.callApi('deleteWebhook', { drop_pending_updates: false }, withSignal(signal)),
  );
  return result.ok;
}
