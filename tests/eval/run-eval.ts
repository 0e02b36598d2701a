/**
 * `npm run eval` — accuracy of the matcher on the labelled questions of tests/eval.
 *   --set dev|holdout|all   which questions (default dev: dev-*.jsonl); a comma-separated list of file-name
 *                           prefixes picks files too (`--set dev-a,dev-b` or `--set dev-f`)
 *   --catalogue <dir>       add a content directory (e.g. the imported national records)
 *   --misses                list the questions it got wrong
 *   --sweep                 grid-search the decision thresholds on the chosen set
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadCatalogueOrThrow } from '../../src/content/loader';
import { defaultThresholds, type DecisionThresholds } from '../../src/search/decide';
import { createMatcher } from '../../src/search/matcher';
import { evaluate, formatReport, labelOf, loadCases, rates } from './evaluate';

const root = path.resolve(__dirname, '..', '..', '..');
const evalDir = path.join(root, 'tests', 'eval');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const set = option('set') ?? 'dev';
const prefixes = set.split(',');
const files = fs
  .readdirSync(evalDir)
  .filter((f) => f.endsWith('.jsonl') && (set === 'all' || prefixes.some((p) => f.startsWith(p))))
  .map((f) => path.join(evalDir, f));
const dirs = [path.join(root, 'data'), ...(option('catalogue') ? [path.resolve(option('catalogue')!)] : [])];
const catalogue = loadCatalogueOrThrow(dirs);
const cases = loadCases(files);
console.log(
  `${cases.length} questions (${files.map((f) => path.basename(f)).join(', ')}), ${catalogue.procedures.length} procedures\n`,
);

if (args.includes('--sweep')) {
  const grid: DecisionThresholds[] = [];
  for (const minScore of [0.3, 0.35, 0.38, 0.4, 0.42, 0.45, 0.5])
    for (const clarifyRatio of [0.9, 0.93, 0.96])
      for (const folkMargin of [0.08, 0.12, 0.16]) grid.push({ minScore, clarifyRatio, folkMargin });
  const scored = grid.map((t) => {
    const r = rates(evaluate(createMatcher(catalogue, t), cases).overall);
    // One number to rank by: answered correctly, plus clarify and fallback recall, minus wrong fallbacks.
    const objective =
      (r.top1 ?? 0) +
      0.5 * (r.clarifyRecall ?? 0) +
      0.5 * (r.fallbackRecall ?? 0) -
      2 * (r.inScopeToFallback ?? 0);
    return { t, r, objective };
  });
  scored.sort((a, b) => b.objective - a.objective);
  for (const s of scored.slice(0, 10))
    console.log(JSON.stringify({ ...s.t, objective: +s.objective.toFixed(3), ...s.r }));
} else {
  const report = evaluate(createMatcher(catalogue, defaultThresholds), cases);
  console.log(formatReport(report));
  if (args.includes('--misses')) {
    console.log('\nmisses:');
    for (const { case: c, outcome } of report.misses) {
      console.log(
        `  [${c.category}] ${c.q}\n      expected ${c.expect}, got ${outcome.decision} ${outcome.results
          .slice(0, 3)
          .map((r) => `${labelOf(r)}(${r.score})`)
          .join(' ')}`,
      );
    }
  }
}
