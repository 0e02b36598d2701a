import type { IncomingMessage } from '../bot/types';

/** What a chat app's message holds for the engine: a text, a button's action, or something else. */
export type MessageContent =
  { kind: 'text'; text: string } | { kind: 'action'; action: string } | { kind: 'not_text' };

/** The engine's message for a channel's delivery; `messageId` makes a redelivery answered once. */
export function incomingMessage(
  channel: string,
  user: string,
  messageId: string,
  content: MessageContent,
): IncomingMessage {
  return {
    channel,
    user,
    messageId,
    ...(content.kind === 'text'
      ? { text: content.text }
      : content.kind === 'action'
        ? { action: content.action }
        : { notText: true }),
  };
}
