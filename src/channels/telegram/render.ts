import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Button, Reply } from '../../bot/types';
import { splitLong } from '../../flows/split-long';

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

/** The first `max` UTF-16 code units of `text`, one fewer when the cut would split a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max > 0 && /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  return text.slice(0, Math.max(0, end));
}

/** Escapes text for HTML parse mode: the three characters Telegram requires, and `"` for attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** A piece of a message that is never cut: a paragraph, or a link with its anchor tag. */
interface Block {
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
  const blocks: Block[] = reply.text
    .split(/\n[ \t]*\n/)
    .flatMap((paragraph) => keepPairs(splitLong(paragraph, limit), limit))
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => ({ html: escapeHtml(paragraph), plain: paragraph, visible: paragraph.length }));
  for (const link of reply.links ?? []) {
    if (!/^https?:\/\//i.test(link.url)) continue;
    const label = cutText(link.label, limit - 2);
    blocks.push({
      html: `→ <a href="${escapeHtml(link.url)}">${escapeHtml(label)}</a>`,
      plain: cutText(`→ ${label}: ${link.url}`, limit),
      visible: label.length + 2,
    });
  }
  const messages: OutgoingMessage[] = pack(blocks, limit).map(({ html, plain }) => ({
    html,
    text: cutText(plain, limit),
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

/** Pieces of one paragraph, re-cut where a hard cut fell inside a surrogate pair (an emoji, a rare letter). */
function keepPairs(pieces: string[], limit: number): string[] {
  if (pieces.length < 2) return pieces;
  const out: string[] = [];
  let carry = '';
  for (const piece of pieces) {
    let rest = carry + piece;
    carry = '';
    while (rest.length > limit) {
      const head = cutText(rest, limit);
      out.push(head);
      rest = rest.slice(head.length);
    }
    if (/[\uD800-\uDBFF]$/.test(rest)) {
      carry = rest.slice(-1);
      rest = rest.slice(0, -1);
    }
    if (rest) out.push(rest);
  }
  if (carry) out.push(carry);
  return out;
}

/** Blocks into messages of at most `limit` visible characters, joined by a blank line. */
function pack(blocks: Block[], limit: number): { html: string; plain: string }[] {
  const parts: { html: string; plain: string }[] = [];
  let html = '';
  let plain = '';
  let visible = 0;
  for (const block of blocks) {
    if (html && visible + 2 + block.visible > limit) {
      parts.push({ html, plain });
      [html, plain, visible] = ['', '', 0];
    }
    html = html ? `${html}\n\n${block.html}` : block.html;
    plain = plain ? `${plain}\n\n${block.plain}` : block.plain;
    visible += (visible ? 2 : 0) + block.visible;
  }
  if (html) parts.push({ html, plain });
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
