import type { Engine } from '../../bot/engine';
import type { IncomingMessage, Reply } from '../../bot/types';
import { incomingMessage } from '../incoming';
import { KeyQueue } from '../../sessions/key-queue';
import type { ChannelLog } from '../channel-log';
import { readEvent } from './read-event';
import { renderTurn, type RenderOptions } from './render';
import type { ZaloSender } from './sender';

/** The engine's channel name: session keys are "zalo:<user id>". */
export const CHANNEL = 'zalo';

export interface EventHandlerOptions {
  engine: Engine;
  sender: ZaloSender;
  render: RenderOptions;
  log: ChannelLog;
  userKey: (userId: string) => string;
}

/** Handles one verified webhook event; never throws (Zalo only sees our 200). */
export type EventHandler = (event: Record<string, unknown>) => Promise<void>;

/**
 * Between Zalo and the engine. The same message delivered twice (Zalo retries) is answered once: the engine
 * remembers `zl:<msg_id>` with the session, in Redis across instances. One user's events are handled, and
 * their replies sent, one after another in the order they reached this process; across processes the
 * engine's per-user lock orders them.
 */
export function createEventHandler(options: EventHandlerOptions): EventHandler {
  const { engine, sender, log } = options;
  const users = new KeyQueue();

  async function handle(event: Record<string, unknown>): Promise<void> {
    const intent = readEvent(event, { actions: options.render.buttons });
    if (intent.kind === 'ignore') return;
    const userId = intent.userId;
    if (intent.kind === 'unfollow') {
      await users.run(userId, () => engine.forget(CHANNEL, userId));
      return;
    }
    const message: IncomingMessage =
      intent.kind === 'follow'
        ? // A follow is answered with the welcome, once per follow (its timestamp names it, when it has one).
          {
            channel: CHANNEL,
            user: userId,
            text: '/start',
            ...(intent.timestamp ? { messageId: `zf:${intent.timestamp}` } : {}),
          }
        : incomingMessage(CHANNEL, userId, `zl:${intent.messageId}`, intent);
    await users.run(userId, async () => {
      const replies: Reply[] = await engine.handle(message);
      if (replies.length === 0) return; // a redelivery
      await sender.sendTurn(userId, renderTurn(replies, options.render));
    });
  }

  return async (event) => {
    try {
      await handle(event);
    } catch (error: unknown) {
      // Not the error object: it may carry a request's payload (the citizen's id, our reply).
      const err =
        error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
      log.error({ channel: CHANNEL, event: String(event.event_name), err }, 'zalo: event not handled');
    }
  };
}
