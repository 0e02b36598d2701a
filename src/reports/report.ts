import type { Catalogue } from '../content/catalogue';
import type { StoredEvent } from '../events';
import { type AskedReport, askedReport } from './asked';
import { type ClarificationSet, clarificationSets } from './clarifications';
import { isInRange, type ReportRange } from './range';
import { satisfaction, type SatisfactionReport } from './satisfaction';
import { staffRequestsByDay, type StaffRequestDay } from './staff-requests';
import { staleContent, type StaleItem } from './stale';
import { type UnansweredGroup, unansweredGroups } from './unanswered';

/** The parts of a report, as `--section` names them. */
export const reportSections = ['unanswered', 'clarify', 'satisfaction', 'asked', 'stale', 'staff'] as const;
export type ReportSection = (typeof reportSections)[number];

/** Everything staff see about a range of days: plain data, for the terminal, CSV and the admin page alike. */
export interface Report {
  range: ReportRange;
  /** When the report was made (ISO): the "now" that staleness is measured from. */
  generatedAt: string;
  /** Events in the range, all types. */
  eventCount: number;
  unanswered: UnansweredGroup[];
  clarifications: ClarificationSet[];
  satisfaction: SatisfactionReport;
  asked: AskedReport;
  /** Null when no catalogue could be loaded. */
  stale: StaleItem[] | null;
  staffRequests: StaffRequestDay[];
}

export interface BuildReportOptions {
  range: ReportRange;
  now: Date;
}

/** The report over the events whose day (Vietnam time) falls in the range; events outside it are ignored. */
export function buildReport(
  events: readonly StoredEvent[],
  catalogue: Catalogue | null,
  { range, now }: BuildReportOptions,
): Report {
  const inRange = events.filter((e) => isInRange(e.at, range));
  return {
    range,
    generatedAt: now.toISOString(),
    eventCount: inRange.length,
    unanswered: unansweredGroups(inRange, catalogue),
    clarifications: clarificationSets(inRange, catalogue),
    satisfaction: satisfaction(inRange, catalogue),
    asked: askedReport(inRange, catalogue),
    stale: catalogue ? staleContent(catalogue, now) : null,
    staffRequests: staffRequestsByDay(inRange, range),
  };
}
