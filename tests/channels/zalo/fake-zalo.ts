import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Zalo OA Open API and its OAuth server on 127.0.0.1, for the channel's tests, written after channels.md
 * part A (A2–A8) — not after our code:
 *
 * - `POST /v3.0/oa/message/cs` (A3, A4): header `access_token` (the currently valid access token), JSON body
 *   `{recipient:{user_id}, message:{text, attachment?}}`; HTTP 200 with `{error:0, message:'Success', data}`
 *   or an error envelope `{error, message}` (A5). A user who never wrote to the OA (no event delivered by
 *   this fake) is out of the 7-day window: -230 (A6).
 * - `POST /v4/oa/access_token` (A2): form body (`app_id`, `grant_type=refresh_token`, `refresh_token`),
 *   header `secret_key` = the app secret. A refresh token is single-use: spending it issues a new pair and
 *   invalidates the old refresh token and the old access token. `expires_in` is a string ("90000"). A spent
 *   or unknown refresh token gets `{error:-14014, error_name, error_description}` (shape per A2; the exact
 *   code is UNVERIFIED, so the channel must not depend on it).
 * - Webhook deliveries (A8): one event per POST, signed `X-ZEvent-Signature` = sha256(app_id + raw body +
 *   timestamp + OA secret key), with or without the `mac=` prefix (A8.4).
 *
 * Whatever a real Zalo would not expect from us (a wrong header, a missing field, an id as a number, a text
 * over 2,000 characters, a button of the wrong shape) is recorded in `violations`; tests assert it stays
 * empty. What the API permits but the test wants to see fail is scripted with `failNext`.
 */

export interface SentButton {
  title: string;
  type: string;
  payload: string;
}

/** A message Zalo accepted (error 0), as the user's phone shows it. */
export interface SentZaloMessage {
  message_id: string;
  user_id: string;
  text: string;
  buttons?: SentButton[];
}

/** One call of the send endpoint, whatever its outcome. */
export interface SendCall {
  userId: string | null;
  text: string | null;
  hasButtons: boolean;
  /** Zalo's `error` code answered; 'http' for an injected HTTP error, 'stalled' for a held request. */
  outcome: number | 'http' | 'stalled';
  at: number;
}

/** What the next send answers instead of its normal outcome (once the request itself is well-formed). */
export type SendFailure =
  | { error: -32 | -201 | -213 | -216 | -220 | -230 | -232 | -233; buttonsOnly?: boolean }
  | { status: 500 | 502 | 503 }
  /** Never answered (until the fake closes): the client's timeout must end it. */
  | { stall: true };

const MESSAGES: Record<number, string> = {
  [-32]: 'Your application reached limit call api',
  [-201]: 'message is invalid!',
  [-213]: 'User has not followed OA',
  [-216]: 'Access token is invalid',
  [-220]: 'access_token is expired or removed',
  [-230]: 'User has not interacted with the OA in the past 7 days',
  [-232]: 'User has not interacted with the OA, or the last interaction has expired',
  [-233]: 'Message type is invalid or not support',
};

const MAX_TEXT = 2000;
const MAX_BUTTONS = 5;
const MAX_TITLE = 100;
const MAX_PAYLOAD = 1000;

export class FakeZalo {
  readonly appId = '2553928453557880123';
  readonly appSecret = 'fake-APP-secret_Zl0a9x8c7v6b5n4m';
  readonly oaSecretKey = 'fake-OA-secret_key_q1w2e3r4t5y6u7';
  readonly oaId = '3662729599332560000';
  /** The pair the operator got first (ZALO_ACCESS_TOKEN, ZALO_REFRESH_TOKEN). */
  readonly firstPair: { accessToken: string; refreshToken: string };

  /** Everything Zalo would have refused as malformed, or that breaks the protocol; must stay empty. */
  readonly violations: string[] = [];
  readonly sent: SentZaloMessage[] = [];
  readonly sendCalls: SendCall[] = [];
  /** Every call of the token endpoint (spent, refused or malformed). */
  refreshCalls = 0;
  /** Refreshes that issued a new pair. */
  refreshes = 0;
  /** Delay of the token endpoint, so that two refreshers really overlap. */
  oauthDelayMs = 0;

  private validAccess: string | null;
  private validRefresh: string | null;
  private readonly everIssued = new Set<string>();
  /** Access tokens that worked once, with the code a call using one now gets. */
  private readonly dead = new Map<string, number>();
  private readonly interacted = new Set<string>();
  private readonly failures: SendFailure[] = [];
  private readonly server: http.Server;
  private nextMessage = 1;
  private nextMsgId = 1;
  private lastTimestamp = 0;
  private tokenSerial = 0;

  private constructor() {
    this.firstPair = { accessToken: this.newToken('AT'), refreshToken: this.newToken('RT') };
    this.validAccess = this.firstPair.accessToken;
    this.validRefresh = this.firstPair.refreshToken;
    this.server = http.createServer((req, res) => void this.serve(req, res));
  }

  static async start(): Promise<FakeZalo> {
    const fake = new FakeZalo();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** ZALO_API_ROOT and ZALO_OAUTH_ROOT for the channel (both hosts are this server). */
  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- what tests script ----------------------------------------------------------------------------------

  /** The next `times` well-formed sends (with buttons only, for `buttonsOnly`) answer so. */
  failNext(failure: SendFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(failure);
  }

  clearFailures(): void {
    this.failures.length = 0;
  }

  /**
   * The access token in use stops working — expired (answered -220 or -216: which one Zalo uses is
   * UNVERIFIED, E5) — while the refresh token still works.
   */
  expireAccessToken(answer: -216 | -220 = -216): void {
    if (this.validAccess) this.dead.set(this.validAccess, answer);
    this.validAccess = null;
  }

  /** The refresh token stops working too (3 months passed, or the OA admin removed the app). */
  revokeRefreshToken(): void {
    this.validRefresh = null;
  }

  /** The user wrote to the OA (their 7-day window opens), as a delivered event of theirs does. */
  userWrote(userId: string): void {
    this.interacted.add(userId);
  }

  /** The user has not written for more than 7 days. */
  forgetInteraction(userId: string): void {
    this.interacted.delete(userId);
  }

  /** The access and refresh tokens valid now (tests compare what the channel stored). */
  get currentPair(): { accessToken: string | null; refreshToken: string | null } {
    return { accessToken: this.validAccess, refreshToken: this.validRefresh };
  }

  /** Every token this fake ever issued (to check none reaches a log). */
  get issuedTokens(): string[] {
    return [...this.everIssued];
  }

  // ---- events as Zalo builds them (A8) --------------------------------------------------------------------

  /** A 13-digit millisecond timestamp as a string, strictly increasing. */
  timestamp(): string {
    this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1);
    return String(this.lastTimestamp);
  }

  msgId(): string {
    return `${(this.nextMsgId++).toString(16).padStart(8, '0')}${randomBytes(6).toString('hex')}`;
  }

  private envelope(eventName: string, userId: string, message: Record<string, unknown>) {
    return {
      app_id: this.appId,
      user_id_by_app: `9791221850${userId.slice(-9)}`,
      event_name: eventName,
      timestamp: this.timestamp(),
      sender: { id: userId },
      recipient: { id: this.oaId },
      message,
    };
  }

  textEvent(userId: string, text: string, msgId = this.msgId()) {
    return this.envelope('user_send_text', userId, { msg_id: msgId, text });
  }

  /** A press of an `oa.query.*` button, if Zalo sends it as its own event (UNVERIFIED, E2). */
  clickEvent(userId: string, payload: string, msgId = this.msgId()) {
    return this.envelope('user_click_button', userId, { msg_id: msgId, payload });
  }

  attachmentEvent(
    userId: string,
    kind: 'image' | 'gif' | 'sticker' | 'audio' | 'video' | 'file' | 'link' | 'location',
  ) {
    const payloads = {
      image: { url: 'https://photo.example.invalid/a.jpg', thumbnail: 'https://photo.example.invalid/t.jpg' },
      gif: { url: 'https://photo.example.invalid/a.gif', thumbnail: 'https://photo.example.invalid/t.gif' },
      sticker: { id: 'bf4b1c3a5a7fb321ea6e', url: 'https://zalo-api.example.invalid/sticker?eid=1' },
      audio: { url: 'https://voice.example.invalid/a.aac' },
      video: { url: 'https://video.example.invalid/a.mp4', thumbnail: 'https://video.example.invalid/t.jpg' },
      file: { url: 'https://file.example.invalid/cccd.pdf', name: 'cccd.pdf', size: '204800', type: 'pdf' },
      link: { url: 'https://dichvucong.gov.vn/', description: 'Cổng Dịch vụ công' },
      location: { coordinates: { latitude: '16.0544', longitude: '108.2022' } },
    } as const;
    return this.envelope(`user_send_${kind}`, userId, {
      msg_id: this.msgId(),
      attachments: [{ type: kind, payload: payloads[kind] }],
    });
  }

  /** Follow and unfollow have their own envelope: `follower`, no sender/recipient (A8.2). */
  followEvent(userId: string, name: 'follow' | 'unfollow' = 'follow') {
    return {
      app_id: this.appId,
      oa_id: this.oaId,
      follower: { id: userId },
      user_id_by_app: `9791221850${userId.slice(-9)}`,
      event_name: name,
      source: 'oa_profile',
      timestamp: this.timestamp(),
    };
  }

  /** Delivery receipt of a message of ours: from the OA to the user. */
  receivedEvent(userId: string, messageId: string) {
    return {
      ...this.envelope('user_received_message', this.oaId, { msg_id: messageId }),
      recipient: { id: userId },
    };
  }

  seenEvent(userId: string, messageIds: string[]) {
    return this.envelope('user_seen_message', userId, { msg_ids: messageIds });
  }

  /** The OA's own message echoed back (sent by us, or by staff from the OA Manager). */
  echoEvent(userId: string, text: string) {
    return {
      ...this.envelope('oa_send_text', this.oaId, { msg_id: this.msgId(), text }),
      recipient: { id: userId },
    };
  }

  /** The signature Zalo puts in `X-ZEvent-Signature`, computed here independently of the channel's code. */
  sign(rawBody: string, timestamp: string, secret = this.oaSecretKey): string {
    return createHash('sha256')
      .update(this.appId + rawBody + timestamp + secret, 'utf8')
      .digest('hex');
  }

  /**
   * Zalo posting an event to the webhook at `url`: the raw body as given (a string is sent byte for byte),
   * signed with the `mac=` prefix unless told otherwise. A user's event opens their 7-day window.
   */
  async deliver(
    url: string,
    event: object | string,
    signature: 'mac' | 'bare' | 'upper' | 'wrong' | 'none' = 'mac',
  ): Promise<number> {
    const raw = typeof event === 'string' ? event : JSON.stringify(event);
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const timestamp = String(parsed.timestamp ?? '');
    const hex = this.sign(raw, timestamp);
    const header = {
      mac: `mac=${hex}`,
      bare: hex,
      upper: `mac=${hex.toUpperCase()}`,
      wrong: `mac=${this.sign(raw, timestamp, 'not-the-oa-secret')}`,
      none: undefined,
    }[signature];
    const user = userOf(parsed);
    if (user && String(parsed.event_name).startsWith('user_send_')) this.interacted.add(user);
    if (user && parsed.event_name === 'follow') this.interacted.add(user);
    if (user && parsed.event_name === 'user_click_button') this.interacted.add(user);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(header ? { 'x-zevent-signature': header } : {}) },
      body: raw,
    });
    await response.arrayBuffer();
    return response.status;
  }

  // ---- what tests read ------------------------------------------------------------------------------------

  sentTo(userId: string): SentZaloMessage[] {
    return this.sent.filter((m) => m.user_id === userId);
  }

  callsTo(userId: string): SendCall[] {
    return this.sendCalls.filter((c) => c.userId === userId);
  }

  async waitFor(check: () => boolean, what = 'condition', timeoutMs = 8000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > end) throw new Error(`fake Zalo: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  // ---- the server -----------------------------------------------------------------------------------------

  private newToken(kind: 'AT' | 'RT' | 'CODE'): string {
    const token = `${kind}${++this.tokenSerial}_${randomBytes(24).toString('base64url')}`;
    this.everIssued.add(token);
    return token;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'POST' && path === '/v3.0/oa/message/cs') return this.send(req, raw, json);
    if (req.method === 'POST' && path === '/v4/oa/access_token') return this.refresh(req, raw, json);
    this.violations.push(`${req.method} ${req.url}: no such endpoint`);
    json(404, { error: 404, message: 'Not found' });
  }

  private send(req: http.IncomingMessage, raw: string, json: (status: number, body: unknown) => void): void {
    const violation = (what: string) => this.violations.push(`message/cs: ${what}`);
    const call: SendCall = { userId: null, text: null, hasButtons: false, outcome: 0, at: Date.now() };
    this.sendCalls.push(call);
    const answer = (error: number) => {
      call.outcome = error;
      json(200, { error, message: MESSAGES[error] ?? 'Unknown error' });
    };
    const type = req.headers['content-type'];
    if (typeof type !== 'string' || !/^application\/json\b/i.test(type))
      violation(`Content-Type is ${String(type)}, not application/json`);
    if (req.headers.authorization !== undefined)
      violation('an Authorization header (Zalo reads access_token)');
    const token = req.headers['access_token'];
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      violation('the body is not JSON');
      return answer(-201);
    }
    const problems = checkSendBody(body);
    for (const problem of problems) violation(problem);
    const message = (body as { message?: { text?: unknown; attachment?: { payload?: unknown } } }).message;
    const userId = (body as { recipient?: { user_id?: unknown } }).recipient?.user_id;
    call.userId = typeof userId === 'string' ? userId : null;
    call.text = typeof message?.text === 'string' ? message.text : null;
    call.hasButtons = message?.attachment !== undefined;
    if (typeof token !== 'string' || token === '') {
      violation('no access_token header');
      return answer(-216);
    }
    if (problems.length > 0) return answer(-201);
    if (token !== this.validAccess) return answer(this.dead.get(token) ?? -216);

    const index = this.failures.findIndex((f) => !('buttonsOnly' in f && f.buttonsOnly) || call.hasButtons);
    const failure = index >= 0 ? this.failures.splice(index, 1)[0] : undefined;
    if (failure && 'error' in failure) return answer(failure.error);
    if (failure && 'status' in failure) {
      call.outcome = 'http';
      json(failure.status, { error: -1, message: 'Internal Server Error' });
      return;
    }
    if (failure && 'stall' in failure) {
      call.outcome = 'stalled';
      return; // held until the client gives up or the fake closes
    }
    if (!this.interacted.has(call.userId!)) return answer(-230);

    const sent: SentZaloMessage = {
      message_id: `${(this.nextMessage++).toString(16).padStart(6, '0')}${randomBytes(10).toString('hex')}`,
      user_id: call.userId!,
      text: call.text!,
    };
    const buttons = (message?.attachment?.payload as { buttons?: SentButton[] } | undefined)?.buttons;
    if (buttons) sent.buttons = buttons;
    this.sent.push(sent);
    json(200, {
      data: {
        message_id: sent.message_id,
        user_id: sent.user_id,
        sent_time: String(Date.now()),
        quota: { quota_type: 'reply', remain: '8', total: '8' },
      },
      error: 0,
      message: 'Success',
    });
  }

  private async refresh(
    req: http.IncomingMessage,
    raw: string,
    json: (status: number, body: unknown) => void,
  ): Promise<void> {
    const violation = (what: string) => this.violations.push(`oa/access_token: ${what}`);
    this.refreshCalls++;
    const type = req.headers['content-type'];
    if (typeof type !== 'string' || !/^application\/x-www-form-urlencoded\b/i.test(type))
      violation(`Content-Type is ${String(type)}, not application/x-www-form-urlencoded`);
    if (req.headers['access_token'] !== undefined) violation('an access_token header on the OAuth call');
    const secret = req.headers['secret_key'];
    const form = new URLSearchParams(raw);
    const keys = [...form.keys()].sort();
    if (form.get('grant_type') === 'authorization_code') return this.exchange(form, secret, json);
    if (keys.join(',') !== 'app_id,grant_type,refresh_token')
      violation(`form fields ${JSON.stringify(keys)}, expected app_id, grant_type, refresh_token once each`);
    if (form.get('app_id') !== this.appId) violation(`app_id ${JSON.stringify(form.get('app_id'))}`);
    if (form.get('grant_type') !== 'refresh_token')
      violation(`grant_type ${JSON.stringify(form.get('grant_type'))}`);
    if (this.oauthDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.oauthDelayMs));
    if (secret !== this.appSecret) {
      violation(secret === undefined ? 'no secret_key header' : 'secret_key is not the app secret');
      return json(200, {
        error: -14002,
        error_name: 'Invalid secret key',
        error_description: 'secret_key is invalid',
      });
    }
    const refreshToken = form.get('refresh_token');
    if (!refreshToken || refreshToken !== this.validRefresh) {
      return json(200, {
        error: -14014,
        error_name: 'Invalid refresh token',
        error_description: 'Refresh token is invalid, expired or already used',
      });
    }
    this.refreshes++;
    if (this.validAccess) this.dead.set(this.validAccess, -216);
    // Single use: the old refresh token and the old access token die with this refresh (A2).
    this.validAccess = this.newToken('AT');
    this.validRefresh = this.newToken('RT');
    json(200, { access_token: this.validAccess, refresh_token: this.validRefresh, expires_in: '90000' });
  }

  /** Codes the admin's consent produced, with the PKCE challenge each was asked with (single use). */
  private readonly codes = new Map<string, string>();

  /** What Zalo's consent page gives the callback for a `code_challenge` (A2: single use, PKCE S256). */
  authorizationCode(codeChallenge: string): string {
    const code = this.newToken('CODE');
    this.codes.set(code, codeChallenge);
    return code;
  }

  /** The code exchange: fields `code`, `app_id`, `grant_type=authorization_code`, `code_verifier` (A2). */
  private exchange(
    form: URLSearchParams,
    secret: string | string[] | undefined,
    json: (status: number, body: unknown) => void,
  ): void {
    const violation = (what: string) => this.violations.push(`oa/access_token (code): ${what}`);
    const keys = [...form.keys()].sort();
    if (keys.join(',') !== 'app_id,code,code_verifier,grant_type')
      violation(`form fields ${JSON.stringify(keys)}`);
    if (form.get('app_id') !== this.appId) violation(`app_id ${JSON.stringify(form.get('app_id'))}`);
    if (secret !== this.appSecret) violation('secret_key is not the app secret');
    const code = form.get('code') ?? '';
    const challenge = this.codes.get(code);
    this.codes.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    if (!challenge || createHash('sha256').update(verifier).digest('base64url') !== challenge)
      return json(200, {
        error: -14019,
        error_name: 'Invalid code',
        error_description: 'code is invalid or expired',
      });
    if (this.validAccess) this.dead.set(this.validAccess, -216);
    this.validAccess = this.newToken('AT');
    this.validRefresh = this.newToken('RT');
    json(200, { access_token: this.validAccess, refresh_token: this.validRefresh, expires_in: '90000' });
  }

  /** Whether this is the pair Zalo would accept now. */
  isValidPair(accessToken: string, refreshToken: string): boolean {
    return accessToken === this.validAccess && refreshToken === this.validRefresh;
  }
}

function userOf(event: Record<string, unknown>): string | null {
  const follower = (event.follower as { id?: unknown } | undefined)?.id;
  const sender = (event.sender as { id?: unknown } | undefined)?.id;
  const id = follower ?? sender;
  return typeof id === 'string' ? id : null;
}

/** What Zalo would refuse in a CS message body (A3, A7), as violations. */
export function checkSendBody(body: unknown): string[] {
  const problems: string[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const extra = (object: Record<string, unknown>, allowed: string[], where: string) => {
    for (const key of Object.keys(object))
      if (!allowed.includes(key)) problems.push(`unexpected field ${where}.${key}`);
  };
  if (!isObject(body)) return ['the body is not an object'];
  extra(body, ['recipient', 'message'], 'body');
  const recipient = body.recipient;
  if (!isObject(recipient)) problems.push('no recipient object');
  else {
    extra(recipient, ['user_id'], 'recipient');
    if (typeof recipient.user_id !== 'string')
      problems.push(`recipient.user_id is a ${typeof recipient.user_id}, not a string`);
    else if (!/^\d{1,32}$/.test(recipient.user_id))
      problems.push(`recipient.user_id ${JSON.stringify(recipient.user_id)}`);
  }
  const message = body.message;
  if (!isObject(message)) return [...problems, 'no message object'];
  extra(message, ['text', 'attachment'], 'message');
  if (typeof message.text !== 'string' || message.text.trim() === '') problems.push('message.text is empty');
  else if (message.text.length > MAX_TEXT)
    problems.push(`message.text has ${message.text.length} characters (at most ${MAX_TEXT})`);
  if (message.attachment !== undefined) {
    const attachment = message.attachment;
    if (!isObject(attachment) || attachment.type !== 'template' || !isObject(attachment.payload))
      return [...problems, 'message.attachment is not {type:"template", payload:{…}}'];
    extra(attachment, ['type', 'payload'], 'message.attachment');
    extra(attachment.payload, ['buttons'], 'message.attachment.payload');
    const buttons = attachment.payload.buttons;
    if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > MAX_BUTTONS)
      return [...problems, `payload.buttons must hold 1–${MAX_BUTTONS} buttons`];
    buttons.forEach((button: unknown, i) => {
      if (!isObject(button)) return problems.push(`button ${i} is not an object`);
      extra(button, ['title', 'type', 'payload'], `buttons[${i}]`);
      if (typeof button.title !== 'string' || button.title.trim() === '' || button.title.length > MAX_TITLE)
        problems.push(`buttons[${i}].title must be 1–${MAX_TITLE} characters`);
      if (button.type !== 'oa.query.hide') problems.push(`buttons[${i}].type ${JSON.stringify(button.type)}`);
      if (typeof button.payload !== 'string' || button.payload === '' || button.payload.length > MAX_PAYLOAD)
        problems.push(`buttons[${i}].payload must be a string of 1–${MAX_PAYLOAD} characters`);
    });
  }
  return problems;
}
