import type { Catalogue } from '../content/catalogue';
import type { StoredEvent } from '../events';
import { titleOfRef } from './refs';

/** One set of candidates the bot offered ("Bạn muốn hỏi thủ tục nào?") and what people did. */
export interface ClarificationSet {
  /** The candidates, in the order offered. */
  options: { ref: string; title: string; chosen: number }[];
  /** How often this set was offered (from `question` events that ended in a clarification). */
  offered: number;
  /** How often someone answered "none of these". */
  none: number;
  /** Offered without a recorded choice (the person went on or left); never below 0. */
  unanswered: number;
}

/** The same candidates in any order are one set. */
const keyOf = (refs: readonly string[]) => [...refs].sort().join('\u0000');

/** Clarifications by set of candidates, the most offered first. */
export function clarificationSets(
  events: readonly StoredEvent[],
  catalogue: Catalogue | null,
): ClarificationSet[] {
  const sets = new Map<
    string,
    { refs: string[]; offered: number; none: number; chosen: Map<string, number> }
  >();
  const setOf = (refs: string[]) => {
    const key = keyOf(refs);
    let set = sets.get(key);
    if (!set) sets.set(key, (set = { refs, offered: 0, none: 0, chosen: new Map() }));
    return set;
  };
  for (const e of events) {
    if (e.type === 'question' && e.decision === 'clarify' && e.refs.length > 0) setOf(e.refs).offered++;
    if (e.type === 'clarify_chosen') {
      const set = setOf(e.offered);
      if (e.chosen === null) set.none++;
      else set.chosen.set(e.chosen, (set.chosen.get(e.chosen) ?? 0) + 1);
    }
  }
  return [...sets.values()]
    .map((set): ClarificationSet => {
      const chosen = [...set.chosen.values()].reduce((a, b) => a + b, 0);
      // A choice recorded at the start of the range may belong to an offer made before it.
      const offered = Math.max(set.offered, chosen + set.none);
      return {
        options: set.refs.map((ref) => ({
          ref,
          title: titleOfRef(catalogue, ref),
          chosen: set.chosen.get(ref) ?? 0,
        })),
        offered,
        none: set.none,
        unanswered: offered - chosen - set.none,
      };
    })
    .sort(
      (a, b) =>
        b.offered - a.offered ||
        keyOf(a.options.map((o) => o.ref)).localeCompare(keyOf(b.options.map((o) => o.ref))),
    );
}
