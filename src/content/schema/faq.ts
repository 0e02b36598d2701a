import { z } from 'zod';
import { link, reviewFields, slug, text, webUrl } from './common';

/**
 * Placeholders an FAQ answer may use; the engine fills them from the center profile and says
 * "chưa được xác nhận" for an empty or unconfirmed value, so no address or hotline is ever typed twice.
 */
export const faqPlaceholders = [
  'center_name',
  'address',
  'directions',
  'map_url',
  'hotline',
  'email',
  'hours',
  'holidays_note',
  'portal_national',
  'portal_provincial',
  'portal_lookup',
] as const;

export const followUpSchema = z.strictObject({
  label: text.meta({ description: 'Chữ trên nút bấm' }),
  procedure: slug.optional().meta({ description: 'Mã (id) thủ tục mở ra khi bấm' }),
  faq: slug.optional().meta({ description: 'Mã (id) câu hỏi khác mở ra khi bấm' }),
});

export const faqSchema = z
  .strictObject({
    id: slug,
    topic: text.meta({ description: 'Chủ đề ngắn, ví dụ "Giờ làm việc"' }),
    question: text.meta({ description: 'Câu hỏi chính' }),
    phrasings: z.array(text).min(1).meta({ description: 'Các cách người dân hay hỏi (có dấu, không dấu, viết tắt)' }),
    answer: text.meta({ description: 'Câu trả lời; có thể dùng {hotline}, {address}, {hours}…' }),
    follow_ups: z.array(followUpSchema).default([]),
    links: z.array(link).default([]),
    source_url: webUrl.optional(),
    ...reviewFields,
  })
  .superRefine((faq, ctx) => {
    for (const match of faq.answer.matchAll(/\{([a-z_]+)\}/g)) {
      if (!(faqPlaceholders as readonly string[]).includes(match[1]!)) {
        ctx.addIssue({
          code: 'custom',
          path: ['answer'],
          message: `không có chỗ trống {${match[1]}} (dùng được: ${faqPlaceholders.map((p) => `{${p}}`).join(', ')})`,
        });
      }
    }
    faq.follow_ups.forEach((f, i) => {
      if (Number(Boolean(f.procedure)) + Number(Boolean(f.faq)) !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['follow_ups', i],
          message: 'mỗi nút cần đúng một trong hai: procedure hoặc faq',
        });
      }
    });
    if (faq.status === 'draft' && !faq.review_notes?.length) {
      ctx.addIssue({ code: 'custom', path: ['review_notes'], message: 'bản nháp (draft) cần ghi rõ điều gì chưa kiểm tra được' });
    }
  });

export type FaqEntry = z.output<typeof faqSchema>;
