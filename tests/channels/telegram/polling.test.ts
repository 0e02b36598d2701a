import { licence, say, titleOf } from '../../bot/transcript-helpers';
import { callbackData, startTestBot, type TestBot } from './harness';

/** getUpdates → engine → sendMessage on the fake: the laptop setup. */
describe('Telegram in polling mode', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ mode: 'polling' });
  });
  afterAll(async () => {
    await bot.close();
  });

  it('removes any webhook, asks only for messages and button presses, and says to run one instance', async () => {
    const { fake, log } = bot;
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
    expect(fake.callsOf('setWebhook')).toHaveLength(0);
    expect(fake.commands.map((c) => c.command)).toEqual(['start', 'help', 'menu', 'cancel']);
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 'a first getUpdates');
    expect(fake.callsOf('getUpdates')[0]!.params).toMatchObject({
      allowed_updates: ['message', 'edited_message', 'callback_query'],
      timeout: 2,
    });
    expect(log.entries.some((e) => e.level === 'info' && /only ONE instance/.test(e.msg))).toBe(true);
  });

  it('answers a question, then a button, confirming each update with the next offset', async () => {
    const { fake } = bot;
    const chat = fake.privateChat(5001);
    const question = fake.textUpdate(chat, 'đổi bằng lái xe');
    fake.push(question);
    await fake.waitFor(() => fake.sentTo(chat.id).some((m) => m.reply_markup), 'the guide card');
    const card = fake.sentTo(chat.id).at(-1)!;
    expect(card.text.startsWith(titleOf(licence))).toBe(true);

    const press = fake.callbackUpdate(card, callbackData(card, say('section_fee')));
    const count = fake.sentTo(chat.id).length;
    fake.push(press);
    await fake.waitFor(() => fake.sentTo(chat.id).length > count, 'the fee section');
    await fake.waitFor(() => fake.unansweredQueries.length === 0, 'the callback answered');
    // The next poll confirms both: Telegram forgets them, nothing is handled twice.
    await fake.waitFor(
      () => fake.callsOf('getUpdates').some((c) => Number(c.params.offset) === press.update_id + 1),
      'the offset after the press',
    );
    expect(fake.callsOf('getUpdates').some((c) => Number(c.params.offset) === question.update_id + 1)).toBe(
      true,
    );
  });

  it("keeps one chat's updates in order within a batch", async () => {
    const { fake } = bot;
    const chat = fake.privateChat(5002);
    // One batch: the sticker needs no engine and would be answered first if the chat's order were not kept.
    fake.push(fake.textUpdate(chat, '/help'), fake.textUpdate(chat, 'menu'), fake.stickerUpdate(chat));
    await fake.waitFor(() => fake.sentTo(chat.id).length >= 3, 'three answers');
    const texts = fake.sentTo(chat.id).map((m) => m.text);
    expect(texts).toEqual([say('help'), expect.any(String), say('text_only')]);
  });

  it('waits out a 429 and backs off after a 5xx on getUpdates, then goes on', async () => {
    const { fake } = bot;
    const chat = fake.privateChat(5003);
    fake.failNext('getUpdates', { status: 502 });
    fake.failNext('getUpdates', { code: 429, retryAfter: 1 });
    // End the poll held now, so that the next ones meet the failures.
    fake.push(fake.textUpdate(chat, 'menu'));
    await fake.waitFor(() => fake.sentTo(chat.id).length === 1, 'the first answer');
    fake.push(fake.textUpdate(chat, 'menu'));
    await fake.waitFor(() => fake.sentTo(chat.id).length === 2, 'the answer after the failures');
    expect(fake.callsOf('getUpdates').some((c) => c.status === 429)).toBe(true);
    expect(fake.callsOf('getUpdates').some((c) => c.status === 502)).toBe(true);
  });
});

describe('stopping the polling', () => {
  it('ends the poll held open at once and confirms what was handled', async () => {
    const bot = await startTestBot({ mode: 'polling' });
    const { fake } = bot;
    const chat = fake.privateChat(5101);
    const update = fake.textUpdate(chat, 'menu');
    fake.push(update);
    await fake.waitFor(() => fake.sentTo(chat.id).length === 1, 'the answer');
    // Let the loop hand the batch over and open the next long poll.
    await fake.waitFor(
      () => fake.callsOf('getUpdates').length >= 1 && fake.unansweredQueries.length === 0,
      'a poll',
    );
    const started = Date.now();
    await bot.close();
    expect(Date.now() - started).toBeLessThan(1500);
    // After the stop nothing is pending: a restart would not answer the update again.
    const last = fake.callsOf('getUpdates').at(-1)!;
    expect(Number(last.params.offset)).toBe(update.update_id + 1);
  });
});
