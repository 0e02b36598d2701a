/** What a channel hands the engine: one incoming message or button press. */
export interface IncomingMessage {
  /** "web", "telegram", "zalo", "terminal"… — used for session keys and records, never for wording. */
  channel: string;
  /** The channel's user id (a string, even when the channel uses numbers). */
  user: string;
  text?: string;
  /** The token of a button the user pressed. */
  action?: string;
  /**
   * A message the channel cannot pass on as text (a sticker, a photo, a voice message): the engine answers that
   * it reads only text — through the session store, so a redelivered one is answered once on every instance.
   */
  notText?: boolean;
  /** The channel's id of this message: the same id delivered twice is answered once. */
  messageId?: string;
  locale?: string;
}

export interface Button {
  label: string;
  /** A short opaque token (at most 64 bytes: Telegram's callback_data), resolved by the engine. */
  action: string;
}

export interface Link {
  label: string;
  url: string;
}

/** One message of the bot: plain text (short paragraphs, "• " lists — no channel markup), buttons, links. */
export interface Reply {
  text: string;
  buttons?: Button[];
  links?: Link[];
}
