import type { Engine } from '../../../src/bot/engine';
import type { Reply } from '../../../src/bot/types';
import { MemorySessionStore } from '../../../src/sessions';
import { licence, say, titleOf } from '../../bot/transcript-helpers';
import { FakeBotApi } from './fake-bot-api';
import { SECRET, WEBHOOK_URL, callbackData, keyboardLabels, startTestBot, type TestBot } from './harness';

/** Telegram → our webhook → engine → sendMessage on the fake, end to end. */
describe('Telegram in webhook mode', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ mode: 'webhook' });
  });
  afterAll(async () => {
    await bot.close();
  });

  /** Delivers as Telegram does and waits until the channel has handled it. */
  async function deliver(update: Parameters<FakeBotApi['deliver']>[0]): Promise<number> {
    const status = await bot.fake.deliver(update, bot.origin);
    await bot.channel.idle();
    return status;
  }

  it('at start sets the command menu and the webhook with its secret and the two update types', () => {
    const { fake } = bot;
    expect(fake.callsOf('getMe')).toHaveLength(1);
    expect(fake.commands).toEqual([
      { command: 'start', description: say('command_start') },
      { command: 'help', description: say('command_help') },
      { command: 'menu', description: say('command_menu') },
      { command: 'cancel', description: say('command_cancel') },
    ]);
    expect(fake.webhook).toEqual({
      url: WEBHOOK_URL,
      secret_token: SECRET,
      allowed_updates: ['message', 'edited_message', 'callback_query'],
    });
  });

  it('walks a conversation through buttons: question → card → section → checklist', async () => {
    const { fake } = bot;
    const chat = fake.privateChat(4001);
    expect(await deliver(fake.textUpdate(chat, 'doi giay phep lai xe'))).toBe(200);
    const card = fake.sentTo(chat.id).at(-1)!;
    expect(card.text.startsWith(titleOf(licence))).toBe(true);
    expect(card.parse_mode).toBe('HTML');
    // The official record's page would otherwise unfurl into a large preview under every card.
    expect(fake.callsOf('sendMessage').at(-1)!.params.link_preview_options).toEqual({ is_disabled: true });
    // Vietnamese labels arrive as the engine wrote them, at most 3 a row.
    const rows = keyboardLabels(card);
    expect(rows.flat()).toEqual(expect.arrayContaining([say('section_documents'), say('section_checklist')]));
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(3);
    // The official record's link is an anchor under the text.
    expect(card.html).toMatch(/<a href="https:\/\/[^"]+">[^<]+<\/a>$/);

    const before = fake.sentTo(chat.id).length;
    const documents = fake.callbackUpdate(card, callbackData(card, say('section_documents')));
    await deliver(documents);
    const section = fake.sentTo(chat.id).slice(before);
    expect(section.length).toBeGreaterThan(0);
    expect(section[0]!.text).toContain(licence.documents[0]!.items[0]!.name);

    const last = fake.sentTo(chat.id).at(-1)!;
    const count = fake.sentTo(chat.id).length;
    await deliver(fake.callbackUpdate(last, callbackData(last, say('section_checklist'))));
    const checklist = fake.sentTo(chat.id).slice(count);
    expect(checklist[0]!.text).toBe(say('checklist_intro', { procedure: titleOf(licence) }));
    // Every button press was answered (no spinner left on the citizen's phone).
    expect(fake.unansweredQueries).toEqual([]);
    expect(fake.callsOf('answerCallbackQuery').every((c) => c.status === 200)).toBe(true);
  });

  it('reads "/start@Bot" and a deep-link payload as /start', async () => {
    const { fake } = bot;
    const chat = fake.privateChat(4002);
    await deliver(fake.textUpdate(chat, `/start@${fake.bot.username}`));
    await deliver(fake.textUpdate(chat, '/start gioi-thieu'));
    const texts = fake.sentTo(chat.id).map((m) => m.text);
    expect(texts.filter((t) => t.startsWith(say('greeting')))).toHaveLength(2);
  });

  it('answers 403 to a wrong or missing secret and handles nothing', async () => {
    const { fake } = bot;
    const chat = fake.privateChat(4003);
    const calls = fake.calls.length;
    expect(await deliver(fake.textUpdate(chat, 'menu'))).toBe(200);
    const sent = fake.sentTo(chat.id).length;
    expect(await bot.fake.deliver(fake.textUpdate(chat, 'menu'), bot.origin, 'wrong-secret')).toBe(403);
    const response = await fetch(`${bot.origin}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fake.textUpdate(chat, 'menu')),
    });
    expect(response.status).toBe(403);
    await bot.channel.idle();
    expect(fake.sentTo(chat.id)).toHaveLength(sent);
    expect(fake.calls.slice(calls).filter((c) => c.method === 'sendMessage')).toHaveLength(sent);
  });

  it('refuses a body that is not an update', async () => {
    const response = await fetch(`${bot.origin}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(response.status).toBe(400);
  });

  it('answers the same update delivered twice once', async () => {
    const { fake } = bot;
    const chat = fake.privateChat(4004);
    const update = fake.textUpdate(chat, 'trợ giúp');
    expect(await deliver(update)).toBe(200);
    const once = fake.sentTo(chat.id).length;
    expect(once).toBeGreaterThan(0);
    expect(await deliver(update)).toBe(200);
    expect(fake.sentTo(chat.id)).toHaveLength(once);
  });

  it('answers a sticker or a photo with the polite "I can only read text", once per update', async () => {
    const { fake } = bot;
    const chat = fake.privateChat(4005);
    const sticker = fake.stickerUpdate(chat);
    await deliver(sticker);
    await deliver(sticker);
    await deliver(fake.photoUpdate(chat, 'giấy này là gì?'));
    expect(fake.sentTo(chat.id).map((m) => m.text)).toEqual([say('text_only'), say('text_only')]);
  });

  it('waits retry_after on a 429 and then sends', async () => {
    const { fake } = bot;
    const chat = fake.privateChat(4006);
    fake.failNext('sendMessage', { code: 429, retryAfter: 1 });
    const started = Date.now();
    await deliver(fake.textUpdate(chat, 'menu'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const statuses = fake
      .callsOf('sendMessage')
      .slice(-2)
      .map((c) => c.status);
    expect(statuses).toEqual([429, 200]);
    expect(fake.sentTo(chat.id)).toHaveLength(1);
    expect(bot.log.entries.some((e) => e.msg === 'telegram: retrying')).toBe(true);
  });

  it('retries a 5xx with backoff, and gives up after the bounded attempts', async () => {
    const { fake } = bot;
    const chat = fake.privateChat(4007);
    fake.failNext('sendMessage', { status: 502 }, 2);
    await deliver(fake.textUpdate(chat, 'menu'));
    expect(fake.sentTo(chat.id)).toHaveLength(1);

    const calls = fake.callsOf('sendMessage').length;
    fake.failNext('sendMessage', { status: 503 }, 10);
    await deliver(fake.textUpdate(chat, 'menu'));
    expect(fake.callsOf('sendMessage').length - calls).toBe(4);
    expect(fake.sentTo(chat.id)).toHaveLength(1);
    fake.clearFailures();
  });

  it('stops writing to a user who blocked the bot (403)', async () => {
    const { fake } = bot;
    const chat = fake.privateChat(4008);
    await deliver(fake.textUpdate(chat, 'menu'));
    const menu = fake.sentTo(chat.id).at(-1)!;
    fake.block(chat.id);
    const attempts = () =>
      fake.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === String(chat.id)).length;
    const before = attempts();
    // /start has two replies (greeting, menu): after the first 403 the second is not tried.
    await deliver(fake.textUpdate(chat, '/start'));
    expect(attempts() - before).toBe(1);
    // A press still queued from before the block is answered (the spinner) but nothing is sent.
    await deliver(fake.callbackUpdate(menu, 'help'));
    expect(attempts() - before).toBe(1);
    expect(fake.unansweredQueries).toEqual([]);
    expect(bot.log.entries.some((e) => e.msg.includes('blocked the bot'))).toBe(true);
    // The user unblocks and writes again: answered.
    fake.unblock(chat.id);
    await deliver(fake.textUpdate(chat, 'menu'));
    expect(fake.sentTo(chat.id).at(-1)!.text).toBe(menu.text);
  });

  it('in a group answers only when addressed', async () => {
    const { fake } = bot;
    const group = fake.groupChat();
    await deliver(fake.textUpdate(group, 'hôm nay ai đi nộp hồ sơ không?'));
    await deliver(fake.textUpdate(group, '/help@SomeOtherBot'));
    await deliver(fake.stickerUpdate(group));
    expect(fake.sentTo(group.id)).toEqual([]);
    await deliver(fake.textUpdate(group, `@${fake.bot.username} giờ làm việc`));
    await deliver(fake.textUpdate(group, `/help@${fake.bot.username}`));
    expect(fake.sentTo(group.id).length).toBeGreaterThanOrEqual(2);
    expect(fake.sentTo(group.id).at(-1)!.text).toBe(say('help'));
  });

  it('never writes the token or the secret to the log', () => {
    expect(bot.log.entries.length).toBeGreaterThan(0);
    expect(bot.log.text()).not.toContain(bot.fake.token);
    expect(bot.log.text()).not.toContain(bot.fake.token.split(':')[1]);
    expect(bot.log.text()).not.toContain(SECRET);
  });
});

describe('Telegram rendering through the fake Bot API', () => {
  const replies: Reply[] = [];
  const engine: Engine = { handle: async () => replies, forget: async () => undefined };
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ mode: 'webhook', engine });
  });
  afterAll(async () => {
    await bot.close();
  });

  it('splits a long guide into valid HTML messages of at most 4,096 characters, buttons on the last', async () => {
    const paragraph = (n: number) =>
      `Điều ${n}. Hồ sơ gồm: đơn đề nghị (mẫu số 01) & bản sao <có chứng thực> "giấy tờ" theo Nghị định 101/2024/NĐ-CP — ` +
      'người dân nộp tại bộ phận một cửa. '.repeat(60).trim();
    const text = [1, 2, 3, 4].map(paragraph).join('\n\n');
    expect(text.length).toBeGreaterThan(2 * 4096);
    replies.splice(0, replies.length, {
      text,
      buttons: [
        { label: 'Giấy tờ cần nộp', action: 'g.1' },
        { label: 'Lệ phí', action: 'g.2' },
      ],
      links: [
        { label: 'Xem thủ tục trên Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn/p?a=1&b=2' },
      ],
    });
    const chat = bot.fake.privateChat(4101);
    await bot.fake.deliver(bot.fake.textUpdate(chat, 'hướng dẫn dài'), bot.origin);
    await bot.channel.idle();
    const sent = bot.fake.sentTo(chat.id);
    expect(bot.fake.callsOf('sendMessage').every((c) => c.status === 200)).toBe(true);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const m of sent) expect(m.text.length).toBeLessThanOrEqual(4096);
    // Cut between paragraphs: each message holds whole paragraphs, in order, nothing lost.
    expect(sent.map((m) => m.text).join('\n\n')).toBe(
      `${text}\n\n→ Xem thủ tục trên Cổng Dịch vụ công quốc gia`,
    );
    expect(sent.slice(0, -1).every((m) => m.reply_markup === undefined)).toBe(true);
    expect(keyboardLabels(sent.at(-1)!)).toEqual([['Giấy tờ cần nộp', 'Lệ phí']]);
    expect(sent.at(-1)!.html).toContain('<a href="https://dichvucong.gov.vn/p?a=1&amp;b=2">');
  });

  it('sends Vietnamese labels and tokens within 64 bytes, and leaves out (and logs) a longer token', async () => {
    const long = 'đ'.repeat(33); // 66 bytes
    replies.splice(0, replies.length, {
      text: 'Bạn chọn giúp mình:',
      buttons: [
        { label: 'Đăng ký khai sinh cho con', action: 'khai-sinh' },
        { label: 'Cấp đổi sổ đỏ', action: 'sổ-đỏ' },
        { label: 'Nút hỏng', action: long },
      ],
    });
    const chat = bot.fake.privateChat(4102);
    await bot.fake.deliver(bot.fake.textUpdate(chat, 'chọn'), bot.origin);
    await bot.channel.idle();
    const [message] = bot.fake.sentTo(chat.id);
    expect(keyboardLabels(message!)).toEqual([['Đăng ký khai sinh cho con'], ['Cấp đổi sổ đỏ']]);
    expect(callbackData(message!, 'Cấp đổi sổ đỏ')).toBe('sổ-đỏ');
    expect(bot.log.entries.some((e) => e.level === 'error' && e.msg.includes('buttons left out'))).toBe(true);
  });
});

describe('two instances of the bot on one session store', () => {
  it('answer an update delivered to both once', async () => {
    const fake = await FakeBotApi.start();
    const store = new MemorySessionStore();
    const a = await startTestBot({ mode: 'webhook', fake, store });
    const b = await startTestBot({ mode: 'webhook', fake, store });
    try {
      const chat = fake.privateChat(4201);
      const update = fake.textUpdate(chat, 'menu');
      await Promise.all([fake.deliver(update, a.origin), fake.deliver(update, b.origin)]);
      await Promise.all([a.channel.idle(), b.channel.idle()]);
      expect(fake.sentTo(chat.id)).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
      await fake.close();
    }
  });
});
