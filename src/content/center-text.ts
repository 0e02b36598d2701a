import type { Center } from './schema';
import { faqPlaceholders, weekdays } from './schema';

export type CenterPlaceholder = (typeof faqPlaceholders)[number];

const dayNames: Record<(typeof weekdays)[number], string> = {
  monday: 'Thứ Hai',
  tuesday: 'Thứ Ba',
  wednesday: 'Thứ Tư',
  thursday: 'Thứ Năm',
  friday: 'Thứ Sáu',
  saturday: 'Thứ Bảy',
  sunday: 'Chủ nhật',
};

/** "Thứ Hai: 07:00-11:00, 13:30-17:00; Thứ Bảy: 07:00-11:00" — days with no hours are left out. */
export function formatHours(hours: Center['hours']): string | null {
  const days = weekdays.flatMap((day) => {
    const h = hours[day];
    const parts = [h?.morning, h?.afternoon].filter((p): p is string => !!p);
    return parts.length > 0 ? [`${dayNames[day]}: ${parts.join(', ')}`] : [];
  });
  return days.length > 0 ? days.join('; ') : null;
}

/**
 * The value of each placeholder, or null when it is empty or staff have not confirmed it — the caller
 * then says it is not confirmed instead of showing a guess.
 */
export function centerValues(center: Center): Record<CenterPlaceholder, string | null> {
  const confirmed = (field: Center['confirmed'][number], value: string | null | undefined) =>
    value && center.confirmed.includes(field) ? value : null;
  return {
    center_name: confirmed('name', center.name),
    address: confirmed('address', center.address.text),
    directions: confirmed('address', center.address.directions),
    map_url: confirmed('map_url', center.map_url),
    hotline: confirmed('hotline', center.hotline),
    email: confirmed('email', center.email),
    hours: confirmed('hours', formatHours(center.hours)),
    holidays_note: confirmed('holidays_note', center.holidays_note),
    portal_national: center.portals.national,
    portal_provincial: confirmed('portals', center.portals.provincial),
    portal_lookup: confirmed('portals', center.portals.lookup),
  };
}

/**
 * Fill `{hotline}`-style placeholders of an FAQ answer from the center profile; unknown or unconfirmed
 * values become `unconfirmed` (staff's wording comes from the messages file once the engine exists).
 */
export function fillCenterPlaceholders(
  template: string,
  center: Center,
  unconfirmed = 'chưa được xác nhận',
): string {
  const values = centerValues(center);
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) =>
    name in values ? (values[name as CenterPlaceholder] ?? unconfirmed) : whole,
  );
}
