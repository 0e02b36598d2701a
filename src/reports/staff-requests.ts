import type { StoredEvent } from '../events';
import { dayOf, daysOf, type ReportRange } from './range';

/** Requests to talk to a staff member on one day. */
export interface StaffRequestDay {
  day: string;
  count: number;
}

/** Staff requests per day, every day of the range (zero included, so gaps show), oldest first. */
export function staffRequestsByDay(events: readonly StoredEvent[], range: ReportRange): StaffRequestDay[] {
  const counts = new Map<string, number>();
  for (const e of events)
    if (e.type === 'staff_request') counts.set(dayOf(e.at), (counts.get(dayOf(e.at)) ?? 0) + 1);
  return daysOf(range).map((day) => ({ day, count: counts.get(day) ?? 0 }));
}
