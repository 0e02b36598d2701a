import type { Update } from 'telegraf/types';
import { MAX_BUTTONS, cutText, renderReply } from '../../../src/channels/telegram/render';
import { readUpdate, type BotIdentity } from '../../../src/channels/telegram/read-update';
import { say } from '../../bot/transcript-helpers';
import { startTestBot, type TestBot } from './harness';

const bot: BotIdentity = { id: 7000000001, username: 'MotcuaTestBot' };
const user = { id: 42, is_bot: false, first_name: 'Lan' };
const privateChat = { id: 42, type: 'private', first_name: 'Lan' };
const group = { id: -100123, type: 'supergroup', title: 'Tổ dân phố' };

function message(chat: object, fields: object): Update {
  return {
    update_id: 1,
    message: { message_id: 5, date: 1, chat, from: user, ...fields },
  } as unknown as Update;
}

describe('review fixes: rendering', () => {
  it(`shows at most ${MAX_BUTTONS} buttons and reports the rest`, () => {
    const buttons = Array.from({ length: 13 }, (_, i) => ({ label: `Nút ${i}`, action: `a${i}` }));
    const { messages, overflow } = renderReply({ text: 'Chọn', buttons });
    expect(messages.at(-1)!.keyboard!.inline_keyboard.flat()).toHaveLength(MAX_BUTTONS);
    expect(overflow.map((b) => b.action)).toEqual(['a10', 'a11', 'a12']);
  });

  it('never cuts a surrogate pair', () => {
    expect(cutText('ab😀', 3)).toBe('ab');
    const { messages } = renderReply({ text: 'x'.repeat(9) + '😀'.repeat(10) }, 10);
    for (const m of messages) expect(m.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(messages.map((m) => m.text).join('')).toBe('x'.repeat(9) + '😀'.repeat(10));
    const link = renderReply(
      { text: 'a', links: [{ label: 'x'.repeat(7) + '😀', url: 'https://a.vn' }] },
      10,
    );
    expect(link.messages.map((m) => m.html).join('')).not.toMatch(/\uD83D</);
  });
});

describe('review fixes: reading updates', () => {
  it('reads "@Bot" alone in a group as /help', () => {
    expect(readUpdate(message(group, { text: '@MotcuaTestBot' }), bot)).toEqual({
      kind: 'text',
      chatId: '-100123',
      text: '/help',
    });
  });

  it('ignores service messages, answers real media', () => {
    for (const fields of [{ pinned_message: {} }, { new_chat_members: [] }, { left_chat_member: {} }])
      expect(readUpdate(message(privateChat, fields), bot).kind).toBe('ignore');
    for (const fields of [
      { audio: {} },
      { video: {} },
      { video_note: {} },
      { animation: {} },
      { contact: {} },
    ])
      expect(readUpdate(message(privateChat, fields), bot).kind).toBe('not_text');
  });
});

describe('review fixes: sending', () => {
  let test: TestBot;
  beforeAll(async () => {
    test = await startTestBot({ mode: 'webhook' });
  });
  afterAll(async () => {
    await test.close();
  });

  it('sends a message refused with 400 once more as plain text, without buttons', async () => {
    const { fake } = test;
    const chat = fake.privateChat(7001);
    fake.failNext('sendMessage', { code: 400, description: "Bad Request: can't parse entities" });
    await fake.deliver(fake.textUpdate(chat, '/help'), test.origin);
    await test.channel.idle();
    const sent = fake.sentTo(chat.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.parse_mode).toBeUndefined();
    expect(sent[0]!.reply_markup).toBeUndefined();
    expect(sent[0]!.text).toBe(say('help'));
  });

  it('does not wait on a 429 to answer a callback query, and does not retry it', async () => {
    const { fake } = test;
    const chat = fake.privateChat(7002);
    await fake.deliver(fake.textUpdate(chat, 'menu'), test.origin);
    await test.channel.idle();
    const card = fake.sentTo(chat.id).at(-1)!;
    const data = card.reply_markup!.inline_keyboard[0]![0]!.callback_data!;
    const before = fake.callsOf('answerCallbackQuery').length;
    fake.failNext('answerCallbackQuery', { code: 429, retryAfter: 5 });
    const started = Date.now();
    await fake.deliver(fake.callbackUpdate(card, data), test.origin);
    await test.channel.idle();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(fake.callsOf('answerCallbackQuery').length - before).toBe(1);
  });
});

describe('review fixes: stopping', () => {
  it('stops at once in polling mode even while a send waits out a 429', async () => {
    const test = await startTestBot({ mode: 'polling' });
    const { fake } = test;
    const chat = fake.privateChat(7101);
    fake.failNext('sendMessage', { code: 429, retryAfter: 25 });
    fake.push(fake.textUpdate(chat, 'menu'));
    await fake.waitFor(() => fake.callsOf('sendMessage').some((c) => c.status === 429), 'the 429');
    const started = Date.now();
    await test.close();
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
