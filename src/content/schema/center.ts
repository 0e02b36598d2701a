import { z } from 'zod';
import { isoDate, text, webUrl } from './common';

/** Morning and afternoon opening times of one weekday, "07:00-11:00"; null = closed or not confirmed. */
const timeRange = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { message: 'giờ viết dạng "07:00-11:00"' });

const dayHours = z.strictObject({
  morning: timeRange.nullable().meta({ description: 'Buổi sáng, ví dụ "07:00-11:00"; null nếu nghỉ/chưa rõ' }),
  afternoon: timeRange.nullable().meta({ description: 'Buổi chiều, ví dụ "13:30-17:00"; null nếu nghỉ/chưa rõ' }),
});

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** The fields of the profile staff can mark as confirmed. */
export const confirmableCenterFields = [
  'name',
  'address',
  'map_url',
  'hotline',
  'email',
  'hours',
  'holidays_note',
  'portals',
] as const;

export const centerSchema = z.strictObject({
  name: text.meta({ description: 'Tên đầy đủ của Trung tâm' }),
  short_name: text.optional().meta({ description: 'Tên ngắn, dùng trong lời chào' }),
  province: text.meta({ description: 'Tỉnh/thành phố' }),
  established: z
    .strictObject({
      decision: text.meta({ description: 'Quyết định thành lập, ví dụ "359/QĐ-UBND"' }),
      decision_date: isoDate,
      opened_on: isoDate.optional(),
    })
    .optional(),
  address: z.strictObject({
    text: text.nullable().meta({ description: 'Địa chỉ đầy đủ' }),
    directions: text.nullable().optional().meta({ description: 'Chỉ đường ngắn gọn' }),
  }),
  map_url: webUrl.nullable(),
  hotline: z
    .string()
    .regex(/^[0-9 .+()-]{6,20}$/, { message: 'số điện thoại chỉ gồm số, dấu cách, dấu chấm, + ( ) -' })
    .nullable(),
  email: z.email().nullable(),
  hours: z.partialRecord(z.enum(weekdays), dayHours).meta({ description: 'Giờ làm việc theo ngày trong tuần' }),
  holidays_note: text.nullable(),
  portals: z.strictObject({
    national: webUrl.meta({ description: 'Cổng Dịch vụ công quốc gia' }),
    provincial: webUrl.nullable().meta({ description: 'Cổng dịch vụ công của tỉnh' }),
    lookup: webUrl.nullable().optional().meta({ description: 'Trang tra cứu hồ sơ' }),
  }),
  confirmed: z
    .array(z.enum(confirmableCenterFields))
    .meta({ description: 'Những trường cán bộ đã xác nhận là đúng; trường khác bot sẽ nói là chưa xác nhận' }),
  checked_at: isoDate,
  checked_by: text,
  notes: z.array(text).default([]),
});

export type Center = z.output<typeof centerSchema>;
