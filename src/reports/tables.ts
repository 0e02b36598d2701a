import type { Report, ReportSection } from './report';
import type { RatingSummary } from './satisfaction';

export type Cell = string | number | null;

/** How a column's values are shown: text, a count, a share 0–1 (as a percentage), an average. */
export type ColumnKind = 'text' | 'count' | 'share' | 'average';

export interface Column {
  header: string;
  kind: ColumnKind;
}

/** One table of a report, ready for the terminal, a CSV file or a web page. */
export interface Table {
  /** The CSV file's name without `.csv`: ASCII, stable. */
  name: string;
  section: ReportSection;
  /** The heading, in Vietnamese. */
  title: string;
  columns: Column[];
  rows: Cell[][];
}

const text = (header: string): Column => ({ header, kind: 'text' });
const count = (header: string): Column => ({ header, kind: 'count' });

const ratingColumns = (first: string): Column[] => [
  text(first),
  count('Lượt đánh giá'),
  count('Có'),
  count('Một phần'),
  count('Không'),
  { header: 'Hữu ích', kind: 'share' },
  { header: 'Điểm TB (1–3)', kind: 'average' },
];

const ratingRow = (r: RatingSummary): Cell[] => [
  r.label,
  r.count,
  r.helpful,
  r.partly,
  r.notHelpful,
  r.helpfulShare,
  r.average,
];

function sectionTables(report: Report, section: ReportSection): Table[] {
  const s = report.satisfaction;
  const q = report.asked.totals;
  const share = (n: number) => (q.count === 0 ? 0 : n / q.count);
  switch (section) {
    case 'unanswered':
      return [
        {
          name: 'chua-tra-loi',
          section,
          title: 'Câu hỏi bot chưa trả lời được (gom theo nội dung)',
          columns: [
            count('Số lần'),
            text('Câu hỏi'),
            text('Cách hỏi khác'),
            text('Thủ tục gần nhất'),
            text('Lần cuối'),
          ],
          rows: report.unanswered.map((g) => [
            g.count,
            g.text,
            g.examples.join(' | '),
            g.closest.map((c) => c.title).join('; '),
            g.lastDay,
          ]),
        },
      ];
    case 'clarify':
      return [
        {
          name: 'hoi-lai',
          section,
          title: 'Bot hỏi lại "bạn muốn hỏi thủ tục nào?" và người dân chọn gì',
          columns: [
            count('Số lần hỏi'),
            text('Các lựa chọn đưa ra'),
            text('Đã chọn'),
            count('Không phải các thủ tục trên'),
            count('Không chọn'),
          ],
          rows: report.clarifications.map((c) => [
            c.offered,
            c.options.map((o) => o.title).join(' / '),
            c.options
              .filter((o) => o.chosen > 0)
              .sort((a, b) => b.chosen - a.chosen)
              .map((o) => `${o.title}: ${o.chosen}`)
              .join('; '),
            c.none,
            c.unanswered,
          ]),
        },
      ];
    case 'satisfaction':
      return [
        {
          name: 'hai-long-tong',
          section,
          title: 'Mức độ hài lòng: tất cả',
          columns: ratingColumns('Phạm vi'),
          rows: [ratingRow(s.overall)],
        },
        {
          name: 'hai-long-theo-thu-tuc',
          section,
          title: 'Mức độ hài lòng theo thủ tục',
          columns: ratingColumns('Thủ tục'),
          rows: s.byProcedure.map(ratingRow),
        },
        {
          name: 'hai-long-theo-kenh',
          section,
          title: 'Mức độ hài lòng theo kênh',
          columns: ratingColumns('Kênh'),
          rows: s.byChannel.map(ratingRow),
        },
        {
          name: 'hai-long-theo-ngay',
          section,
          title: 'Mức độ hài lòng theo ngày',
          columns: ratingColumns('Ngày'),
          rows: s.byDay.map(ratingRow),
        },
        {
          name: 'hai-long-theo-tuan',
          section,
          title: 'Mức độ hài lòng theo tuần',
          columns: ratingColumns('Tuần'),
          rows: s.byWeek.map(ratingRow),
        },
      ];
    case 'asked':
      return [
        {
          name: 'cau-hoi-tong',
          section,
          title: 'Câu hỏi: bot trả lời được bao nhiêu',
          columns: [text('Kết quả'), count('Số câu'), { header: 'Tỉ lệ', kind: 'share' }],
          rows: [
            ['Trả lời ngay', q.answered, share(q.answered)],
            ['Hỏi lại để chọn thủ tục', q.clarified, share(q.clarified)],
            ['Không trả lời được', q.unanswered, share(q.unanswered)],
            ['Tổng', q.count, q.count === 0 ? 0 : 1],
          ],
        },
        {
          name: 'hoi-nhieu-thu-tuc',
          section,
          title: 'Thủ tục được hỏi nhiều nhất',
          columns: [text('Thủ tục'), count('Được trả lời'), count('Có trong lựa chọn hỏi lại')],
          rows: report.asked.procedures.map((p) => [p.title, p.answered, p.offered]),
        },
        {
          name: 'hoi-nhieu-khia-canh',
          section,
          title: 'Người dân hỏi về điều gì',
          columns: [
            text('Nội dung hỏi'),
            count('Số câu'),
            count('Trả lời ngay'),
            { header: 'Tỉ lệ trả lời', kind: 'share' },
          ],
          rows: report.asked.aspects.map((a) => [a.label, a.count, a.answered, a.answeredShare]),
        },
      ];
    case 'stale':
      return [
        {
          name: 'noi-dung-can-xem',
          section,
          title: 'Nội dung cần xem lại: bản nháp và quá 180 ngày chưa kiểm tra',
          columns: [
            text('Loại'),
            text('Mã'),
            text('Tên'),
            text('Lý do'),
            text('Kiểm tra lần cuối'),
            count('Số ngày'),
            text('Tệp'),
          ],
          rows: (report.stale ?? []).map((item) => [
            item.kind === 'faq' ? 'câu hỏi chung' : 'thủ tục',
            item.id,
            item.title,
            [item.isDraft ? 'bản nháp' : '', item.isStale ? 'quá 180 ngày' : ''].filter(Boolean).join(', '),
            item.checkedAt,
            item.daysSinceCheck,
            item.file,
          ]),
        },
      ];
    case 'staff':
      return [
        {
          name: 'gap-can-bo',
          section,
          title: 'Yêu cầu gặp cán bộ theo ngày',
          columns: [text('Ngày'), count('Số yêu cầu')],
          rows: report.staffRequests.map((d) => [d.day, d.count]),
        },
      ];
  }
}

/** The report's tables for the sections asked for, in the order of the sections. */
export function reportTables(report: Report, sections: readonly ReportSection[]): Table[] {
  return sections.flatMap((section) => sectionTables(report, section));
}
