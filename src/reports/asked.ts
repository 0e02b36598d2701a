import type { Catalogue } from '../content/catalogue';
import type { StoredEvent } from '../events';
import { titleOfRef } from './refs';

/** How the questions the matcher read ended. */
export interface QuestionTotals {
  count: number;
  answered: number;
  clarified: number;
  unanswered: number;
  /** answered / count, 0–1. */
  answeredShare: number;
}

export interface AskedProcedure {
  ref: string;
  title: string;
  /** Questions answered with it. */
  answered: number;
  /** Clarifications that offered it among the candidates. */
  offered: number;
}

export interface AskedAspect {
  /** The aspect's name (`fee`, `documents`…), or null for a question about the procedure as a whole. */
  aspect: string | null;
  label: string;
  count: number;
  answered: number;
  answeredShare: number;
}

export interface AskedReport {
  totals: QuestionTotals;
  procedures: AskedProcedure[];
  aspects: AskedAspect[];
}

const aspectLabels: Record<string, string> = {
  documents: 'giấy tờ, hồ sơ',
  fee: 'lệ phí',
  time: 'thời gian giải quyết',
  place: 'nơi nộp',
  online: 'nộp trực tuyến',
  steps: 'các bước',
  forms: 'mẫu đơn',
  legal: 'căn cứ pháp lý',
  result: 'kết quả',
};

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** The most asked procedures (most answered first) and aspects, and the share of questions answered. */
export function askedReport(events: readonly StoredEvent[], catalogue: Catalogue | null): AskedReport {
  const questions = events.filter((e) => e.type === 'question');
  const answered = questions.filter((q) => q.decision === 'answer').length;
  const clarified = questions.filter((q) => q.decision === 'clarify').length;
  const procedures = new Map<string, AskedProcedure>();
  const aspects = new Map<string, AskedAspect>();
  for (const q of questions) {
    q.refs.forEach((ref, i) => {
      let p = procedures.get(ref);
      if (!p) procedures.set(ref, (p = { ref, title: titleOfRef(catalogue, ref), answered: 0, offered: 0 }));
      // An answer names one procedure; a clarification lists candidates, none of them answered yet.
      if (q.decision === 'answer' && i === 0) p.answered++;
      else if (q.decision === 'clarify') p.offered++;
    });
    const key = q.aspect ?? '';
    let a = aspects.get(key);
    if (!a) {
      const label = q.aspect === null ? '(cả thủ tục)' : (aspectLabels[q.aspect] ?? q.aspect);
      aspects.set(key, (a = { aspect: q.aspect, label, count: 0, answered: 0, answeredShare: 0 }));
    }
    a.count++;
    if (q.decision === 'answer') a.answered++;
  }
  for (const a of aspects.values()) a.answeredShare = share(a.answered, a.count);
  return {
    totals: {
      count: questions.length,
      answered,
      clarified,
      unanswered: questions.length - answered - clarified,
      answeredShare: share(answered, questions.length),
    },
    procedures: [...procedures.values()].sort(
      (a, b) => b.answered - a.answered || b.offered - a.offered || a.ref.localeCompare(b.ref),
    ),
    aspects: [...aspects.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  };
}
