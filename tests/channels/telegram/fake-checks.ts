/**
 * What the fake Bot API checks as Telegram does (channels.md B3, B4): the error envelope, HTML parse mode,
 * inline keyboards, structured parameters.
 */

/** A Bot API error: `{ ok: false, error_code, description, parameters? }` with the same HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: object,
  ) {
    super(description);
  }
}

export const badRequest = (description: string) => new ApiError(400, `Bad Request: ${description}`);

const HTML_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'tg-emoji',
  'blockquote',
]);

export function readJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest("can't parse JSON object");
  }
}

/** An inline keyboard as the fake receives it. */
export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data?: string; url?: string }[][];
}

export function checkKeyboard(markup: InlineKeyboard | undefined): void {
  const rows = markup?.inline_keyboard;
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row)))
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  // Community-measured limits (channels.md B3, UNVERIFIED): 8 a row, 100 in all.
  if (rows.some((row) => row.length > 8) || rows.flat().length > 100)
    throw badRequest('reply markup is too long');
  for (const button of rows.flat()) {
    if (typeof button.text !== 'string' || button.text === '')
      throw badRequest('text buttons are unallowed in the inline keyboard');
    const actions = ['callback_data', 'url'].filter((k) => k in button);
    if (actions.length !== 1) throw badRequest('can\'t find field "text" or a button action');
    if ('callback_data' in button) {
      const bytes = Buffer.byteLength(String(button.callback_data), 'utf8');
      if (bytes < 1 || bytes > 64) throw badRequest('BUTTON_DATA_INVALID');
    }
    if ('url' in button && !/^(https?|tg):\/\//.test(String(button.url)))
      throw badRequest('BUTTON_URL_INVALID');
  }
}

/** UTF-8 byte offset of a string index, as Telegram reports positions in its parse errors. */
function byteOffset(html: string, index: number): number {
  return Buffer.byteLength(html.slice(0, index), 'utf8');
}

/**
 * The text a user sees of an HTML-parse-mode message, or a 400 like Telegram's: only the supported tags,
 * properly nested and closed; every `<`, `>` and `&` outside a tag or entity is refused (channels.md B4);
 * only `&lt; &gt; &amp; &quot;` and numeric entities.
 */
export function visibleText(html: string): string {
  const fail = (what: string) => badRequest(`can't parse entities: ${what}`);
  const open: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const rest = html.slice(i);
    const c = html[i]!;
    if (c === '<') {
      const tag =
        /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*>/.exec(
          rest,
        );
      if (!tag) throw fail(`Unexpected start tag at byte offset ${byteOffset(html, i)}`);
      const [whole, closing, rawName, attributes = ''] = tag;
      const name = rawName!.toLowerCase();
      if (closing) {
        const expected = open.pop();
        if (expected !== name)
          throw fail(
            `Unmatched end tag at byte offset ${byteOffset(html, i)}, expected "</${expected ?? ''}>", found "</${name}>"`,
          );
      } else {
        if (!HTML_TAGS.has(name))
          throw fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(html, i)}`);
        if (name === 'a' && !/\bhref\s*=/.test(attributes))
          throw fail(`Can't find href of the link at byte offset ${byteOffset(html, i)}`);
        if (/&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)/.test(attributes))
          throw fail(`Unsupported HTML entity in an attribute at byte offset ${byteOffset(html, i)}`);
        open.push(name);
      }
      i += whole.length;
      continue;
    }
    if (c === '&') {
      const entity = /^&(?:(lt|gt|amp|quot)|#(\d+)|#x([0-9a-fA-F]+));/.exec(rest);
      if (!entity) throw fail(`Character entity expected at byte offset ${byteOffset(html, i)}`);
      const named = { lt: '<', gt: '>', amp: '&', quot: '"' } as const;
      text += entity[1]
        ? named[entity[1] as keyof typeof named]
        : String.fromCodePoint(entity[2] ? Number(entity[2]) : parseInt(entity[3]!, 16));
      i += entity[0].length;
      continue;
    }
    if (c === '>') throw fail(`Unescaped ">" at byte offset ${byteOffset(html, i)}`);
    text += c;
    i++;
  }
  if (open.length > 0) throw fail(`Can't find end tag corresponding to start tag "${open.at(-1)}"`);
  return text;
}
