/**
 * Report dates are calendar days at the Center, in Vietnam time (UTC+7, no daylight saving): an event at
 * 20:00 UTC belongs to the next day there. A fixed offset keeps reports the same on any server's time zone.
 */
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The days a report covers, both included, as YYYY-MM-DD. */
export interface ReportRange {
  from: string;
  to: string;
}

/** Whether the text is a real calendar date written YYYY-MM-DD (not 2025-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** The Center's calendar day of a time (ISO string or milliseconds). */
export function dayOf(at: string | number): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Monday that starts the week of a day (YYYY-MM-DD). */
export function weekOf(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  const sinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** The last `days` days up to and including the day of `now`. */
export function lastDays(now: Date, days = 30): ReportRange {
  const to = dayOf(now.getTime());
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}

/** The range as times for EventLog.read(): from the first millisecond of `from` to the last of `to`. */
export function rangeBounds(range: ReportRange): { from: string; to: string } {
  return { from: `${range.from}T00:00:00.000+07:00`, to: `${range.to}T23:59:59.999+07:00` };
}

/** Whether an event's time falls on a day of the range. */
export function isInRange(at: string, range: ReportRange): boolean {
  const day = dayOf(at);
  return day >= range.from && day <= range.to;
}

/** Every day of the range, in order. */
export function daysOf(range: ReportRange): string[] {
  const days: string[] = [];
  const end = Date.parse(`${range.to}T00:00:00Z`);
  for (let ms = Date.parse(`${range.from}T00:00:00Z`); ms <= end; ms += DAY_MS)
    days.push(new Date(ms).toISOString().slice(0, 10));
  return days;
}
