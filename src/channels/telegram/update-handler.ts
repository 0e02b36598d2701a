import type { Update } from 'telegraf/types';
import type { Engine } from '../../bot/engine';
import type { Reply } from '../../bot/types';
import { KeyQueue } from '../../sessions/key-queue';
import { incomingMessage } from '../incoming';
import type { TelegramLog } from './log';
import { readUpdate, type BotIdentity } from './read-update';
import { MAX_BUTTONS, renderReply } from './render';
import type { TelegramSender } from './sender';

/** The engine's channel name: session keys are "telegram:<chat id>". */
export const CHANNEL = 'telegram';

export interface UpdateHandlerOptions {
  engine: Engine;
  sender: TelegramSender;
  /** The bot's account (from getMe at start), for groups; null while unknown. */
  bot: () => BotIdentity | null;
  log: TelegramLog;
  userKey: (chatId: string) => string;
}

/** Handles one update; never throws (there is no one to throw to: Telegram only sees our 200). */
export type UpdateHandler = (update: Update) => Promise<void>;

/**
 * Between Telegram and the engine. The same update delivered twice is answered once: the engine remembers
 * the message id `tg:<update_id>` with the session (in Redis, across instances). One chat's updates are
 * handled, and their replies sent, one after another in the order they came to this process; across
 * processes the engine's per-user lock orders them. A callback query is answered first, whatever follows.
 */
export function createUpdateHandler(options: UpdateHandlerOptions): UpdateHandler {
  const { engine, sender, log } = options;
  const chats = new KeyQueue();

  /** Queues the update's work for its chat at once, so that its place in the chat's order is its arrival. */
  async function handle(update: Update): Promise<void> {
    const intent = readUpdate(update, options.bot());
    if (intent.kind === 'ignore') return;
    // Answered at once, alongside the chat's queue, and not awaited: the button's spinner should not wait for
    // earlier updates, and the reply should not wait for the answer.
    if (intent.kind === 'answer_only' || intent.kind === 'action')
      sender.answerCallback(intent.queryId, intent.kind === 'action' ? intent.chatId : null);
    if (intent.kind === 'answer_only') return;
    const chatId = intent.chatId;
    // A user who writes has unblocked the bot.
    if (intent.kind !== 'action') sender.unblock(chatId);
    const replied = chats.run(chatId, async () => {
      // Everything goes through the engine, whose session store answers a redelivered update once, on any instance.
      const replies: Reply[] = await engine.handle(
        incomingMessage(CHANNEL, chatId, `tg:${update.update_id}`, intent),
      );
      for (const reply of replies) {
        const { messages, dropped, overflow } = renderReply(reply);
        if (dropped.length > 0)
          log.error(
            { channel: CHANNEL, user: options.userKey(chatId), actions: dropped.map((b) => b.action) },
            'telegram: buttons left out (callback_data must be 1–64 bytes)',
          );
        if (overflow.length > 0)
          log.warn(
            { channel: CHANNEL, user: options.userKey(chatId), actions: overflow.map((b) => b.action) },
            `telegram: buttons left out (at most ${MAX_BUTTONS} a message)`,
          );
        if (!(await sender.sendMessages(chatId, messages))) return; // blocked, or gave up: not the rest
      }
    });
    await replied;
  }

  return async (update) => {
    try {
      await handle(update);
    } catch (error: unknown) {
      // Not the error object: it may carry a request's payload (the citizen's chat id, our reply).
      const err =
        error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
      log.error({ channel: CHANNEL, updateId: update.update_id, err }, 'telegram: update not handled');
    }
  };
}
