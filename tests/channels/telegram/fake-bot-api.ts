import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'telegraf/types';
import {
  ApiError,
  badRequest,
  checkKeyboard,
  readJson,
  visibleText,
  type InlineKeyboard,
} from './fake-checks';

export { visibleText } from './fake-checks';

/**
 * A Bot API server on 127.0.0.1 for the channel's tests, written after channels.md (B, C8): the methods the
 * channel calls, Telegram's response envelope, its 400s for what our code could get wrong, getUpdates with
 * `offset` and `timeout` (and 409 for a second poller or while a webhook is set), webhook deliveries with
 * the secret header, and injectable 429/403/5xx.
 *
 * Error descriptions: "Too Many Requests: retry after N", "Bad Request: BUTTON_DATA_INVALID", "Bad Request:
 * reply markup is too long", "Forbidden: bot was blocked by the user" and the two 409 "Conflict: …" texts
 * are channels.md's. The others ("message is too long", "can't parse entities: …", "query is too old…")
 * are Telegram's as commonly reported, not in channels.md: the channel must rely on `error_code` only, and
 * does.
 */

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  /** The HTTP status answered; 0 while the request is held (a long poll). */
  status: number;
}

/** A failure to answer instead of the method's result. */
export type InjectedFailure =
  | { code: 429; retryAfter: number }
  | { code: 403 }
  | { code: 400; description: string }
  | { status: 500 | 502 | 503 | 504 };

export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
}

/** A message the bot sent (a successful sendMessage), as the fake keeps it. */
export interface SentMessage {
  message_id: number;
  chat_id: string;
  /** The text as the user sees it: tags removed, entities decoded. */
  text: string;
  /** The text as sent. */
  html: string;
  parse_mode?: string;
  reply_markup?: InlineKeyboard;
}

const TOKEN = '123456789:AAE-fake_token-for_tests_only';
const MAX_TEXT = 4096;

export class FakeBotApi {
  readonly token = TOKEN;
  readonly bot = {
    id: 7000000001,
    is_bot: true as const,
    first_name: 'Một cửa',
    username: 'MotcuaTestBot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
  readonly user = { id: 555001, is_bot: false, first_name: 'Lan', language_code: 'vi' };
  /** Every request, in order, with the status answered. */
  readonly calls: ApiCall[] = [];
  /** What the bot managed to send. */
  readonly sent: SentMessage[] = [];
  commands: { command: string; description: string }[] = [];
  webhook: { url: string; secret_token?: string; allowed_updates?: string[] } | null = null;

  private readonly server: http.Server;
  private pending: Update[] = [];
  private allowedUpdates: string[] | null = null;
  private nextUpdateId = 800_000_000;
  private nextMessageId = 1;
  private nextQueryId = 1;
  private readonly openQueries = new Set<string>();
  private readonly blocked = new Set<string>();
  private readonly failures = new Map<string, InjectedFailure[]>();
  private poll: { answer: (result: Update[] | ApiError) => void } | null = null;

  private constructor() {
    this.server = http.createServer((req, res) => void this.serve(req, res));
  }

  static async start(): Promise<FakeBotApi> {
    const fake = new FakeBotApi();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** TELEGRAM_API_ROOT for the channel. */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async close(): Promise<void> {
    this.poll?.answer([]);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- what tests inject ----------------------------------------------------------------------------------

  /** The next `times` calls of `method` fail so. */
  failNext(method: string, failure: InjectedFailure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  /** The user of this chat blocks the bot: every sendMessage to it gets 403. */
  block(chatId: number): void {
    this.blocked.add(String(chatId));
  }

  unblock(chatId: number): void {
    this.blocked.delete(String(chatId));
  }

  /** Updates for getUpdates, in one batch; a poll held open is answered at once. */
  push(...updates: Update[]): void {
    this.pending.push(...updates);
    if (this.poll) {
      const ready = this.takeUpdates(100);
      if (ready.length > 0) this.poll.answer(ready);
    }
  }

  /**
   * Telegram posting an update to the webhook set by setWebhook: to the same path on `origin` (the test
   * server: setWebhook needs an https URL), with the secret header when a secret was set.
   */
  async deliver(update: Update, origin: string, secret = this.webhook?.secret_token): Promise<number> {
    if (!this.webhook) throw new Error('no webhook set');
    const url = new URL(new URL(this.webhook.url).pathname, origin);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}),
      },
      body: JSON.stringify(update),
    });
    await response.arrayBuffer();
    return response.status;
  }

  // ---- updates as Telegram builds them --------------------------------------------------------------------

  privateChat(id = this.user.id): FakeChat {
    return { id, type: 'private' };
  }

  groupChat(id = -1001234567890): FakeChat {
    return { id, type: 'supergroup', title: 'Tổ dân phố 3' };
  }

  private messageBase(chat: FakeChat, from = this.user) {
    const chatObject =
      chat.type === 'private'
        ? { id: chat.id, type: chat.type, first_name: from.first_name }
        : { id: chat.id, type: chat.type, title: chat.title ?? 'Nhóm' };
    return { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: chatObject, from };
  }

  /** A text message; a leading "/command" gets its bot_command entity, as Telegram adds it. */
  textUpdate(chat: FakeChat, text: string, extra: Record<string, unknown> = {}): Update {
    const command = /^\/\w+(?:@\w+)?/.exec(text);
    const entities = command ? [{ type: 'bot_command', offset: 0, length: command[0].length }] : undefined;
    return {
      update_id: this.nextUpdateId++,
      message: { ...this.messageBase(chat), text, ...(entities ? { entities } : {}), ...extra },
    } as unknown as Update;
  }

  stickerUpdate(chat: FakeChat): Update {
    const sticker = {
      file_id: 'CAACAgIAAxkBAAEfake',
      file_unique_id: 'AgADfake',
      type: 'regular',
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: '👍',
    };
    return {
      update_id: this.nextUpdateId++,
      message: { ...this.messageBase(chat), sticker },
    } as unknown as Update;
  }

  photoUpdate(chat: FakeChat, caption?: string): Update {
    const photo = [
      { file_id: 'AgACfake', file_unique_id: 'AQADfake', width: 90, height: 90, file_size: 1200 },
    ];
    return {
      update_id: this.nextUpdateId++,
      message: { ...this.messageBase(chat), photo, ...(caption ? { caption } : {}) },
    } as unknown as Update;
  }

  /** The user pressing a button of a message the bot sent; the query stays open until answered. */
  callbackUpdate(message: SentMessage, data: string): Update {
    const id = `${4_000_000_000 + this.nextQueryId++}`;
    this.openQueries.add(id);
    const chatId = Number(message.chat_id);
    const chat =
      chatId > 0
        ? { id: chatId, type: 'private', first_name: this.user.first_name }
        : { id: chatId, type: 'supergroup', title: 'Nhóm' };
    return {
      update_id: this.nextUpdateId++,
      callback_query: {
        id,
        from: this.user,
        chat_instance: '-3141592653589793',
        data,
        message: {
          message_id: message.message_id,
          date: Math.floor(Date.now() / 1000),
          chat,
          from: this.bot,
          text: message.text,
          ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
        },
      },
    } as unknown as Update;
  }

  /** The callback queries the bot has not answered yet. */
  get unansweredQueries(): string[] {
    return [...this.openQueries];
  }

  // ---- what tests read ------------------------------------------------------------------------------------

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  sentTo(chatId: number): SentMessage[] {
    return this.sent.filter((m) => m.chat_id === String(chatId));
  }

  /** Waits until `check` holds (the channel works in the background). */
  async waitFor(check: () => boolean, what = 'condition', timeoutMs = 8000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > end) throw new Error(`fake Bot API: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  // ---- the server -----------------------------------------------------------------------------------------

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    const params = await readParams(req, url);
    // Recorded on arrival (a long poll is seen while held); the status is filled in when answered.
    const call: ApiCall = { method: match?.[2] ?? '', params, status: 0 };
    this.calls.push(call);
    const method = call.method;
    const send = (status: number, body: string, type = 'application/json') => {
      call.status = status;
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    const answer = (result: unknown) => {
      if (result instanceof ApiError) {
        const body = { ok: false, error_code: result.code, description: result.description };
        send(
          result.code,
          JSON.stringify(result.parameters ? { ...body, parameters: result.parameters } : body),
        );
      } else send(200, JSON.stringify({ ok: true, result }));
    };
    if (!match || (req.method !== 'POST' && req.method !== 'GET'))
      return answer(new ApiError(404, 'Not Found'));
    if (decodeURIComponent(match[1]!) !== this.token) return answer(new ApiError(401, 'Unauthorized'));

    const failure = this.failures.get(method)?.shift();
    if (failure) {
      // Telegram's front servers answer a 5xx with an HTML page, not the JSON envelope.
      if ('status' in failure)
        return send(failure.status, '<html><body>Bad Gateway</body></html>', 'text/html');
      return answer(injected(failure));
    }
    try {
      if (method === 'getUpdates') return answer(await this.getUpdates(params, res));
      answer(this.call(method, params));
    } catch (error: unknown) {
      if (error instanceof ApiError) answer(error);
      else send(500, String(error), 'text/plain');
    }
  }

  private call(method: string, params: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return this.bot;
      case 'sendMessage':
        return this.sendMessage(params);
      case 'answerCallbackQuery':
        return this.answerCallbackQuery(params);
      case 'setWebhook':
        return this.setWebhook(params);
      case 'deleteWebhook':
        this.webhook = null;
        if (params.drop_pending_updates === true || params.drop_pending_updates === 'true') this.pending = [];
        return true;
      case 'getWebhookInfo':
        return {
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.pending.length,
          ...(this.webhook?.allowed_updates ? { allowed_updates: this.webhook.allowed_updates } : {}),
        };
      case 'setMyCommands':
        return this.setMyCommands(params);
      default:
        throw new ApiError(404, 'Not Found');
    }
  }

  private sendMessage(params: Record<string, unknown>): unknown {
    const chatId = params.chat_id;
    if (chatId === undefined || chatId === '') throw badRequest('chat_id is empty');
    const html = String(params.text ?? '');
    const parseMode = params.parse_mode as string | undefined;
    if (
      parseMode !== undefined &&
      parseMode !== 'HTML' &&
      parseMode !== 'MarkdownV2' &&
      parseMode !== 'Markdown'
    )
      throw badRequest(`unsupported parse_mode`);
    const text = parseMode === 'HTML' ? visibleText(html) : html;
    if (text.trim() === '') throw badRequest('message text is empty');
    if (text.length > MAX_TEXT) throw badRequest('message is too long');
    const markup = readJson(params.reply_markup) as SentMessage['reply_markup'] | undefined;
    if (markup !== undefined) checkKeyboard(markup);
    if (this.blocked.has(String(chatId))) throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    const message: SentMessage = {
      message_id: this.nextMessageId++,
      chat_id: String(chatId),
      text,
      html,
      ...(parseMode ? { parse_mode: parseMode } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    };
    this.sent.push(message);
    const id = Number(chatId);
    return {
      message_id: message.message_id,
      date: Math.floor(Date.now() / 1000),
      chat:
        id > 0
          ? { id, type: 'private', first_name: this.user.first_name }
          : { id, type: 'supergroup', title: 'Nhóm' },
      from: this.bot,
      text,
      ...(markup ? { reply_markup: markup } : {}),
    };
  }

  private answerCallbackQuery(params: Record<string, unknown>): true {
    const id = String(params.callback_query_id ?? '');
    if (!this.openQueries.delete(id))
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    if (String(params.text ?? '').length > 200) throw badRequest('MESSAGE_TOO_LONG');
    return true;
  }

  private setWebhook(params: Record<string, unknown>): true {
    const url = String(params.url ?? '');
    if (url === '') {
      this.webhook = null;
      return true;
    }
    if (!url.startsWith('https://'))
      throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    const secret = params.secret_token as string | undefined;
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret))
      throw badRequest('secret token contains unallowed characters');
    const allowed = readJson(params.allowed_updates) as string[] | undefined;
    this.webhook = {
      url,
      ...(secret ? { secret_token: secret } : {}),
      ...(allowed ? { allowed_updates: allowed } : {}),
    };
    if (allowed) this.allowedUpdates = allowed;
    return true;
  }

  private setMyCommands(params: Record<string, unknown>): true {
    const commands = readJson(params.commands) as { command: string; description: string }[] | undefined;
    if (!Array.isArray(commands) || commands.length > 100)
      throw badRequest('commands must be an array of BotCommand');
    for (const c of commands) {
      if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest('BOT_COMMAND_INVALID');
      if (!c.description || c.description.length > 256) throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    this.commands = commands;
    return true;
  }

  /**
   * Confirms every update below `offset`, then answers what is left (up to `limit`) at once, or holds the
   * request up to `timeout` seconds for a new one. A second poll ends the one held with 409.
   */
  private async getUpdates(
    params: Record<string, unknown>,
    res: http.ServerResponse,
  ): Promise<Update[] | ApiError> {
    if (this.webhook)
      return new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(Math.max(Number(params.limit ?? 100), 1), 100);
    const timeout = Number(params.timeout ?? 0);
    const allowed = readJson(params.allowed_updates) as string[] | undefined;
    if (allowed) this.allowedUpdates = allowed.length > 0 ? allowed : null;
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.pending = this.pending.slice(offset);
    this.poll?.answer(
      new ApiError(
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      ),
    );
    const ready = this.takeUpdates(limit);
    if (ready.length > 0 || timeout <= 0) return ready;
    return new Promise((resolve) => {
      const timer = setTimeout(() => held.answer([]), timeout * 1000);
      const held = {
        answer: (result: Update[] | ApiError) => {
          clearTimeout(timer);
          if (this.poll === held) this.poll = null;
          resolve(result);
        },
      };
      this.poll = held;
      // A client that gives up (aborts) leaves no poll behind.
      res.once('close', () => held.answer([]));
    });
  }

  /** Updates not yet confirmed, of the allowed types; they stay pending until a later offset confirms them. */
  private takeUpdates(limit: number): Update[] {
    const allowed = this.allowedUpdates;
    if (allowed) this.pending = this.pending.filter((u) => Object.keys(u).some((k) => allowed.includes(k)));
    return this.pending.slice(0, limit);
  }
}

function injected(failure: Exclude<InjectedFailure, { status: number }>): ApiError {
  switch (failure.code) {
    case 429:
      return new ApiError(429, `Too Many Requests: retry after ${failure.retryAfter}`, {
        retry_after: failure.retryAfter,
      });
    case 403:
      return new ApiError(403, 'Forbidden: bot was blocked by the user');
    case 400:
      return new ApiError(400, failure.description);
  }
}

/** Parameters as Telegram takes them: query string, JSON or urlencoded body. */
async function readParams(req: http.IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if (!body) return params;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json'))
    return { ...params, ...(JSON.parse(body) as Record<string, unknown>) };
  if (type.includes('application/x-www-form-urlencoded'))
    return { ...params, ...Object.fromEntries(new URLSearchParams(body)) };
  return params;
}

/** A structured parameter: an object in a JSON body, a JSON string in a form or query. */
