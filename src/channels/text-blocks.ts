import { splitLong } from '../flows/split-long';

/**
 * Cutting a reply's text into a chat app's messages, shared by the channels: paragraphs are never cut while
 * they fit, a paragraph too long for one message is cut at a line, else a sentence, else a word, and
 * messages are filled with whole blocks joined by a blank line.
 */

/** The first `max` UTF-16 code units of `text`, one fewer when the cut would split a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max > 0 && /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  return text.slice(0, Math.max(0, end));
}

/** The text's non-empty paragraphs, each at most `limit` code units (long ones cut as above). */
export function paragraphsOf(text: string, limit: number): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .flatMap((paragraph) => keepPairs(splitLong(paragraph, limit), limit))
    .filter((paragraph) => paragraph.trim() !== '');
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

/** A piece of a message that is never cut; `visible` is what the app counts of it. */
export interface Block {
  visible: number;
}

/** Blocks into messages of at most `limit` visible characters (a blank line, 2, between two blocks). */
export function packBlocks<B extends Block>(blocks: readonly B[], limit: number): B[][] {
  const messages: B[][] = [];
  let current: B[] = [];
  let visible = 0;
  for (const block of blocks) {
    if (current.length > 0 && visible + 2 + block.visible > limit) {
      messages.push(current);
      [current, visible] = [[], 0];
    }
    current.push(block);
    visible += (current.length > 1 ? 2 : 0) + block.visible;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
