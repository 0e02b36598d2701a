import type { Catalogue } from '../content/catalogue';
import type { StoredEvent } from '../events';
import { maskPersonalData } from '../privacy/mask';
import { dayOf } from './range';
import { titleOfRef } from './refs';
import { groupSimilarTexts } from './similar-texts';

/** Questions the bot could not answer that ask the same thing. */
export interface UnansweredGroup {
  count: number;
  /** The most frequent wording, masked. */
  text: string;
  /** Other wordings, most frequent first (at most 3), masked. */
  examples: string[];
  /** The procedures the matcher found closest, most often first (at most 3). */
  closest: { ref: string; title: string; count: number }[];
  /** The last day it was asked (YYYY-MM-DD, Vietnam time). */
  lastDay: string;
}

type Unanswered = Extract<StoredEvent, { type: 'unanswered' }>;

/** Whether a text is written with Vietnamese marks (easier to read than "giay phep xay dung"). */
const hasMarks = (text: string) => /[\p{M}đĐ]/u.test(text.normalize('NFD'));

/**
 * Counts of equal strings, most frequent first, then written with marks, then shortest, then in code-point
 * order: never dependent on the order of the log.
 */
function ranked(values: readonly string[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        Number(hasMarks(b.value)) - Number(hasMarks(a.value)) ||
        a.value.length - b.value.length ||
        (a.value < b.value ? -1 : 1),
    );
}

/** Unanswered questions grouped by similarity, the largest group first. */
export function unansweredGroups(
  events: readonly StoredEvent[],
  catalogue: Catalogue | null,
): UnansweredGroup[] {
  const unanswered = events.filter((e): e is Unanswered => e.type === 'unanswered');
  // Stored texts are masked already; masking again costs little and guards against a hand-edited log.
  const texts = unanswered.map((e) => maskPersonalData(e.text).trim());
  const groups = groupSimilarTexts(texts).map((indexes): UnansweredGroup => {
    const wordings = ranked(indexes.map((i) => texts[i]!));
    const closest = ranked(indexes.flatMap((i) => unanswered[i]!.closest)).slice(0, 3);
    return {
      count: indexes.length,
      text: wordings[0]!.value,
      examples: wordings.slice(1, 4).map((w) => w.value),
      closest: closest.map(({ value, count }) => ({
        ref: value,
        title: titleOfRef(catalogue, value),
        count,
      })),
      lastDay: indexes.map((i) => dayOf(unanswered[i]!.at)).reduce((a, b) => (b > a ? b : a)),
    };
  });
  return groups.sort((a, b) => b.count - a.count);
}
