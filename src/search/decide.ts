/**
 * The thresholds of the decision. Calibrated on the development questions in tests/eval (see DESIGN.md for
 * the numbers and how they were chosen); `npm run eval -- --sweep` reruns the calibration.
 */
export interface DecisionThresholds {
  /** Below this score the best document is not plausible. */
  minScore: number;
  /** Documents scoring at least this share of the best one compete with it: two or more → clarify. */
  clarifyRatio: number;
  /** When a folk name ("sổ đỏ") was used, the best must lead its group by this share, else clarify. */
  folkMargin: number;
  /** … and by this larger share when nothing else in the question tells the group's documents apart. */
  unnarrowedFolkMargin: number;
}

export const defaultThresholds: DecisionThresholds = {
  minScore: 0.42,
  clarifyRatio: 0.9,
  folkMargin: 0.08,
  unnarrowedFolkMargin: 1,
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
  if (kept.length >= 2) return { decision: 'clarify', candidates: kept };
  const top = kept[0] ?? first;
  for (const group of folkGroups) {
    if (group.docs.length < 2 || !group.docs.includes(top.doc)) continue;
    const members = ranked.filter((r) => group.docs.includes(r.doc));
    const second = members.find((r) => r !== top);
    // "sổ đỏ mấy ngày": nothing but the folk name and an aspect — ask which procedure unless one stands out.
    const margin = group.isNarrowed ? t.folkMargin : t.unnarrowedFolkMargin;
    if (
      second &&
      second.score >= t.minScore &&
      (top.score - second.score) / top.score < margin &&
      !tellsApart(top.doc, second.doc)
    ) {
      return { decision: 'clarify', candidates: members.filter((r) => r.score >= t.minScore).slice(0, 5) };
    }
  }
  return { decision: 'answer', candidates: [top] };
}
