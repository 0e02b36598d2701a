import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Button, Reply } from '../../bot/types';
import { cutText, packBlocks, paragraphsOf, type Block as TextBlock } from '../text-blocks';

export { cutText };

/** Telegram's limit of a message's text, counted after entity parsing (tags do not count). */
export const MAX_MESSAGE_CHARS = 4096;
/** Telegram's limit of a button's `callback_data`, in bytes (a Vietnamese letter takes 2–3). */
export const MAX_CALLBACK_BYTES = 64;
/** At most this many buttons in a row: more makes Vietnamese labels unreadable on a phone. */
const MAX_PER_ROW = 3;
/** At most this many buttons in a message: more is a wall of buttons (the rest are left out and logged). */
export const MAX_BUTTONS = 10;

/** One `sendMessage` of a reply: HTML text and, on the last message of the reply, its buttons. */
export interface OutgoingMessage {
  /** HTML-parse-mode text; `length` of its visible text is at most MAX_MESSAGE_CHARS. */
  html: string;
  /** The same as plain text (no parse mode), at most MAX_MESSAGE_CHARS: sent if Telegram refuses `html`. */
  text: string;
  keyboard?: InlineKeyboardMarkup;
}

export interface RenderedReply {
  messages: OutgoingMessage[];
  /** Buttons left out because Telegram would refuse them (an action over 64 bytes): a bug to log. */
  dropped: Button[];
  /** Valid buttons left out because the message already has MAX_BUTTONS. */
  overflow: Button[];
}

/** Escapes text for HTML parse mode: the three characters Telegram requires, and `"` for attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** A piece of a message that is never cut: a paragraph, or a link with its anchor tag. */
interface Block extends TextBlock {
  html: string;
  /** The block as plain text. */
  plain: string;
  /** What Telegram counts: the characters shown (UTF-16 code units, as its entity offsets). */
  visible: number;
}

/**
 * An engine reply as Telegram messages. The engine's text is plain (no markup), so legal texts full of `<`,
 * `&` and quotes are escaped whole. A text too long for one message is cut between paragraphs (a paragraph
 * longer than a message is cut at a line, else a sentence, else a word); tags are only ever added around
 * whole blocks (links), so no cut falls inside one. Links become anchors under the text; buttons an inline
 * keyboard on the last message.
 */
export function renderReply(reply: Reply, limit = MAX_MESSAGE_CHARS): RenderedReply {
  const blocks: Block[] = paragraphsOf(reply.text, limit).map((paragraph) => ({
    html: escapeHtml(paragraph),
    plain: paragraph,
    visible: paragraph.length,
  }));
  for (const link of reply.links ?? []) {
    if (!/^https?:\/\//i.test(link.url)) continue;
    const label = cutText(link.label, limit - 2);
    blocks.push({
      html: `→ <a href="${escapeHtml(link.url)}">${escapeHtml(label)}</a>`,
      plain: cutText(`→ ${label}: ${link.url}`, limit),
      visible: label.length + 2,
    });
  }
  const messages: OutgoingMessage[] = packBlocks(blocks, limit).map((parts) => ({
    html: parts.map((b) => b.html).join('\n\n'),
    text: cutText(parts.map((b) => b.plain).join('\n\n'), limit),
  }));
  const buttons = reply.buttons ?? [];
  const valid = buttons.filter((b) => isValidAction(b.action) && b.label.trim() !== '');
  const dropped = buttons.filter((b) => !valid.includes(b));
  const shown = valid.slice(0, MAX_BUTTONS);
  const overflow = valid.slice(MAX_BUTTONS);
  if (shown.length > 0) {
    // A reply with only buttons still needs a text: Telegram refuses an empty message.
    if (messages.length === 0) messages.push({ html: '…', text: '…' });
    messages.at(-1)!.keyboard = { inline_keyboard: layoutButtons(shown) };
  }
  return { messages, dropped, overflow };
}

function isValidAction(action: string): boolean {
  const bytes = Buffer.byteLength(action, 'utf8');
  return bytes >= 1 && bytes <= MAX_CALLBACK_BYTES;
}

/**
 * How many buttons a label may share its row with: all buttons of a row are equally wide, so a long label
 * ("Sang tên sổ đỏ khi mua bán…") gets its own row, and short ones ("Lệ phí", "Nơi nộp") go three a row.
 */
function perRow(label: string): number {
  if (label.length <= 14) return MAX_PER_ROW;
  if (label.length <= 22) return 2;
  return 1;
}

/** Buttons in their order, in rows of at most 3, fewer when a label is long. */
export function layoutButtons(buttons: readonly Button[]): InlineKeyboardButton[][] {
  const rows: InlineKeyboardButton[][] = [];
  let row: Button[] = [];
  for (const button of buttons) {
    const candidate = [...row, button];
    if (row.length > 0 && candidate.length > Math.min(...candidate.map((b) => perRow(b.label)))) {
      rows.push(row.map(toInline));
      row = [button];
    } else row = candidate;
  }
  if (row.length > 0) rows.push(row.map(toInline));
  return rows;
}

function toInline(button: Button): InlineKeyboardButton {
  return { text: button.label, callback_data: button.action };
}
