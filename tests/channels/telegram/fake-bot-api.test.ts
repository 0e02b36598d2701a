import { FakeBotApi, visibleText } from './fake-bot-api';

/** The fake is only worth the tests it backs if it refuses what Telegram refuses (channels.md B). */
describe('the fake Bot API', () => {
  let fake: FakeBotApi;
  beforeAll(async () => {
    fake = await FakeBotApi.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  async function call(method: string, params: object = {}, token = fake.token) {
    const response = await fetch(`${fake.apiRoot}bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  }

  it('answers getMe in the response envelope, 401 to a wrong token, 404 to an unknown method', async () => {
    expect(await call('getMe')).toEqual({ status: 200, body: { ok: true, result: fake.bot } });
    expect(await call('getMe', {}, '1:wrong')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect((await call('sendPhoto')).body).toMatchObject({ ok: false, error_code: 404 });
  });

  it.each([
    ['text over 4,096 characters', { text: 'a'.repeat(4097) }, 'Bad Request: message is too long'],
    [
      'an unsupported tag',
      { text: '<div>x</div>', parse_mode: 'HTML' },
      /^Bad Request: can't parse entities: Unsupported start tag "div"/,
    ],
    [
      'an unescaped "<"',
      { text: 'Điều 5 < Điều 6', parse_mode: 'HTML' },
      /^Bad Request: can't parse entities/,
    ],
    ['a bare "&"', { text: 'đất & nhà', parse_mode: 'HTML' }, /^Bad Request: can't parse entities/],
    ['an unknown entity', { text: 'a&nbsp;b', parse_mode: 'HTML' }, /^Bad Request: can't parse entities/],
    [
      'a tag left open',
      { text: '<b>sổ đỏ', parse_mode: 'HTML' },
      /can't parse entities: Can't find end tag corresponding to start tag "b"/,
    ],
    [
      'tags crossed',
      { text: '<b><i>x</b></i>', parse_mode: 'HTML' },
      /can't parse entities: Unmatched end tag/,
    ],
    [
      'callback_data over 64 bytes',
      { text: 'x', reply_markup: { inline_keyboard: [[{ text: 'Đất', callback_data: 'đ'.repeat(33) }]] } },
      'Bad Request: BUTTON_DATA_INVALID',
    ],
    [
      'a row of 9 buttons',
      {
        text: 'x',
        reply_markup: {
          inline_keyboard: [Array.from({ length: 9 }, (_, i) => ({ text: `${i}`, callback_data: `${i}` }))],
        },
      },
      'Bad Request: reply markup is too long',
    ],
  ])('refuses sendMessage with %s (400)', async (_what, params, description) => {
    const { status, body } = await call('sendMessage', { chat_id: 1, ...params });
    expect(status).toBe(400);
    expect(body.ok).toBe(false);
    expect(body.error_code).toBe(400);
    expect(body.description).toEqual(
      typeof description === 'string' ? description : expect.stringMatching(description),
    );
  });

  it('counts 4,096 characters after entity parsing, and accepts what Telegram accepts', async () => {
    const html = `<b>${'&lt;'.repeat(2000)}</b>${'đ'.repeat(2096)}`;
    expect(html.length).toBeGreaterThan(4096);
    const { status, body } = await call('sendMessage', { chat_id: 1, text: html, parse_mode: 'HTML' });
    expect(status).toBe(200);
    expect(body.result.text).toBe(`${'<'.repeat(2000)}${'đ'.repeat(2096)}`);
    expect(visibleText('<a href="https://x.vn/?a=1&amp;b=2">link</a> &quot;&#39;&#x41;')).toBe(`link "'A`);
  });

  it('answers a callback query once; a second answer is refused', async () => {
    fake.sent.push({ message_id: 1, chat_id: '1', text: 'x', html: 'x' });
    const update = fake.callbackUpdate(fake.sent.at(-1)!, 'a');
    const id = 'callback_query' in update ? update.callback_query.id : '';
    expect((await call('answerCallbackQuery', { callback_query_id: id })).body).toEqual({
      ok: true,
      result: true,
    });
    const again = await call('answerCallbackQuery', { callback_query_id: id });
    expect(again.body).toMatchObject({
      ok: false,
      error_code: 400,
      description: expect.stringMatching(/^Bad Request: query is too old/),
    });
  });

  it('checks setWebhook and setMyCommands as Telegram does', async () => {
    expect((await call('setWebhook', { url: 'http://insecure.example/hook' })).status).toBe(400);
    expect(
      (await call('setWebhook', { url: 'https://ok.example/hook', secret_token: 'bad secret!' })).status,
    ).toBe(400);
    expect((await call('setMyCommands', { commands: [{ command: 'Start', description: 'x' }] })).status).toBe(
      400,
    );
    expect(
      (await call('setMyCommands', { commands: [{ command: 'start', description: 'Bắt đầu' }] })).status,
    ).toBe(200);
  });

  it('getUpdates: confirms below the offset, holds up to the timeout, 409 while a webhook is set', async () => {
    const chat = fake.privateChat(1);
    const a = fake.textUpdate(chat, 'một');
    const b = fake.textUpdate(chat, 'hai');
    fake.push(a, b);
    expect((await call('getUpdates', { offset: 0 })).body.result).toHaveLength(2);
    expect((await call('getUpdates', { offset: b.update_id })).body.result).toEqual([b]);
    const started = Date.now();
    expect((await call('getUpdates', { offset: b.update_id + 1, timeout: 1 })).body.result).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    // A held poll is answered as soon as an update comes.
    const held = call('getUpdates', { offset: b.update_id + 1, timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const c = fake.textUpdate(chat, 'ba');
    fake.push(c);
    expect((await held).body.result).toEqual([c]);
    // A second poller ends the first with 409.
    const first = call('getUpdates', { offset: c.update_id + 1, timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = call('getUpdates', { offset: c.update_id + 1, timeout: 0 });
    expect((await first).body).toMatchObject({
      ok: false,
      error_code: 409,
      description: expect.stringMatching(/^Conflict: terminated by other getUpdates/),
    });
    expect((await second).status).toBe(200);

    await call('setWebhook', { url: 'https://bot.example/hook', secret_token: 'abc' });
    expect((await call('getUpdates')).body).toMatchObject({ ok: false, error_code: 409 });
    await call('deleteWebhook');
    expect((await call('getUpdates')).status).toBe(200);
  });

  it('answers injected failures with Telegram shapes: 429 with retry_after, 403, an HTML 5xx', async () => {
    fake.failNext('sendMessage', { code: 429, retryAfter: 3 });
    fake.failNext('sendMessage', { code: 403 });
    fake.failNext('sendMessage', { status: 502 });
    expect(await call('sendMessage', { chat_id: 1, text: 'x' })).toEqual({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 3',
        parameters: { retry_after: 3 },
      },
    });
    expect((await call('sendMessage', { chat_id: 1, text: 'x' })).body).toEqual({
      ok: false,
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    const gateway = await call('sendMessage', { chat_id: 1, text: 'x' });
    expect(gateway.status).toBe(502);
    expect(typeof gateway.body).toBe('string');
    expect((await call('sendMessage', { chat_id: 1, text: 'x' })).status).toBe(200);
  });
});
