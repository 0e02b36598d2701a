import { escapeHtml, layoutButtons, renderReply } from '../../../src/channels/telegram/render';
import { visibleText } from './fake-bot-api';

const labels = (rows: { text: string }[][]) => rows.map((row) => row.map((b) => b.text));

describe('Telegram rendering', () => {
  it('escapes what HTML parse mode requires, and nothing else', () => {
    const legal = 'Điều 3 (khoản 1 & 2): giá trị < 50.000.000 đồng > 10 "m²" — theo Luật Đất đai 2024.';
    expect(escapeHtml(legal)).toBe(
      'Điều 3 (khoản 1 &amp; 2): giá trị &lt; 50.000.000 đồng &gt; 10 &quot;m²&quot; — theo Luật Đất đai 2024.',
    );
    const [message] = renderReply({ text: legal }).messages;
    expect(visibleText(message!.html)).toBe(legal);
  });

  it('never lets text become markup', () => {
    const text = '<b>không đậm</b> <a href="javascript:alert(1)">x</a> &amp;';
    const [message] = renderReply({ text }).messages;
    expect(message!.html).not.toMatch(/<[ab][ >]/);
    expect(visibleText(message!.html)).toBe(text);
  });

  it('puts links under the text as anchors, http(s) only, with the URL escaped', () => {
    const { messages } = renderReply({
      text: 'Thủ tục đổi bằng lái',
      links: [
        { label: 'Cổng Dịch vụ công', url: 'https://dichvucong.gov.vn/p?a=1&b="2"' },
        { label: 'Không phải web', url: 'javascript:alert(1)' },
      ],
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.html).toBe(
      'Thủ tục đổi bằng lái\n\n→ <a href="https://dichvucong.gov.vn/p?a=1&amp;b=&quot;2&quot;">Cổng Dịch vụ công</a>',
    );
  });

  it('lays buttons out at most 3 a row, fewer for long Vietnamese labels, in order', () => {
    const b = (label: string) => ({ label, action: label.slice(0, 8) });
    const rows = layoutButtons(
      [
        'Giấy tờ cần nộp',
        'Các bước',
        'Lệ phí',
        'Thời gian',
        'Nơi nộp',
        'Nộp trực tuyến',
        'Mẫu đơn',
        'Căn cứ pháp lý',
        'Kết quả nhận được',
        'Kiểm tra giấy tờ của tôi',
        'Menu chính',
      ].map(b),
    );
    expect(labels(rows)).toEqual([
      ['Giấy tờ cần nộp', 'Các bước'],
      ['Lệ phí', 'Thời gian', 'Nơi nộp'],
      ['Nộp trực tuyến', 'Mẫu đơn', 'Căn cứ pháp lý'],
      ['Kết quả nhận được'],
      ['Kiểm tra giấy tờ của tôi'],
      ['Menu chính'],
    ]);
    const long = layoutButtons([
      b('Sang tên sổ đỏ khi mua bán, tặng cho, thừa kế đất, nhà'),
      b('Làm lại sổ đỏ bị mất'),
    ]);
    expect(labels(long)).toEqual([
      ['Sang tên sổ đỏ khi mua bán, tặng cho, thừa kế đất, nhà'],
      ['Làm lại sổ đỏ bị mất'],
    ]);
  });

  it('splits between paragraphs, cuts a paragraph longer than a message at a sentence, buttons on the last', () => {
    const sentence = 'Người dân mang bản chính để đối chiếu & nộp bản sao <có chứng thực>. ';
    const huge = sentence.repeat(80).trim(); // about 5,500 characters, one paragraph
    const text = `Tiêu đề\n\n${huge}\n\nCuối cùng.`;
    const { messages } = renderReply({ text, buttons: [{ label: 'Menu chính', action: 'menu' }] });
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const m of messages) {
      const visible = visibleText(m.html); // throws on broken HTML
      expect(visible.length).toBeLessThanOrEqual(4096);
      // Cut after a sentence, never inside an escaped character.
      expect(visible).toMatch(/[.\w]$/);
    }
    expect(messages.slice(0, -1).every((m) => m.keyboard === undefined)).toBe(true);
    expect(messages.at(-1)!.keyboard).toEqual({
      inline_keyboard: [[{ text: 'Menu chính', callback_data: 'menu' }]],
    });
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(words(messages.map((m) => visibleText(m.html)).join(' '))).toEqual(words(text));
  });

  it('splits with a small limit too, keeping anchors whole', () => {
    const { messages } = renderReply(
      { text: 'Một.\n\nHai.\n\nBa.', links: [{ label: 'Liên kết dài', url: 'https://a.vn/' }] },
      16,
    );
    expect(messages.map((m) => m.html)).toEqual([
      'Một.\n\nHai.\n\nBa.',
      '→ <a href="https://a.vn/">Liên kết dài</a>',
    ]);
  });

  it('leaves out a button Telegram would refuse and reports it', () => {
    const ok = { label: 'Đổi sổ đỏ', action: 'sổ-đỏ' }; // 9 letters, 13 bytes
    const tooLong = { label: 'Hỏng', action: 'ă'.repeat(33) }; // 66 bytes
    const { messages, dropped } = renderReply({ text: 'Chọn:', buttons: [ok, tooLong] });
    expect(dropped).toEqual([tooLong]);
    expect(messages[0]!.keyboard).toEqual({
      inline_keyboard: [[{ text: 'Đổi sổ đỏ', callback_data: 'sổ-đỏ' }]],
    });
  });
});
