import type { Engine } from '../../../src/bot/engine';
import type { IncomingMessage, Reply } from '../../../src/bot/types';
import { say } from '../../bot/transcript-helpers';
import { startTestOa, userId, type TestOa } from './harness';

/** A long guide through the channel to the fake: messages of at most 2,000 characters, cut at paragraphs. */
describe('Zalo splitting of long replies', () => {
  const replies: Reply[] = [];
  const received: IncomingMessage[] = [];
  const engine: Engine = {
    handle: async (message) => {
      received.push(message);
      return replies;
    },
    forget: async () => undefined,
  };
  let oa: TestOa;
  beforeAll(async () => {
    oa = await startTestOa({ engine });
  });
  afterEach(() => {
    expect(oa.fake.violations).toEqual([]);
  });
  afterAll(async () => {
    await oa.close();
  });

  const paragraph = (n: number) =>
    `Điều ${n}. Hồ sơ gồm: đơn đề nghị (mẫu số 01) và bản sao có chứng thực giấy tờ theo Nghị định 101/2024/NĐ-CP.\n` +
    'Người dân nộp tại bộ phận một cửa, nhận giấy hẹn và theo dõi tình trạng hồ sơ. '.repeat(6).trim();

  it('cuts a long guide between paragraphs, in order, each message at most 2,000 characters', async () => {
    const text = Array.from({ length: 9 }, (_, i) => paragraph(i + 1)).join('\n\n');
    expect(text.length).toBeGreaterThan(2 * 2000);
    replies.splice(0, replies.length, {
      text,
      buttons: [
        { label: 'Giấy tờ cần nộp', action: 'g.1' },
        { label: 'Lệ phí', action: 'g.2' },
      ],
      links: [{ label: 'Xem trên Cổng Dịch vụ công', url: 'https://dichvucong.gov.vn/p?a=1&b=2' }],
    });
    const user = userId(300);
    await oa.deliver(oa.fake.textEvent(user, 'hướng dẫn dài'));
    const sent = oa.fake.sentTo(user).map((m) => m.text);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const message of sent) expect(message.length).toBeLessThanOrEqual(2000);
    // Whole paragraphs only: no message starts or ends inside one.
    for (const message of sent) {
      expect(message.startsWith('Điều ') || message.startsWith('→') || message.startsWith('1.')).toBe(true);
    }
    // In order, nothing lost: the link written out, the numbered buttons and the hint at the end.
    expect(sent.join('\n\n')).toBe(
      `${text}\n\n→ Xem trên Cổng Dịch vụ công: https://dichvucong.gov.vn/p?a=1&b=2\n\n` +
        `1. Giấy tờ cần nộp\n2. Lệ phí\n\n${say('number_hint', { numbers: `1 ${say('number_or')} 2` })}`,
    );
    // Sent one after another: each call started after the previous one was answered.
    const calls = oa.fake.callsTo(user);
    expect(calls.map((c) => c.text)).toEqual(sent);
  });

  it('cuts a single paragraph longer than 2,000 characters at sentences', async () => {
    const sentence = 'Công dân mang theo căn cước và giấy tờ liên quan đến bộ phận một cửa của xã. ';
    const text = sentence.repeat(60).trim();
    expect(text.length).toBeGreaterThan(4000);
    replies.splice(0, replies.length, { text });
    const user = userId(301);
    await oa.deliver(oa.fake.textEvent(user, 'dài'));
    const sent = oa.fake.sentTo(user).map((m) => m.text);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const message of sent) {
      expect(message.length).toBeLessThanOrEqual(2000);
      expect(message.trim().endsWith('xã.')).toBe(true);
    }
    expect(sent.join(' ').replace(/\s+/g, ' ')).toBe(text);
  });

  it('numbers the buttons across the turn’s replies and hints once, under the last list', async () => {
    replies.splice(
      0,
      replies.length,
      { text: 'Thủ tục A', buttons: [{ label: 'Xem A', action: 'a' }] },
      {
        text: 'Thủ tục B',
        buttons: [
          { label: 'Xem B', action: 'b' },
          { label: 'Về menu', action: 'menu' },
        ],
      },
    );
    const user = userId(302);
    await oa.deliver(oa.fake.textEvent(user, 'a hay b'));
    const sent = oa.fake.sentTo(user).map((m) => m.text);
    const hint = say('number_hint', { numbers: `1, 2 ${say('number_or')} 3` });
    expect(sent).toEqual(['Thủ tục A\n\n1. Xem A', `Thủ tục B\n\n2. Xem B\n3. Về menu\n\n${hint}`]);
  });

  it('hands the engine the user id as a string, the msg_id as the message id, and (buttons off) a "#…" as text', async () => {
    replies.splice(0, replies.length, { text: 'ok' });
    const user = userId(303);
    const event = oa.fake.textEvent(user, 'xin chào');
    await oa.deliver(event);
    await oa.deliver(oa.fake.textEvent(user, '#n1.a', 'aabbccddeeff00112233'));
    expect(received.slice(-2)).toEqual([
      { channel: 'zalo', user, messageId: `zl:${event.message.msg_id}`, text: 'xin chào' },
      { channel: 'zalo', user, messageId: 'zl:aabbccddeeff00112233', text: '#n1.a' },
    ]);
  });
});
