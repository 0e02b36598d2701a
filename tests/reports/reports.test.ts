import path from 'node:path';
import { loadCatalogueOrThrow } from '../../src/content/loader';
import {
  askedReport,
  buildReport,
  clarificationSets,
  contentWords,
  dayOf,
  groupSimilarTexts,
  jaccard,
  lastDays,
  reportSections,
  reportTables,
  satisfaction,
  staffRequestsByDay,
  staleContent,
  unansweredGroups,
  weekOf,
} from '../../src/reports';
import { ev } from './events';

const catalogue = loadCatalogueOrThrow([path.join(__dirname, '..', 'fixtures', 'content', 'base')]);

describe('grouping unanswered questions', () => {
  it('folds diacritics and drops fillers before comparing', () => {
    expect([...contentWords('Cho em hỏi làm GIẤY PHÉP xây dựng ạ?')].sort()).toEqual([
      'dung',
      'giay',
      'phep',
      'xay',
    ]);
    expect(jaccard(contentWords('giấy phép xây dựng'), contentWords('giay phep xay dung nha o'))).toBe(4 / 5);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });

  it('puts similar texts together and different ones apart, deterministically', () => {
    const texts = [
      'cho em hỏi xin giấy phép xây dựng',
      'đăng ký kết hôn cần gì',
      'giay phep xay dung nha o',
      'Giấy phép xây dựng ạ',
      'đăng kí kết hôn với người nước ngoài',
      'alo',
      'alo',
      'ad ơi',
    ];
    const groups = groupSimilarTexts(texts);
    const asTexts = groups.map((g) => g.map((i) => texts[i]).sort());
    expect(asTexts).toContainEqual(
      ['Giấy phép xây dựng ạ', 'cho em hỏi xin giấy phép xây dựng', 'giay phep xay dung nha o'].sort(),
    );
    expect(asTexts).toContainEqual(['alo', 'alo']);
    expect(asTexts).toContainEqual(['ad ơi']);
    // "đăng ký" and "đăng kí" fold differently and share too little of the second question: apart.
    expect(asTexts.flat()).toHaveLength(texts.length);
    expect(groupSimilarTexts([...texts].reverse()).map((g) => g.length)).toEqual(groups.map((g) => g.length));
  });

  it('gives each group its count, a masked representative, examples and the closest procedures', () => {
    const events = [
      ev.unanswered('2025-03-01T01:00:00Z', 'giấy phép xây dựng', ['cap-lai-so-do', 'x']),
      ev.unanswered('2025-03-02T01:00:00Z', 'giấy phép xây dựng', ['cap-lai-so-do']),
      ev.unanswered('2025-03-03T18:00:00Z', 'xin giấy phép xây dựng, sđt 0905123456', ['x']),
      ev.unanswered('2025-03-03T01:00:00Z', 'nuôi chó có phải đăng ký không', []),
      ev.rating('2025-03-03T01:00:00Z', 3, 'cap-lai-so-do'),
    ];
    const [first, second, ...rest] = unansweredGroups(events, catalogue);
    expect(rest).toEqual([]);
    expect(first).toEqual({
      count: 3,
      text: 'giấy phép xây dựng',
      examples: ['xin giấy phép xây dựng, sđt [số điện thoại …56]'],
      // Equal counts: the shorter reference first, so that the order never depends on the log's order.
      closest: [
        { ref: 'x', title: 'x', count: 2 },
        { ref: 'cap-lai-so-do', title: 'Làm lại sổ đỏ bị mất', count: 2 },
      ],
      // 18:00 UTC is the next morning in Vietnam.
      lastDay: '2025-03-04',
    });
    expect(second).toMatchObject({ count: 1, text: 'nuôi chó có phải đăng ký không', closest: [] });
  });
});

describe('clarifications', () => {
  it('counts how often each set was offered and what people chose', () => {
    const set = ['cap-lai-so-do', 'faq:gio-lam-viec'];
    const events = [
      ev.question('2025-03-01T01:00:00Z', 'clarify', set),
      ev.question('2025-03-01T02:00:00Z', 'clarify', [...set].reverse()),
      ev.question('2025-03-01T03:00:00Z', 'clarify', set),
      ev.question('2025-03-01T04:00:00Z', 'clarify', set),
      ev.chosen('2025-03-01T01:01:00Z', set, 'cap-lai-so-do'),
      ev.chosen('2025-03-01T02:01:00Z', set, 'cap-lai-so-do'),
      ev.chosen('2025-03-01T03:01:00Z', set, null),
      ev.chosen('2025-03-01T05:01:00Z', ['a', 'b'], 'b'),
    ];
    expect(clarificationSets(events, catalogue)).toEqual([
      {
        options: [
          { ref: 'cap-lai-so-do', title: 'Làm lại sổ đỏ bị mất', chosen: 2 },
          { ref: 'faq:gio-lam-viec', title: 'Trung tâm làm việc giờ nào?', chosen: 0 },
        ],
        offered: 4,
        none: 1,
        unanswered: 1,
      },
      // A choice whose offer came before the range still counts as offered once.
      {
        options: [
          { ref: 'a', title: 'a', chosen: 0 },
          { ref: 'b', title: 'b', chosen: 1 },
        ],
        offered: 1,
        none: 0,
        unanswered: 0,
      },
    ]);
  });
});

describe('satisfaction', () => {
  const events = [
    ev.rating('2025-03-03T01:00:00Z', 3, 'cap-lai-so-do', 'web'),
    ev.rating('2025-03-03T02:00:00Z', 1, 'cap-lai-so-do', 'zalo'),
    ev.rating('2025-03-04T02:00:00Z', 2, 'cap-lai-so-do', 'zalo'),
    ev.rating('2025-03-10T02:00:00Z', 3, null, 'telegram'),
    ev.unanswered('2025-03-10T02:00:00Z', 'x'),
  ];
  const report = satisfaction(events, catalogue);

  it('summarises all ratings: count, share helpful, average level', () => {
    expect(report.overall).toMatchObject({
      count: 4,
      helpful: 2,
      partly: 1,
      notHelpful: 1,
      helpfulShare: 0.5,
    });
    expect(report.overall.average).toBeCloseTo(9 / 4);
  });

  it('by procedure, most rated first, with titles', () => {
    expect(report.byProcedure.map((r) => [r.label, r.count, r.helpful, r.average])).toEqual([
      ['Làm lại sổ đỏ bị mất', 3, 1, 2],
      ['(không rõ thủ tục)', 1, 1, 3],
    ]);
  });

  it('by channel', () => {
    expect(report.byChannel.map((r) => [r.key, r.count, r.helpfulShare])).toEqual([
      ['zalo', 2, 0],
      ['telegram', 1, 1],
      ['web', 1, 1],
    ]);
  });

  it('by day and by week (Monday first), oldest first', () => {
    expect(report.byDay.map((r) => [r.key, r.count])).toEqual([
      ['2025-03-03', 2],
      ['2025-03-04', 1],
      ['2025-03-10', 1],
    ]);
    expect(report.byWeek.map((r) => [r.key, r.count])).toEqual([
      ['2025-03-03', 3],
      ['2025-03-10', 1],
    ]);
  });
});

describe('most asked', () => {
  it('ranks procedures by answers, then by clarifications, and aspects with their answered share', () => {
    const events = [
      ev.question('2025-03-01T01:00:00Z', 'answer', ['cap-lai-so-do'], 'fee'),
      ev.question('2025-03-01T02:00:00Z', 'answer', ['cap-lai-so-do'], 'documents'),
      ev.question('2025-03-01T03:00:00Z', 'answer', ['faq:gio-lam-viec'], null),
      ev.question('2025-03-01T04:00:00Z', 'clarify', ['faq:gio-lam-viec', 'khac'], 'fee'),
      ev.question('2025-03-01T05:00:00Z', 'fallback', [], 'fee'),
    ];
    const asked = askedReport(events, catalogue);
    expect(asked.totals).toEqual({ count: 5, answered: 3, clarified: 1, unanswered: 1, answeredShare: 0.6 });
    expect(asked.procedures.map((p) => [p.title, p.answered, p.offered])).toEqual([
      ['Làm lại sổ đỏ bị mất', 2, 0],
      ['Trung tâm làm việc giờ nào?', 1, 1],
      ['khac', 0, 1],
    ]);
    expect(asked.aspects.map((a) => [a.aspect, a.label, a.count, a.answered])).toEqual([
      ['fee', 'lệ phí', 3, 1],
      [null, '(cả thủ tục)', 1, 1],
      ['documents', 'giấy tờ, hồ sơ', 1, 1],
    ]);
    expect(asked.aspects[0]!.answeredShare).toBeCloseTo(1 / 3);
  });
});

describe('stale content', () => {
  const [procedure] = catalogue.procedures;
  const withDraft = {
    ...catalogue,
    procedures: [
      ...catalogue.procedures,
      {
        ...procedure!,
        id: 'ban-nhap',
        title: 'Bản nháp',
        plain_title: undefined,
        status: 'draft' as const,
        checked_at: '2027-05-20',
      },
    ],
  };

  it('lists drafts and content not checked for more than 180 days before now, oldest first', () => {
    // The fixtures were checked on 2026-11-01: 180 days later is 2027-04-30.
    expect(staleContent(withDraft, new Date('2027-04-30T12:00:00Z')).map((i) => i.id)).toEqual(['ban-nhap']);
    const items = staleContent(withDraft, new Date('2027-06-01T00:00:00Z'));
    expect(items.map((i) => [i.kind, i.id, i.daysSinceCheck, i.isStale, i.isDraft])).toEqual([
      ['procedure', 'cap-lai-so-do', 212, true, false],
      ['faq', 'gio-lam-viec', 212, true, false],
      ['procedure', 'ban-nhap', 12, false, true],
    ]);
    expect(items[0]!.file).toBe('base/procedures/dat-dai/cap-lai-so-do.yaml');
    expect(items[1]!.title).toBe('Trung tâm làm việc giờ nào?');
  });
});

describe('dates and ranges', () => {
  it('reads days in Vietnam time and weeks from Monday', () => {
    expect(dayOf('2025-03-01T16:59:59.999Z')).toBe('2025-03-01');
    expect(dayOf('2025-03-01T17:00:00Z')).toBe('2025-03-02');
    expect(weekOf('2025-03-09')).toBe('2025-03-03');
    expect(weekOf('2025-03-10')).toBe('2025-03-10');
    expect(lastDays(new Date('2025-03-30T20:00:00Z'))).toEqual({ from: '2025-03-02', to: '2025-03-31' });
  });

  it('counts staff requests every day of the range, zero included', () => {
    const events = [
      ev.staff('2025-03-01T01:00:00Z'),
      ev.staff('2025-03-01T02:00:00Z'),
      ev.staff('2025-03-03T02:00:00Z'),
    ];
    expect(staffRequestsByDay(events, { from: '2025-03-01', to: '2025-03-03' })).toEqual([
      { day: '2025-03-01', count: 2 },
      { day: '2025-03-02', count: 0 },
      { day: '2025-03-03', count: 1 },
    ]);
  });

  it('builds a report from the events of the range only', () => {
    const events = [
      ev.unanswered('2025-02-28T16:59:00Z', 'trước: ngày 28/2 ở Việt Nam'),
      ev.unanswered('2025-02-28T17:00:00Z', 'đầu kỳ: 1/3 ở Việt Nam'),
      ev.rating('2025-03-05T10:00:00Z', 3, 'cap-lai-so-do'),
      ev.question('2025-03-05T10:00:00Z', 'answer', ['cap-lai-so-do']),
      ev.unanswered('2025-03-07T16:59:59Z', 'cuối kỳ'),
      ev.unanswered('2025-03-07T17:00:00Z', 'sau: ngày 8/3 ở Việt Nam'),
      ev.staff('2025-03-08T01:00:00Z'),
    ];
    const report = buildReport(events, catalogue, {
      range: { from: '2025-03-01', to: '2025-03-07' },
      now: new Date('2025-03-08T00:00:00Z'),
    });
    expect(report.eventCount).toBe(4);
    expect(report.unanswered.map((g) => g.text).sort()).toEqual(['cuối kỳ', 'đầu kỳ: 1/3 ở Việt Nam']);
    expect(report.satisfaction.overall.count).toBe(1);
    expect(report.asked.totals.count).toBe(1);
    expect(report.staffRequests.every((d) => d.count === 0)).toBe(true);
    expect(report.stale).toEqual([]);
    const tables = reportTables(report, reportSections);
    expect(new Set(tables.map((t) => t.name)).size).toBe(tables.length);
    for (const t of tables) for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
  });
});
