import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Button, Reply } from '../../bot/types';
import { splitLong } from '../../flows/split-long';

/** Telegram's limit of a message's text, counted after entity parsing (tags do not count). */
export const MAX_MESSAGE_CHARS = 4096;
/** Telegram's limit of a button's `callback_data`, in bytes (a Vietnamese letter takes 2–3). */
export const MAX_CALLBACK_BYTES = 64;
/** At most this many buttons in a row: more makes Vietnamese labels unreadable on a phone. */
const MAX_PER_ROW = 3;

/** One `sendMessage` of a reply: HTML text and, on the last message of the reply, its buttons. */
export interface OutgoingMessage {
  /** HTML-parse-mode text; `length` of its visible text is at most MAX_MESSAGE_CHARS. */
  html: string;
  keyboard?: InlineKeyboardMarkup;
}

export interface RenderedReply {
  messages: OutgoingMessage[];
  /** Buttons left out because Telegram would refuse them (an action over 64 bytes): a bug to log. */
  dropped: Button[];
}

/** Escapes text for HTML parse mode: the three characters Telegram requires, and `"` for attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** A piece of a message that is never cut: a paragraph, or a link with its anchor tag. */
interface Block {
  html: string;
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
  const blocks: Block[] = reply.text
    .split(/\n[ \t]*\n/)
    .flatMap((paragraph) => splitLong(paragraph, limit))
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => ({ html: escapeHtml(paragraph), visible: paragraph.length }));
  for (const link of reply.links ?? []) {
    if (!/^https?:\/\//i.test(link.url)) continue;
    const label = link.label.slice(0, limit - 2);
    blocks.push({
      html: `→ <a href="${escapeHtml(link.url)}">${escapeHtml(label)}</a>`,
      visible: label.length + 2,
    });
  }
  const messages: OutgoingMessage[] = pack(blocks, limit).map((html) => ({ html }));
  const buttons = reply.buttons ?? [];
  const valid = buttons.filter((b) => isValidAction(b.action) && b.label.trim() !== '');
  const dropped = buttons.filter((b) => !valid.includes(b));
  if (valid.length > 0) {
    // A reply with only buttons still needs a text: Telegram refuses an empty message.
    if (messages.length === 0) messages.push({ html: '…' });
    messages.at(-1)!.keyboard = { inline_keyboard: layoutButtons(valid) };
  }
  return { messages, dropped };
}

/** Blocks into messages of at most `limit` visible characters, joined by a blank line. */
function pack(blocks: Block[], limit: number): string[] {
  const parts: string[] = [];
  let html = '';
  let visible = 0;
  for (const block of blocks) {
    if (html && visible + 2 + block.visible > limit) {
      parts.push(html);
      [html, visible] = ['', 0];
    }
    html = html ? `${html}\n\n${block.html}` : block.html;
    visible += (visible ? 2 : 0) + block.visible;
  }
  if (html) parts.push(html);
  return parts;
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
