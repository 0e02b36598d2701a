import { createSay } from '../../bot/say';
import type { Catalogue } from '../../content/catalogue';
import type { CommandName } from './setup';

/** The channel's own sentences, from data/messages.yaml like every sentence of the bot. */
export interface TelegramTexts {
  /** The command menu's descriptions (`command_start`…). */
  commandDescriptions: Record<CommandName, string>;
}

export function telegramTexts(catalogue: Catalogue): TelegramTexts {
  if (!catalogue.messages) throw new Error('Telegram needs data/messages.yaml, which the catalogue lacks');
  const say = createSay(catalogue.messages, catalogue.center);
  return {
    commandDescriptions: {
      start: say('command_start'),
      help: say('command_help'),
      menu: say('command_menu'),
      cancel: say('command_cancel'),
    },
  };
}
