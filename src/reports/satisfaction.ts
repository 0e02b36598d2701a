import type { Catalogue } from '../content/catalogue';
import type { StoredEvent } from '../events';
import { dayOf, weekOf } from './range';
import { titleOfRef } from './refs';

/** Ratings of one procedure, channel, day or week. Level 3 = có (helpful), 2 = một phần, 1 = không. */
export interface RatingSummary {
  key: string;
  /** What staff read: the procedure's title, the channel, the day. */
  label: string;
  count: number;
  helpful: number;
  partly: number;
  notHelpful: number;
  /** helpful / count, 0–1. */
  helpfulShare: number;
  /** The average level, 1–3. */
  average: number;
}

export interface SatisfactionReport {
  overall: RatingSummary;
  byProcedure: RatingSummary[];
  byChannel: RatingSummary[];
  /** Every day of the ratings, oldest first (days without ratings are left out). */
  byDay: RatingSummary[];
  /** Weeks starting on Monday, keyed by that Monday. */
  byWeek: RatingSummary[];
}

type Rating = Extract<StoredEvent, { type: 'rating' }>;

function summarise(key: string, label: string, ratings: readonly Rating[]): RatingSummary {
  const count = ratings.length;
  const helpful = ratings.filter((r) => r.level === 3).length;
  const partly = ratings.filter((r) => r.level === 2).length;
  const sum = ratings.reduce((total, r) => total + r.level, 0);
  return {
    key,
    label,
    count,
    helpful,
    partly,
    notHelpful: count - helpful - partly,
    helpfulShare: count === 0 ? 0 : helpful / count,
    average: count === 0 ? 0 : sum / count,
  };
}

function by(ratings: readonly Rating[], keyOf: (r: Rating) => string): Map<string, Rating[]> {
  const groups = new Map<string, Rating[]>();
  for (const r of ratings) {
    const key = keyOf(r);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return groups;
}

/** Ratings over the events given, in all and by procedure (most rated first), channel, day and week. */
export function satisfaction(
  events: readonly StoredEvent[],
  catalogue: Catalogue | null,
): SatisfactionReport {
  const ratings = events.filter((e): e is Rating => e.type === 'rating');
  const byCount = (a: RatingSummary, b: RatingSummary) => b.count - a.count || a.key.localeCompare(b.key);
  const byKey = (a: RatingSummary, b: RatingSummary) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return {
    overall: summarise('all', 'Tất cả', ratings),
    byProcedure: [...by(ratings, (r) => r.procedure ?? '')]
      .map(([key, group]) => summarise(key, key ? titleOfRef(catalogue, key) : '(không rõ thủ tục)', group))
      .sort(byCount),
    byChannel: [...by(ratings, (r) => r.channel)]
      .map(([key, group]) => summarise(key, key, group))
      .sort(byCount),
    byDay: [...by(ratings, (r) => dayOf(r.at))].map(([key, group]) => summarise(key, key, group)).sort(byKey),
    byWeek: [...by(ratings, (r) => weekOf(dayOf(r.at)))]
      .map(([key, group]) => summarise(key, `tuần từ ${key}`, group))
      .sort(byKey),
  };
}
