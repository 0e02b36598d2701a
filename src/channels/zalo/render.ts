import type { Button, Reply } from '../../bot/types';
import { cutText, packBlocks, paragraphsOf } from '../text-blocks';
import { ACTION_PREFIX } from './read-event';

/** Zalo's limit of a customer-service text message, in characters (channels.md A7). */
export const MAX_TEXT_CHARS = 2000;
/** Buttons a message may carry: the official SDK refuses more than 5; the v3 limit is unverified. */
export const MAX_BUTTONS = 5;
/** A button's title, at most (A7, weakly sourced: kept short anyway). */
const MAX_TITLE_CHARS = 100;

/** A button that "sends" its payload, hidden in the user's chat (`oa.query.hide`). */
export interface ZaloButton {
  title: string;
  type: 'oa.query.hide';
  payload: string;
}

/** One customer-service message: text and, behind ZALO_BUTTONS, buttons on the turn's last message. */
export interface ZaloMessage {
  text: string;
  buttons?: ZaloButton[];
}

export interface RenderOptions {
  /** "Bạn gõ 1, 2 hoặc 3 để chọn nhé." for buttons numbered `first`…`last`. */
  numberHint: (first: number, last: number) => string;
  /** Whether to add `oa.query.hide` buttons too (ZALO_BUTTONS). */
  buttons: boolean;
  limit?: number;
}

/**
 * One engine turn as Zalo messages. Zalo's text has no markup: links are written out ("→ label: url", which
 * the app makes clickable) and menus become numbered lines — the engine reads a typed "2" as the turn's
 * second button — with a hint under the last list. Texts are cut at paragraphs into messages of at most
 * 2,000 characters. With `buttons`, the turn's first five buttons also come as real buttons on its last
 * message, their payload `#<action>` (what Zalo sends back when one is pressed).
 */
export function renderTurn(replies: readonly Reply[], options: RenderOptions): ZaloMessage[] {
  const limit = options.limit ?? MAX_TEXT_CHARS;
  const messages: ZaloMessage[] = [];
  const all: Button[] = [];
  let number = 0;
  const lastWithButtons = replies.findLastIndex((r) => (r.buttons?.length ?? 0) > 0);
  replies.forEach((reply, index) => {
    const blocks = paragraphsOf(reply.text, limit);
    for (const link of reply.links ?? []) {
      if (/^https?:\/\//i.test(link.url)) blocks.push(cutText(`→ ${link.label}: ${link.url}`, limit));
    }
    const buttons = reply.buttons ?? [];
    if (buttons.length > 0) {
      const lines = buttons.map((b) => `${++number}. ${b.label}`).join('\n');
      blocks.push(...paragraphsOf(lines, limit));
      all.push(...buttons);
      if (index === lastWithButtons) blocks.push(cutText(options.numberHint(1, number), limit));
    }
    for (const parts of packBlocks(
      blocks.map((text) => ({ text, visible: text.length })),
      limit,
    ))
      messages.push({ text: parts.map((p) => p.text).join('\n\n') });
  });
  if (options.buttons && all.length > 0 && messages.length > 0) {
    const buttons = all
      .filter((b) => b.label.trim() !== '' && b.action.length <= 64)
      .slice(0, MAX_BUTTONS)
      .map((b): ZaloButton => ({
        title: cutText(b.label, MAX_TITLE_CHARS),
        type: 'oa.query.hide',
        payload: `${ACTION_PREFIX}${b.action}`,
      }));
    if (buttons.length > 0) messages.at(-1)!.buttons = buttons;
  }
  return messages;
}

/**
 * "1, 2 hoặc 3" — the numbers a user may type, with the word for "or" from messages.yaml; a range ("1–11")
 * when there are more than four.
 */
export function numberList(first: number, last: number, or: string): string {
  if (first === last) return String(first);
  if (last - first >= 4) return `${first}–${last}`;
  const numbers = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return `${numbers.slice(0, -1).join(', ')} ${or} ${last}`;
}
