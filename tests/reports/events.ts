import type { StoredEvent } from '../../src/events';

/** Hand-built stored events for the report tests; `at` is a UTC time. */
export const ev = {
  unanswered: (at: string, text: string, closest: string[] = []): StoredEvent => ({
    type: 'unanswered',
    channel: 'web',
    userKey: 'u1',
    text,
    closest,
    at,
  }),
  chosen: (at: string, offered: string[], chosen: string | null): StoredEvent => ({
    type: 'clarify_chosen',
    channel: 'web',
    userKey: 'u1',
    text: 'sổ đỏ',
    offered,
    chosen,
    at,
  }),
  rating: (at: string, level: 1 | 2 | 3, procedure: string | null, channel = 'web'): StoredEvent => ({
    type: 'rating',
    channel,
    userKey: 'u1',
    level,
    procedure,
    decision: 'answer',
    at,
  }),
  question: (
    at: string,
    decision: 'answer' | 'clarify' | 'fallback',
    refs: string[],
    aspect: string | null = null,
  ): StoredEvent => ({ type: 'question', channel: 'web', userKey: 'u1', decision, aspect, refs, at }),
  staff: (at: string): StoredEvent => ({
    type: 'staff_request',
    channel: 'zalo',
    userKey: 'u1',
    text: 'gặp cán bộ',
    at,
  }),
};

/** A week of events in March 2025, and some outside it. */
export const sampleEvents: StoredEvent[] = [
  ev.unanswered('2025-02-20T01:00:00Z', 'ngoài kỳ báo cáo'),
  ev.unanswered('2025-03-02T01:00:00Z', 'xin giấy phép xây dựng, sđt 0905123456', ['cap-lai-so-do']),
  ev.unanswered('2025-03-03T01:00:00Z', 'giay phep xay dung', ['cap-lai-so-do']),
  ev.unanswered('2025-03-03T02:00:00Z', 'nuôi chó có phải đăng ký không'),
  ev.question('2025-03-03T03:00:00Z', 'answer', ['cap-lai-so-do'], 'fee'),
  ev.question('2025-03-03T04:00:00Z', 'clarify', ['cap-lai-so-do', 'faq:gio-lam-viec']),
  ev.chosen('2025-03-03T04:01:00Z', ['cap-lai-so-do', 'faq:gio-lam-viec'], 'faq:gio-lam-viec'),
  ev.rating('2025-03-04T01:00:00Z', 3, 'cap-lai-so-do', 'zalo'),
  ev.rating('2025-03-04T02:00:00Z', 1, 'cap-lai-so-do', 'web'),
  ev.staff('2025-03-05T01:00:00Z'),
];

/** Checks the text report of `sampleEvents` for 2025-03-01..07. */
export function expectSampleText(text: string): void {
  expect(text).toContain('Báo cáo từ 01/03/2025 đến 07/03/2025');
  expect(text).toContain('Câu hỏi bot chưa trả lời được');
  expect(text).toMatch(
    / 2 {2}xin giấy phép xây dựng, sđt \[số điện thoại …56\] +giay phep xay dung +Làm lại sổ đỏ bị mất/,
  );
  expect(text).not.toContain('0905123456');
  expect(text).not.toContain('ngoài kỳ báo cáo');
  expect(text).toMatch(/Tất cả +2 +1 +0 +1 +50% +2,00/);
  expect(text).toMatch(/Trả lời ngay +1 +50%/);
  expect(text).toContain('Trung tâm làm việc giờ nào?: 1');
  expect(text).toMatch(/2025-03-05 +1/);
}
