import type { Reply } from '../../../src/bot/types';
import {
  MAX_TEXT_CHARS,
  numberList,
  renderTurn,
  type RenderOptions,
} from '../../../src/channels/zalo/render';
import { zaloTexts } from '../../../src/channels/zalo/texts';
import { catalogue, say } from '../../bot/transcript-helpers';

describe('numberList', () => {
  it('writes the numbers a user may type, with "or", a range past four', () => {
    expect(numberList(1, 1, 'hoặc')).toBe('1');
    expect(numberList(1, 2, 'hoặc')).toBe('1 hoặc 2');
    expect(numberList(1, 3, 'hoặc')).toBe('1, 2 hoặc 3');
    expect(numberList(1, 4, 'hoặc')).toBe('1, 2, 3 hoặc 4');
    expect(numberList(1, 5, 'hoặc')).toBe('1–5');
    expect(numberList(1, 11, 'hoặc')).toBe('1–11');
    expect(numberList(3, 4, 'or')).toBe('3 or 4');
  });

  it('fills the hint of data/messages.yaml', () => {
    const { numberHint } = zaloTexts(catalogue);
    expect(numberHint(1, 3)).toBe('Bạn gõ 1, 2 hoặc 3 để chọn nhé.');
    expect(numberHint(1, 7)).toBe('Bạn gõ 1–7 để chọn nhé.');
    expect(numberHint(1, 3)).toBe(say('number_hint', { numbers: `1, 2 ${say('number_or')} 3` }));
  });
});

describe('renderTurn for Zalo', () => {
  const options: RenderOptions = { numberHint: (a, b) => `[gõ ${a}-${b}]`, buttons: false };

  it('writes a plain reply as one message', () => {
    expect(renderTurn([{ text: 'Xin chào!\nMình giúp gì được?' }], options)).toEqual([
      { text: 'Xin chào!\nMình giúp gì được?' },
    ]);
  });

  it('numbers the buttons across replies and hints once, under the last list', () => {
    const replies: Reply[] = [
      { text: 'A', buttons: [{ label: 'Một', action: 't.1' }] },
      {
        text: 'B',
        buttons: [
          { label: 'Hai', action: 't.2' },
          { label: 'Ba', action: 'menu' },
        ],
      },
      { text: 'C' },
    ];
    expect(renderTurn(replies, options)).toEqual([
      { text: 'A\n\n1. Một' },
      { text: 'B\n\n2. Hai\n3. Ba\n\n[gõ 1-3]' },
      { text: 'C' },
    ]);
  });

  it('writes http(s) links out after the text, and drops other schemes', () => {
    const [message] = renderTurn(
      [
        {
          text: 'Thủ tục',
          links: [
            { label: 'Cổng DVC', url: 'https://dichvucong.gov.vn/a?b=1&c=2' },
            { label: 'Bản đồ', url: 'http://maps.example.vn/x' },
            { label: 'Gọi', url: 'tel:0236123456' },
            { label: 'Xấu', url: 'javascript:alert(1)' },
          ],
        },
      ],
      options,
    );
    expect(message!.text).toBe(
      'Thủ tục\n\n→ Cổng DVC: https://dichvucong.gov.vn/a?b=1&c=2\n\n→ Bản đồ: http://maps.example.vn/x',
    );
  });

  it('splits at paragraphs into messages of at most 2,000 characters, in order', () => {
    const paragraphs = Array.from(
      { length: 12 },
      (_, i) => `Đoạn ${i + 1}. ${'chữ '.repeat(80 + i * 7).trim()}`,
    );
    const messages = renderTurn([{ text: paragraphs.join('\n\n') }], options);
    expect(MAX_TEXT_CHARS).toBe(2000);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.text.length).toBeLessThanOrEqual(2000);
      expect(m.text.startsWith('Đoạn ')).toBe(true);
    }
    expect(messages.map((m) => m.text).join('\n\n')).toBe(paragraphs.join('\n\n'));
    // Filled greedily: two neighbours would not have fitted in one.
    for (let i = 1; i < messages.length; i++)
      expect(messages[i - 1]!.text.length + 2 + messages[i]!.text.split('\n\n')[0]!.length).toBeGreaterThan(
        2000,
      );
  });

  it('cuts a paragraph too long for one message, and never inside an emoji', () => {
    const long = '😀'.repeat(1500); // 3,000 code units, no space to cut at
    const messages = renderTurn([{ text: long }], { ...options, limit: 2000 });
    for (const m of messages) {
      expect(m.text.length).toBeLessThanOrEqual(2000);
      expect(m.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    expect(messages.map((m) => m.text).join('')).toBe(long);
  });

  it('adds oa.query.hide buttons only with the flag: the first five, "#<action>", titles of 100 at most', () => {
    const buttons = Array.from({ length: 7 }, (_, i) => ({ label: `Nút ${i + 1}`, action: `n.${i}` }));
    buttons[1] = { label: 'Đ'.repeat(120), action: 'n.1' };
    const replies: Reply[] = [{ text: 'Chọn', buttons }];
    expect(renderTurn(replies, options)[0]!.buttons).toBeUndefined();
    const [message] = renderTurn(replies, { ...options, buttons: true });
    expect(message!.buttons).toHaveLength(5);
    expect(message!.buttons![0]).toEqual({ title: 'Nút 1', type: 'oa.query.hide', payload: '#n.0' });
    expect(message!.buttons![1]!.title).toBe('Đ'.repeat(100));
    // The text still numbers all seven.
    expect(message!.text).toContain('7. Nút 7');
  });

  it('renders nothing for no reply', () => {
    expect(renderTurn([], { ...options, buttons: true })).toEqual([]);
  });
});
