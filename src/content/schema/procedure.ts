import { z } from 'zod';
import { isoDate, link, nationalCode, reviewFields, slug, text, webUrl } from './common';

/** Where the citizen actually goes. Since 1/7/2025 many procedures are done by Công an or the commune. */
export const venueKinds = ['center', 'police', 'commune', 'social_insurance', 'tax', 'other'] as const;

export const venueSchema = z
  .strictObject({
    kind: z.enum(venueKinds).meta({
      description:
        'center = nộp tại quầy của Trung tâm; police = Công an; commune = UBND/Công an xã, phường; social_insurance = BHXH; tax = cơ quan Thuế; other = nơi khác',
    }),
    department: text
      .optional()
      .meta({ description: 'Sở có quầy tại Trung tâm (bắt buộc khi kind là center), ví dụ "Sở Tài chính"' }),
    place: text.optional().meta({
      description: 'Nơi phải đến khi không làm tại Trung tâm, ví dụ "Phòng Cảnh sát giao thông Công an tỉnh"',
    }),
    text: text.meta({ description: 'Câu hướng dẫn cho người dân: nộp ở đâu, như thế nào' }),
  })
  .superRefine((venue, ctx) => {
    if (venue.kind === 'center' && !venue.department) {
      ctx.addIssue({ code: 'custom', path: ['department'], message: 'cần ghi sở nào nhận hồ sơ tại Trung tâm' });
    }
    if (venue.kind !== 'center' && !venue.place) {
      ctx.addIssue({ code: 'custom', path: ['place'], message: 'cần ghi nơi người dân phải đến' });
    }
  });

export const onlineLevels = ['toan_trinh', 'mot_phan', 'none'] as const;

export const onlineSchema = z.strictObject({
  level: z.enum(onlineLevels).meta({
    description: 'toan_trinh = nộp, trả phí, nhận kết quả trực tuyến; mot_phan = nộp trực tuyến một phần; none = không',
  }),
  url: webUrl.optional().meta({ description: 'Link nộp trực tuyến' }),
  note: text.optional(),
});

export const channelKinds = ['truc_tiep', 'truc_tuyen', 'buu_chinh'] as const;
export const timeUnits = ['working_days', 'days', 'hours', 'months'] as const;

export const timeLimitSchema = z.strictObject({
  amount: z.number().positive().meta({ description: 'Số lượng, ví dụ 3' }),
  unit: z
    .enum(timeUnits)
    .meta({ description: 'working_days = ngày làm việc; days = ngày; hours = giờ; months = tháng' }),
  note: text.optional().meta({ description: 'Ví dụ: "kể từ ngày nhận đủ hồ sơ hợp lệ"' }),
});

export const feeKinds = ['free', 'amount', 'by_province', 'unconfirmed'] as const;

export const feeSchema = z
  .strictObject({
    kind: z.enum(feeKinds).meta({
      description:
        'free = không mất phí; amount = số tiền cụ thể (điền amount_vnd); by_province = theo nghị quyết HĐND tỉnh (điền source); unconfirmed = chưa xác nhận được',
    }),
    amount_vnd: z.number().int().nonnegative().optional().meta({ description: 'Số tiền (đồng), ví dụ 50000' }),
    text: text.optional().meta({ description: 'Cách nói cho người dân, ví dụ "50.000 đồng/lần"' }),
    source: text.optional().meta({ description: 'Văn bản quy định mức phí, ví dụ "Thông tư 47/2019/TT-BTC"' }),
    valid_until: isoDate
      .optional()
      .meta({ description: 'Mức phí chỉ áp dụng đến ngày này (ví dụ mức giảm tạm thời); sau đó có cảnh báo' }),
  })
  .superRefine((fee, ctx) => {
    if (fee.kind === 'amount' && fee.amount_vnd === undefined) {
      ctx.addIssue({ code: 'custom', path: ['amount_vnd'], message: 'kind là amount thì phải có amount_vnd' });
    }
    if (fee.kind !== 'amount' && fee.amount_vnd !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['amount_vnd'], message: 'chỉ ghi amount_vnd khi kind là amount' });
    }
    if ((fee.kind === 'by_province' || fee.kind === 'amount') && !fee.source) {
      ctx.addIssue({ code: 'custom', path: ['source'], message: 'cần ghi văn bản quy định mức phí' });
    }
    if (fee.kind === 'unconfirmed' && !fee.text) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'cần ghi điều đã biết hoặc lý do chưa xác nhận' });
    }
  });

export const channelSchema = z.strictObject({
  channel: z.enum(channelKinds).meta({
    description: 'truc_tiep = nộp trực tiếp; truc_tuyen = nộp trực tuyến; buu_chinh = qua bưu điện',
  }),
  time: timeLimitSchema.optional().meta({ description: 'Thời hạn giải quyết; bỏ trống nếu chưa xác nhận' }),
  fee: feeSchema,
});

/**
 * A condition on a document: question id → the answer(s) for which the document is needed.
 * `{ nop_thay: co }` or `{ loai_von: [nuoc_ngoai, lien_doanh] }`; all listed questions must hold.
 */
export const conditionSchema = z
  .record(z.string(), z.union([text, z.array(text).min(1)]))
  .meta({ description: 'Điều kiện: mã câu hỏi → câu trả lời (hoặc danh sách câu trả lời)' });

export const formSchema = z.strictObject({
  name: text.meta({ description: 'Tên mẫu đơn, tờ khai, ví dụ "Mẫu số 01 Phụ lục I Thông tư 68/2025/TT-BTC"' }),
  url: webUrl.optional().meta({ description: 'Link tải mẫu' }),
});

export const documentSchema = z.strictObject({
  name: text.meta({ description: 'Tên giấy tờ, viết dễ hiểu' }),
  originals: z.number().int().nonnegative().meta({ description: 'Số bản chính' }),
  copies: z.number().int().nonnegative().meta({ description: 'Số bản sao' }),
  handling: z.enum(['hand_in', 'original_or_copy', 'show_only']).default('hand_in').meta({
    description:
      'hand_in = nộp đúng số bản chính/bản sao ghi trên; original_or_copy = nộp bản chính hoặc bản sao; show_only = chỉ xuất trình để đối chiếu, không nộp',
  }),
  form: formSchema.optional(),
  note: text.optional(),
  when: conditionSchema.optional(),
});

export const documentGroupSchema = z.strictObject({
  case: text.meta({ description: 'Trường hợp áp dụng, ví dụ "Mọi trường hợp" hoặc "Nếu nộp thay"' }),
  when: conditionSchema.optional(),
  items: z.array(documentSchema).min(1),
});

export const questionOptionSchema = z.strictObject({
  value: z.string().regex(/^[a-z0-9_]+$/, { message: 'chỉ dùng chữ thường không dấu, số, dấu gạch dưới' }),
  label: text.meta({ description: 'Chữ trên nút bấm, ví dụ "Có"' }),
});

export const questionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/, { message: 'chỉ dùng chữ thường không dấu, số, dấu gạch dưới' }),
  text: text.meta({ description: 'Câu hỏi bot hỏi người dân, ví dụ "Bạn tự nộp hay nhờ người nộp thay?"' }),
  options: z.array(questionOptionSchema).min(2),
  when: conditionSchema
    .optional()
    .meta({ description: 'Chỉ hỏi khi các câu hỏi trước đó được trả lời như thế này' }),
});

export const legalBasisSchema = z.strictObject({
  title: text.meta({ description: 'Tên văn bản' }),
  code: text.optional().meta({ description: 'Số hiệu, ví dụ "59/2020/QH14"' }),
});

export const qaSchema = z.strictObject({
  q: z.array(text).min(1).meta({ description: 'Các cách hỏi' }),
  a: text.meta({ description: 'Câu trả lời' }),
});

export const importInfoSchema = z.strictObject({
  source: z.literal('dvcqg'),
  imported_at: isoDate,
});

export const procedureSchema = z
  .strictObject({
    id: slug,
    ma_thu_tuc: nationalCode.nullable().meta({
      description: 'Mã thủ tục quốc gia; null chỉ khi thủ tục không có mã (ghi lý do trong review_notes)',
    }),
    title: text.meta({ description: 'Tên thủ tục chính thức' }),
    plain_title: text.optional().meta({ description: 'Tên ngắn, dễ hiểu cho người dân' }),
    summary: text.optional().meta({ description: 'Một hai câu: thủ tục này dùng khi nào' }),
    aliases: z.array(text).default([]).meta({ description: 'Người dân gọi thủ tục này là gì' }),
    field: slug.meta({ description: 'Mã lĩnh vực trong data/fields.yaml (trùng tên thư mục)' }),
    official_field: text.optional().meta({ description: 'Lĩnh vực ghi trong CSDL quốc gia' }),
    agency: text.meta({ description: 'Cơ quan giải quyết' }),
    levels: z
      .array(z.enum(['bo', 'tinh', 'xa', 'khac']))
      .min(1)
      .meta({ description: 'Cấp thực hiện: bo = bộ, tinh = tỉnh, xa = xã, khac = cơ quan khác' }),
    who: z.array(text).optional().meta({ description: 'Đối tượng thực hiện' }),
    venue: venueSchema,
    online: onlineSchema,
    channels: z.array(channelSchema).min(1).meta({ description: 'Thời hạn và phí theo từng cách nộp' }),
    questions: z.array(questionSchema).default([]).meta({
      description: 'Câu hỏi giúp lập danh sách giấy tờ riêng cho người dân (dùng trong "when")',
    }),
    documents: z.array(documentGroupSchema).min(1).meta({ description: 'Thành phần hồ sơ theo trường hợp' }),
    file_sets: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'Số bộ hồ sơ phải nộp (bỏ trống nếu là 1 bộ hoặc chưa rõ)' }),
    steps: z.array(text).min(1).meta({ description: 'Các bước thực hiện' }),
    requirements: z.array(text).default([]).meta({ description: 'Yêu cầu, điều kiện' }),
    result: z.array(text).min(1).meta({ description: 'Kết quả người dân nhận được' }),
    legal_basis: z.array(legalBasisSchema).default([]),
    qa: z.array(qaSchema).default([]).meta({ description: 'Câu hỏi thường gặp riêng của thủ tục' }),
    related: z.array(slug).default([]).meta({ description: 'Mã (id) các thủ tục liên quan' }),
    links: z.array(link).default([]),
    source_url: webUrl.optional().meta({ description: 'Link thủ tục trên dichvucong.gov.vn (thiếu thì có cảnh báo)' }),
    import: importInfoSchema.optional().meta({ description: 'Do công cụ nhập tự động tạo ra' }),
    ...reviewFields,
  })
  .superRefine((p, ctx) => {
    const questions = new Map(p.questions.map((q) => [q.id, new Set(q.options.map((o) => o.value))]));
    const checkCondition = (when: Record<string, string | string[]> | undefined, path: (string | number)[]) => {
      for (const [questionId, expected] of Object.entries(when ?? {})) {
        const allowed = questions.get(questionId);
        if (!allowed) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'when', questionId],
            message: `không có câu hỏi "${questionId}" trong questions (có: ${[...questions.keys()].join(', ') || 'không có câu hỏi nào'})`,
          });
          continue;
        }
        for (const value of Array.isArray(expected) ? expected : [expected]) {
          if (!allowed.has(value)) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'when', questionId],
              message: `câu hỏi "${questionId}" không có lựa chọn "${value}" (có: ${[...allowed].join(', ')})`,
            });
          }
        }
      }
    };
    p.documents.forEach((group, g) => {
      checkCondition(group.when, ['documents', g]);
      group.items.forEach((item, i) => checkCondition(item.when, ['documents', g, 'items', i]));
    });
    const seenQuestions = new Set<string>();
    p.questions.forEach((q, i) => {
      if (seenQuestions.has(q.id)) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `câu hỏi "${q.id}" bị trùng` });
      }
      for (const earlier of Object.keys(q.when ?? {})) {
        if (!seenQuestions.has(earlier) && questions.has(earlier)) {
          ctx.addIssue({
            code: 'custom',
            path: ['questions', i, 'when', earlier],
            message: `câu hỏi "${q.id}" chỉ được phụ thuộc vào câu hỏi đứng trước nó`,
          });
        }
      }
      checkCondition(q.when, ['questions', i]);
      seenQuestions.add(q.id);
    });
    if (p.status === 'draft' && !p.review_notes?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['review_notes'],
        message: 'bản nháp (draft) cần ghi rõ điều gì chưa kiểm tra được',
      });
    }
    if (p.ma_thu_tuc === null && !p.review_notes?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['ma_thu_tuc'],
        message: 'không có mã thủ tục thì phải ghi lý do trong review_notes',
      });
    }
  });

export type Procedure = z.output<typeof procedureSchema>;
export type Venue = z.output<typeof venueSchema>;
export type Fee = z.output<typeof feeSchema>;
export type TimeLimit = z.output<typeof timeLimitSchema>;
export type DocumentGroup = z.output<typeof documentGroupSchema>;
export type Question = z.output<typeof questionSchema>;
export type Condition = z.output<typeof conditionSchema>;
