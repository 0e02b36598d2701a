/**
 * The thresholds of the decision. Calibrated on the development questions in tests/eval (see DESIGN.md for
 * the numbers and how they were chosen); `npm run eval -- --sweep` reruns the calibration.
 */
export interface DecisionThresholds {
  /** Below this score the best document is not plausible. */
  minScore: number;
  /** Documents scoring at least this share of the best one compete with it: two or more → clarify. */
  clarifyRatio: number;
  /**
   * When a folk name ("sổ đỏ") was used with words that narrow its group ("sổ đỏ bị mất"), the best must lead the
   * others of the group by this share, else clarify. Without such words the bot always asks which one.
   */
  folkMargin: number;
}

export const defaultThresholds: DecisionThresholds = {
  minScore: 0.42,
  clarifyRatio: 0.9,
  folkMargin: 0.08,
};

export interface Ranked {
  doc: number;
  score: number;
}

export interface Decision {
  decision: 'answer' | 'clarify' | 'fallback';
  candidates: Ranked[];
}

export interface FolkMatch {
  /** The documents the folk name may mean. */
  docs: readonly number[];
  /** Whether the rest of the question names something that tells those documents apart. */
  isNarrowed: boolean;
}

/**
 * answer: one document clearly best; clarify: two to five plausible ones (or a folk name whose group the
 * question does not narrow); fallback: nothing plausible.
 */
export function decide(
  ranked: readonly Ranked[],
  folkGroups: readonly FolkMatch[],
  t: DecisionThresholds,
  tellsApart: (a: number, b: number) => boolean = () => false,
): Decision {
  const first = ranked[0];
  if (!first || first.score < t.minScore) return { decision: 'fallback', candidates: [] };
  const plausible = ranked.filter((r) => r.score >= t.minScore);
  const close = plausible.filter((r) => r.score >= first.score * t.clarifyRatio).slice(0, 5);
  const kept = close.filter((b) => !close.some((a) => a !== b && tellsApart(a.doc, b.doc)));
  const top = kept[0] ?? first;
  for (const group of folkGroups) {
    if (group.isNarrowed || group.docs.length < 2 || !group.docs.includes(top.doc)) continue;
    // "hộ khẩu", "sổ đỏ mấy ngày": nothing but the folk name (and an aspect) — it means any of its procedures,
    // even those the question's other words did not reach: ask which one, offering them all.
    const scored = ranked.filter((r) => group.docs.includes(r.doc));
    const unreached = group.docs
      .filter((d) => !scored.some((r) => r.doc === d))
      .map((doc) => ({ doc, score: 0 }));
    return { decision: 'clarify', candidates: [...scored, ...unreached].slice(0, 5) };
  }
  if (kept.length >= 2) return { decision: 'clarify', candidates: kept };
  for (const group of folkGroups) {
    if (group.docs.length < 2 || !group.docs.includes(top.doc)) continue;
    const scored = ranked.filter((r) => group.docs.includes(r.doc));
    const second = scored.find((r) => r !== top);
    if (
      second &&
      second.score >= t.minScore &&
      (top.score - second.score) / top.score < t.folkMargin &&
      !tellsApart(top.doc, second.doc)
    ) {
      return { decision: 'clarify', candidates: scored.filter((r) => r.score >= t.minScore).slice(0, 5) };
    }
  }
  return { decision: 'answer', candidates: [top] };
}
