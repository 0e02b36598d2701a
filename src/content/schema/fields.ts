import { z } from 'zod';
import { slug, text } from './common';

export const fieldSchema = z.strictObject({
  id: slug.meta({ description: 'Mã lĩnh vực, trùng tên thư mục trong data/procedures/' }),
  name: text.meta({ description: 'Tên lĩnh vực hiển thị cho người dân, ví dụ "Đất đai"' }),
  menu: z.boolean().default(false).meta({ description: 'Hiện thành nút trên menu chính' }),
  description: text.optional(),
});

export const fieldsSchema = z.strictObject({
  fields: z.array(fieldSchema).min(1),
});

export type Field = z.output<typeof fieldSchema>;
