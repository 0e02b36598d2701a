/**
 * What a Zalo webhook event asks of the bot. The envelope of a user's message is
 * `{app_id, event_name, timestamp, sender:{id}, recipient:{id}, message:{msg_id, text?, attachments?}}`;
 * follow and unfollow carry `follower:{id}` instead (channels.md A8). Ids are strings — a 19-digit id as a
 * JSON number has already lost digits, so an event with a numeric id is not used.
 */
export type ZaloIntent =
  /** A typed message, or a button's payload (which arrives as the text the button "sends"). */
  | { kind: 'text'; userId: string; messageId: string; text: string }
  /** A button of ours pressed (`#<action token>`): the engine resolves the token. */
  | { kind: 'action'; userId: string; messageId: string; action: string }
  /** A sticker, a photo, a voice message, a file, a location…: the bot reads text only. */
  | { kind: 'not_text'; userId: string; messageId: string }
  | { kind: 'follow'; userId: string; timestamp: string }
  | { kind: 'unfollow'; userId: string }
  /** Receipts, the OA's own messages (echoes), anonymous chats, anything else: nothing to do. */
  | { kind: 'ignore'; reason: string };

/** The prefix of our buttons' payloads: text that starts with it is a button press, not a question. */
export const ACTION_PREFIX = '#';
/** An action token (see the engine: `<nonce>.<n>`, at most 64 bytes); anything else after "#" is text. */
const ACTION = /^#([A-Za-z0-9_.:-]{1,64})$/;

const NOT_TEXT_EVENTS = new Set([
  'user_send_image',
  'user_send_gif',
  'user_send_sticker',
  'user_send_audio',
  'user_send_video',
  'user_send_file',
  'user_send_link',
  'user_send_location',
  'user_send_business_card',
]);

function id(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : null;
}

function field(object: unknown, key: string): unknown {
  return object && typeof object === 'object' ? (object as Record<string, unknown>)[key] : undefined;
}

/**
 * `actions`: whether our buttons are on (ZALO_BUTTONS). Only then is "#<token>" a press; otherwise a citizen's
 * hashtag ("#CCCD") is a question like any other.
 */
export function readEvent(event: unknown, { actions = true }: { actions?: boolean } = {}): ZaloIntent {
  const name = field(event, 'event_name');
  if (typeof name !== 'string') return { kind: 'ignore', reason: 'no event_name' };
  if (name === 'follow' || name === 'unfollow') {
    const userId = id(field(field(event, 'follower'), 'id'));
    if (!userId) return { kind: 'ignore', reason: `${name} without a follower id (string)` };
    if (name === 'unfollow') return { kind: 'unfollow', userId };
    const timestamp = field(event, 'timestamp');
    return {
      kind: 'follow',
      userId,
      timestamp: typeof timestamp === 'string' ? timestamp : String(timestamp ?? ''),
    };
  }
  const isText = name === 'user_send_text' || name === 'user_click_button';
  if (!isText && !NOT_TEXT_EVENTS.has(name)) return { kind: 'ignore', reason: name };
  const userId = id(field(field(event, 'sender'), 'id'));
  const message = field(event, 'message');
  const messageId = id(field(message, 'msg_id'));
  if (!userId || !messageId)
    return { kind: 'ignore', reason: `${name} without sender.id or message.msg_id (strings)` };
  if (!isText) return { kind: 'not_text', userId, messageId };
  // A click event may carry its payload apart from the text (its shape is unverified): take either.
  const raw = field(message, 'text') ?? field(message, 'payload');
  if (typeof raw !== 'string') return { kind: 'not_text', userId, messageId };
  const action = actions ? ACTION.exec(raw.trim()) : null;
  if (action) return { kind: 'action', userId, messageId, action: action[1]! };
  return { kind: 'text', userId, messageId, text: raw };
}
