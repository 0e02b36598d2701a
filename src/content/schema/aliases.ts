import { z } from 'zod';
import { text } from './common';

const expansion = z.strictObject({
  from: z.array(text).min(1).meta({ description: 'Cách viết tắt/viết tắt khi chat, ví dụ ["ko", "k", "hok"]' }),
  to: text.meta({ description: 'Nghĩa đầy đủ, ví dụ "không"' }),
});

const ambiguousExpansion = z.strictObject({
  from: z.array(text).min(1).meta({ description: 'Chữ viết tắt có nhiều nghĩa, ví dụ ["dk", "đk"]' }),
  to: z
    .array(text)
    .min(2)
    .meta({ description: 'Các nghĩa, nghĩa hay gặp nhất trước, ví dụ ["đăng ký", "điều kiện"]' }),
});

export const folkNameSchema = z.strictObject({
  names: z.array(text).min(1).meta({ description: 'Tên dân gian, ví dụ ["sổ đỏ", "sổ hồng", "bìa đỏ"]' }),
  meaning: text.meta({ description: 'Tên chính thức của giấy tờ/việc' }),
  procedures: z
    .array(text)
    .min(1)
    .meta({ description: 'Mã thủ tục quốc gia hoặc id các thủ tục có thể liên quan (nhiều thì bot hỏi lại)' }),
  note: text.optional(),
});

const offTopicSchema = z.strictObject({
  topic: text.meta({ description: 'Tên chủ đề, ví dụ "Thời tiết"' }),
  phrases: z.array(text).min(1).meta({ description: 'Cụm từ cho biết câu hỏi thuộc chủ đề này' }),
});

export const aliasesSchema = z.strictObject({
  shorthand: z.array(expansion).meta({ description: 'Viết tắt khi chat: ko, dc, bn, j, ntn, hs, gt…' }),
  abbreviations: z.array(expansion).meta({ description: 'Chữ viết tắt hành chính: GPLX, CCCD, LLTP, MST…' }),
  ambiguous_shorthand: z.array(ambiguousExpansion).default([]).meta({
    description:
      'Viết tắt nhiều nghĩa: bot chọn nghĩa ghép được với chữ đứng trước hoặc sau thành cụm có trong tên thủ tục ("đk hộ kinh doanh" → đăng ký), không chọn được thì để nguyên',
  }),
  folk_names: z.array(folkNameSchema).meta({ description: 'Tên dân gian chỉ về một hay nhiều thủ tục' }),
  off_topic: z.array(offTopicSchema).default([]).meta({
    description:
      'Chủ đề bot không hướng dẫn (thời tiết, giá cả, vay ngân hàng…) và thủ tục chưa có hướng dẫn: câu hỏi có các cụm này thì bot xin lỗi, chỉ đường dây nóng',
  }),
  translations: z.array(expansion).default([]).meta({
    description: 'Từ tiếng Anh người nước ngoài hay dùng và từ tiếng Việt tương ứng, ví dụ "work permit" → "giấy phép lao động"',
  }),
});

export type Aliases = z.output<typeof aliasesSchema>;
export type FolkName = z.output<typeof folkNameSchema>;
