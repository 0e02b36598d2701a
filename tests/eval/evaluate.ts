import fs from 'node:fs';
import type { MatchOutcome, MatchResult, Matcher } from '../../src/search/matcher';

/** One labelled question: `expect` is a national code, a guide id, `faq:<id>`, `clarify` or `fallback`. */
export interface EvalCase {
  q: string;
  expect: string;
  category: string;
  aspect?: string;
  candidates?: string[];
}

export function loadCases(files: readonly string[]): EvalCase[] {
  return files.flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as EvalCase),
  );
}

export const labelOf = (r: MatchResult) => (r.kind === 'faq' ? `faq:${r.id}` : (r.code ?? r.id));

interface Counts {
  n: number;
  inScope: number;
  top1: number;
  top3: number;
  inScopeToFallback: number;
  clarifyExpected: number;
  clarifyPredicted: number;
  clarifyCorrect: number;
  fallbackExpected: number;
  fallbackPredicted: number;
  fallbackCorrect: number;
  aspectExpected: number;
  aspectCorrect: number;
}

export interface EvalReport {
  overall: Counts;
  byCategory: Map<string, Counts>;
  misses: { case: EvalCase; outcome: MatchOutcome }[];
}

const empty = (): Counts => ({
  n: 0,
  inScope: 0,
  top1: 0,
  top3: 0,
  inScopeToFallback: 0,
  clarifyExpected: 0,
  clarifyPredicted: 0,
  clarifyCorrect: 0,
  fallbackExpected: 0,
  fallbackPredicted: 0,
  fallbackCorrect: 0,
  aspectExpected: 0,
  aspectCorrect: 0,
});

/**
 * top-1: the matcher answered with the expected document; top-3: it did not fall back and the expected
 * document is among its first three results (a clarify offering it counts). Clarify and fallback are
 * counted as a classification (precision and recall).
 */
export function evaluate(matcher: Matcher, cases: readonly EvalCase[]): EvalReport {
  const overall = empty();
  const byCategory = new Map<string, Counts>();
  const misses: EvalReport['misses'] = [];
  for (const c of cases) {
    const outcome = matcher.match(c.q);
    const labels = outcome.results.map(labelOf);
    const bucket = byCategory.get(c.category) ?? empty();
    byCategory.set(c.category, bucket);
    let ok = true;
    for (const k of [overall, bucket]) {
      k.n++;
      if (c.expect === 'clarify') k.clarifyExpected++;
      else if (c.expect === 'fallback') k.fallbackExpected++;
      else k.inScope++;
      if (outcome.decision === 'clarify') k.clarifyPredicted++;
      if (outcome.decision === 'fallback') k.fallbackPredicted++;
      if (c.expect === 'clarify' && outcome.decision === 'clarify') k.clarifyCorrect++;
      if (c.expect === 'fallback' && outcome.decision === 'fallback') k.fallbackCorrect++;
      if (c.expect !== 'clarify' && c.expect !== 'fallback') {
        if (outcome.decision === 'answer' && labels[0] === c.expect) k.top1++;
        if (outcome.decision !== 'fallback' && labels.slice(0, 3).includes(c.expect)) k.top3++;
        if (outcome.decision === 'fallback') k.inScopeToFallback++;
      }
      if (c.aspect) {
        k.aspectExpected++;
        if (outcome.aspect === c.aspect) k.aspectCorrect++;
      }
    }
    if (c.expect === 'clarify') ok = outcome.decision === 'clarify';
    else if (c.expect === 'fallback') ok = outcome.decision === 'fallback';
    else ok = outcome.decision === 'answer' && labels[0] === c.expect;
    if (!ok) misses.push({ case: c, outcome });
  }
  return { overall, byCategory, misses };
}

const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

export function rates(k: Counts) {
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    top1: ratio(k.top1, k.inScope),
    top3: ratio(k.top3, k.inScope),
    inScopeToFallback: ratio(k.inScopeToFallback, k.inScope),
    clarifyRecall: ratio(k.clarifyCorrect, k.clarifyExpected),
    clarifyPrecision: ratio(k.clarifyCorrect, k.clarifyPredicted),
    fallbackRecall: ratio(k.fallbackCorrect, k.fallbackExpected),
    fallbackPrecision: ratio(k.fallbackCorrect, k.fallbackPredicted),
    aspect: ratio(k.aspectCorrect, k.aspectExpected),
  };
}

export function formatReport(report: EvalReport): string {
  const header = `${'category'.padEnd(16)} ${'n'.padStart(4)}  top-1   top-3  in→fb  clar.R  clar.P  fb.R    fb.P   aspect`;
  const row = (name: string, k: Counts) =>
    `${name.padEnd(16)} ${String(k.n).padStart(4)} ${pct(k.top1, k.inScope)} ${pct(k.top3, k.inScope)} ${pct(k.inScopeToFallback, k.inScope)} ${pct(k.clarifyCorrect, k.clarifyExpected)} ${pct(k.clarifyCorrect, k.clarifyPredicted)} ${pct(k.fallbackCorrect, k.fallbackExpected)} ${pct(k.fallbackCorrect, k.fallbackPredicted)} ${pct(k.aspectCorrect, k.aspectExpected)}`;
  const rows = [...report.byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, k]) => row(name, k));
  return [header, ...rows, row('ALL', report.overall)].join('\n');
}
