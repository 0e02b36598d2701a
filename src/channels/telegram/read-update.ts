import type { Chat, Message, Update } from 'telegraf/types';

/** The bot's own account, from `getMe`: how a group message addresses it. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** What an update asks of the channel. */
export type UpdateIntent =
  /** Text or a command for the engine. */
  | { kind: 'text'; chatId: string; text: string }
  /** A button pressed; `queryId` must be answered whatever happens. */
  | { kind: 'action'; chatId: string; action: string; queryId: string }
  /** A callback query with nothing for the engine (no chat, no data): only answered. */
  | { kind: 'answer_only'; queryId: string }
  /** A sticker, photo, voice, file… or an edited message: the polite "I can only read text". */
  | { kind: 'not_text'; chatId: string }
  /** Nothing to do: a group message not for the bot, another bot, an update type we did not ask for. */
  | { kind: 'ignore'; reason: string };

/**
 * Reads an update. In a private chat every message is for the bot. In a group the bot answers only when
 * addressed — a command (bare, or "/cmd@ThisBot"), a mention of @ThisBot, or a reply to one of its
 * messages — and reads only text there: a group's stickers and chatter are not questions. `bot` is null
 * while the identity is unknown: then only private chats are answered.
 */
export function readUpdate(update: Update, bot: BotIdentity | null): UpdateIntent {
  if ('callback_query' in update) {
    const query = update.callback_query;
    const chat = query.message?.chat;
    const data = 'data' in query ? query.data : undefined;
    if (!chat || !data || chat.type === 'channel') return { kind: 'answer_only', queryId: query.id };
    return { kind: 'action', chatId: String(chat.id), action: data, queryId: query.id };
  }
  if ('edited_message' in update) {
    const message = update.edited_message;
    return isPrivate(message.chat)
      ? { kind: 'not_text', chatId: String(message.chat.id) }
      : { kind: 'ignore', reason: 'edited message in a group' };
  }
  if (!('message' in update)) return { kind: 'ignore', reason: 'update type not handled' };
  const message = update.message;
  if (message.from?.is_bot) return { kind: 'ignore', reason: 'message from a bot' };
  const chatId = String(message.chat.id);
  const text = 'text' in message ? message.text : undefined;
  if (isPrivate(message.chat)) {
    if (text !== undefined) return { kind: 'text', chatId, text: cleanCommand(text) };
    // Service messages (a pinned message, members joining…) are not the user's; only real media is answered.
    return MEDIA.some((field) => field in message)
      ? { kind: 'not_text', chatId }
      : { kind: 'ignore', reason: 'service message' };
  }
  if (text === undefined || !bot) return { kind: 'ignore', reason: 'group message not for the bot' };
  const addressed = addressedText(text, message, bot);
  return addressed === null
    ? { kind: 'ignore', reason: 'group message not for the bot' }
    : { kind: 'text', chatId, text: addressed };
}

/** The message fields of what a user sends that is not text: answered with the polite "text only". */
const MEDIA = [
  'sticker',
  'photo',
  'voice',
  'audio',
  'video',
  'video_note',
  'animation',
  'document',
  'location',
  'contact',
] as const;

function isPrivate(chat: Chat): boolean {
  return chat.type === 'private';
}

/**
 * "/start@MotcuaBot payload" → "/start": the engine reads whole-message commands, and a deep-link payload
 * or arguments would turn one into a question. Other text is left as typed.
 */
function cleanCommand(text: string): string {
  const command = /^(\/\w+(?:@\w+)?)\s/.exec(text.trim());
  return command ? command[1]! : text;
}

/** The text of a group message for the engine, without the mention; null when the bot is not addressed. */
function addressedText(text: string, message: Message, bot: BotIdentity): string | null {
  const command = /^\/\w+(?:@(\w+))?/.exec(text.trim());
  if (command) {
    const target = command[1];
    if (target !== undefined && target.toLowerCase() !== bot.username.toLowerCase()) return null;
    return cleanCommand(text);
  }
  const mention = new RegExp(`@${bot.username}\\b`, 'gi');
  if (mention.test(text)) {
    // "@ThisBot" alone asks for the bot's attention: its help, never an empty text.
    const rest = text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
    return rest === '' ? '/help' : rest;
  }
  const repliedTo = 'reply_to_message' in message ? message.reply_to_message : undefined;
  if (repliedTo?.from?.id === bot.id) return text;
  return null;
}
