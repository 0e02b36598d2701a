import type { FlowContext } from '../../src/bot/context';
import { createSay } from '../../src/bot/say';
import { freshState } from '../../src/bot/session-state';
import type { Messages, Procedure } from '../../src/content/schema';
import { sectionReplies } from '../../src/flows/guide';
import { splitLong } from '../../src/flows/split-long';
import { catalogue, licence } from './transcript-helpers';

describe('splitLong', () => {
  it('keeps a text under the limit whole', () => {
    expect(splitLong('một\ndòng\n\nhai', 100)).toEqual(['một\ndòng\n\nhai']);
  });

  it('cuts at blank lines when there are any, never inside a paragraph that fits', () => {
    const paragraph = (n: number) =>
      Array.from({ length: 4 }, (_, i) => `${n}.${i} ${'chữ '.repeat(5)}`).join('\n');
    const text = [1, 2, 3].map(paragraph).join('\n\n');
    const parts = splitLong(text, paragraph(1).length + 10);
    expect(parts).toEqual([paragraph(1), paragraph(2), paragraph(3)]);
  });

  it('cuts one over-long paragraph after a sentence, else at a space, each part within the limit', () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Câu số ${i} nói về giấy tờ cần nộp.`).join(' ');
    const parts = splitLong(sentences, 200);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(200);
      expect(part.endsWith('.')).toBe(true);
    }
    expect(parts.join(' ')).toBe(sentences);

    const words = 'chữ '.repeat(200).trim();
    const cut = splitLong(words, 150);
    for (const part of cut) {
      expect(part.length).toBeLessThanOrEqual(150);
      expect(part).toMatch(/^chữ( chữ)*$/);
    }
    expect(cut.join(' ')).toBe(words);
  });

  it('cuts a word longer than the limit where it must', () => {
    expect(splitLong('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});

describe('guide texts come from data/messages.yaml', () => {
  /** Every sentence a guide section builds from parts, replaced by a marker. */
  const markers = {
    channel_truc_tiep: 'CHANNEL-DIRECT',
    channel_truc_tuyen: 'CHANNEL-ONLINE',
    channel_buu_chinh: 'CHANNEL-POST',
    unit_working_days: 'UNIT-WD',
    unit_days: 'UNIT-D',
    guide_fee_amount: '{amount} VND-MARK',
    document_originals: '{count} ORIG',
    document_copies: '{count} COPY',
    document_or: 'OR-MARK',
    document_show_only: 'SHOW-ONLY',
    document_file_sets: 'SETS {count}',
  } satisfies Partial<Messages>;

  it('channel names, time units, amounts, copies and file sets', () => {
    const messages = { ...catalogue.messages!, ...markers };
    const p: Procedure = structuredClone(licence);
    p.channels = [
      {
        channel: 'truc_tiep',
        time: { amount: 5, unit: 'working_days' },
        fee: { kind: 'amount', amount_vnd: 135000 },
      },
      { channel: 'buu_chinh', time: { amount: 7, unit: 'days' }, fee: { kind: 'free' } },
    ];
    p.documents = [
      {
        case: 'Mọi trường hợp',
        items: [
          { name: 'Giấy A', originals: 1, copies: 1, handling: 'original_or_copy' },
          { name: 'Giấy B', originals: 1, copies: 0, handling: 'show_only' },
        ],
      },
    ];
    p.file_sets = 2;
    const state = freshState(0);
    const ctx: FlowContext = {
      catalogue: { ...catalogue, messages },
      matcher: { match: () => ({ decision: 'fallback', results: [], aspect: null }) },
      say: createSay(messages, catalogue.center),
      state,
      now: 0,
      channel: 'test',
      userKey: 'x',
      events: [],
    };
    const text = (s: Parameters<typeof sectionReplies>[2]) =>
      sectionReplies(ctx, p, s)
        .map((r) => r.text)
        .join('\n');
    expect(text('time')).toContain('CHANNEL-DIRECT: ');
    expect(text('time')).toContain('5 UNIT-WD');
    expect(text('time')).toContain('CHANNEL-POST: ');
    expect(text('time')).toContain('7 UNIT-D');
    expect(text('fee')).toContain(`${(135000).toLocaleString('vi-VN')} VND-MARK`);
    expect(text('documents')).toContain('• Giấy A — 1 ORIG OR-MARK 1 COPY');
    expect(text('documents')).toContain('• Giấy B — SHOW-ONLY');
    expect(text('documents')).toContain('SETS 2');
    for (const old of [
      'bản chính',
      'bản sao',
      'đồng',
      'Nộp trực tiếp',
      'ngày làm việc',
      'Số bộ hồ sơ',
      'hoặc',
    ])
      expect(text('documents') + text('time') + text('fee')).not.toContain(old);
  });
});
