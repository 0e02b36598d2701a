import { procedureSchema } from '../../src/content/schema';
import { vietnameseErrors } from '../../src/content/validate';

const valid = {
  id: 'thu-tuc-mau',
  ma_thu_tuc: '9.000100',
  title: 'Thủ tục mẫu',
  field: 'dat-dai',
  agency: 'Sở Thử',
  levels: ['tinh'],
  venue: { kind: 'center', department: 'Sở Thử', text: 'Nộp tại Trung tâm.' },
  online: { level: 'none' },
  channels: [{ channel: 'truc_tiep', fee: { kind: 'free' } }],
  questions: [
    {
      id: 'loai',
      text: 'Cá nhân hay tổ chức?',
      options: [
        { value: 'ca_nhan', label: 'Cá nhân' },
        { value: 'to_chuc', label: 'Tổ chức' },
      ],
    },
    {
      id: 'von_nuoc_ngoai',
      text: 'Có vốn nước ngoài không?',
      options: [
        { value: 'co', label: 'Có' },
        { value: 'khong', label: 'Không' },
      ],
      when: { loai: 'to_chuc' },
    },
  ],
  documents: [
    {
      case: 'Mọi trường hợp',
      items: [{ name: 'Tờ khai', originals: 1, copies: 0, when: { loai: ['ca_nhan', 'to_chuc'] } }],
    },
  ],
  steps: ['Nộp.'],
  result: ['Giấy phép'],
  status: 'checked',
  checked_at: '2026-11-28',
  checked_by: 'tests',
};

function messages(change: (p: typeof valid) => unknown): string[] {
  const candidate = change(structuredClone(valid));
  const result = procedureSchema.safeParse(candidate, { error: vietnameseErrors, reportInput: true });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('content rules of a procedure guide', () => {
  it('accepts the valid guide and fills defaults', () => {
    expect(messages((p) => p)).toEqual([]);
    expect(procedureSchema.parse(valid).aliases).toEqual([]);
  });

  it('asks for the department of a center venue and the place of any other venue', () => {
    expect(messages((p) => ({ ...p, venue: { kind: 'center', text: 'x' } }))).toEqual([
      'venue.department: cần ghi sở nào nhận hồ sơ tại Trung tâm',
    ]);
    expect(messages((p) => ({ ...p, venue: { kind: 'police', text: 'x' } }))).toEqual([
      'venue.place: cần ghi nơi người dân phải đến',
    ]);
  });

  it('keeps fees honest: an amount needs the number and its legal source', () => {
    const fee = (f: object) => messages((p) => ({ ...p, channels: [{ channel: 'truc_tiep', fee: f }] }));
    expect(fee({ kind: 'amount', source: 'TT 1' })).toEqual([
      'channels.0.fee.amount_vnd: kind là amount thì phải có amount_vnd',
    ]);
    expect(fee({ kind: 'amount', amount_vnd: 50000 })).toEqual([
      'channels.0.fee.source: cần ghi văn bản quy định mức phí',
    ]);
    expect(fee({ kind: 'free', amount_vnd: 0 })).toEqual([
      'channels.0.fee.amount_vnd: chỉ ghi amount_vnd khi kind là amount',
    ]);
    expect(fee({ kind: 'unconfirmed' })).toEqual([
      'channels.0.fee.text: cần ghi điều đã biết hoặc lý do chưa xác nhận',
    ]);
    expect(fee({ kind: 'by_province', source: 'Nghị quyết của HĐND tỉnh' })).toEqual([]);
  });

  it('lets a question depend only on an earlier question', () => {
    expect(
      messages((p) => {
        p.questions.reverse();
        return p;
      }),
    ).toEqual([
      'questions.0.when.loai: câu hỏi "von_nuoc_ngoai" chỉ được phụ thuộc vào câu hỏi đứng trước nó',
    ]);
  });

  it('explains a national code written without quotes', () => {
    expect(messages((p) => ({ ...p, ma_thu_tuc: 2.0001 }))).toEqual([
      'ma_thu_tuc: mã thủ tục phải viết trong dấu nháy, ví dụ "2.001583" (nếu không YAML đọc thành số và mất số 0)',
    ]);
  });

  it('lists the allowed values of an enum', () => {
    expect(messages((p) => ({ ...p, online: { level: 'full' } }))).toEqual([
      'online.level: giá trị "full" không được phép; chọn một trong: toan_trinh, mot_phan, none',
    ]);
  });

  it('requires a reason when a guide has no national code', () => {
    expect(messages((p) => ({ ...p, ma_thu_tuc: null }))).toEqual([
      'ma_thu_tuc: không có mã thủ tục thì phải ghi lý do trong review_notes',
    ]);
  });
});
