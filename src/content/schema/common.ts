import { z } from 'zod';

/** A calendar date written as YYYY-MM-DD (YAML keeps it a string with the core schema we parse with). */
export const isoDate = z.iso.date().meta({ description: 'Ngày dạng YYYY-MM-DD, ví dụ 2026-11-28' });

/** A web link; only http(s), so that a citizen can open it. */
export const webUrl = z.url({ protocol: /^https?$/ }).meta({ description: 'Đường link http(s)://…' });

/** Short text that must say something (empty strings are usually a forgotten value). */
export const text = z.string().trim().min(1);

/** draft: not yet checked by staff; checked: staff checked every fact against the official record. */
export const contentStatus = z
  .enum(['draft', 'checked'])
  .meta({ description: 'draft = chưa kiểm tra xong; checked = cán bộ đã đối chiếu với văn bản chính thức' });

/** Who checked a piece of content, when, and what is still unchecked — shared by procedures and FAQ. */
export const reviewFields = {
  status: contentStatus,
  checked_at: isoDate.meta({ description: 'Ngày kiểm tra nội dung gần nhất (YYYY-MM-DD)' }),
  checked_by: text.meta({ description: 'Người hoặc đơn vị đã kiểm tra' }),
  review_notes: z
    .array(text)
    .optional()
    .meta({ description: 'Những điểm chưa kiểm tra được (bắt buộc khi status là draft)' }),
};

export const link = z.strictObject({
  label: text.meta({ description: 'Chữ hiển thị của link' }),
  url: webUrl,
});

/** National procedure code as published on dichvucong.gov.vn, e.g. 2.001583. */
export const nationalCode = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? undefined
        : 'mã thủ tục phải viết trong dấu nháy, ví dụ "2.001583" (nếu không YAML đọc thành số và mất số 0)',
  })
  .regex(/^\d\.\d{6}$/, { message: 'mã thủ tục có dạng 1 chữ số, dấu chấm, 6 chữ số: "2.001583"' })
  .meta({ description: 'Mã thủ tục quốc gia, viết trong dấu nháy: "2.001583"' });

/** Lower-case ASCII slug with hyphens: ids of procedures, FAQ entries and fields. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ "cap-lai-so-do"',
  })
  .meta({ description: 'Mã định danh: chữ thường không dấu, số, dấu gạch ngang' });
