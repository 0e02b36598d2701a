import path from 'node:path';
import readline from 'node:readline';
import { loadCatalogue } from '../content/loader';
import { formatProblem } from '../content/problem';
import { createMatcher, type MatchOutcome } from '../search/matcher';
import { contentDirs } from './content-dirs';
import type { Output } from './output';

/**
 * `motcua match [--catalogue <dir>]…`: questions on standard input, one per line; one JSON object per line
 * out, in order. A line the matcher cannot handle still gets a fallback line: no line is ever missing.
 */
export async function matchCommand(argv: readonly string[], out: Output): Promise<number> {
  const extra: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--catalogue' && argv[i + 1]) extra.push(path.resolve(argv[++i]!));
    else if (argv[i]!.startsWith('--catalogue='))
      extra.push(path.resolve(argv[i]!.slice('--catalogue='.length)));
  }
  const { catalogue, problems } = loadCatalogue(contentDirs(extra));
  if (!catalogue) {
    for (const p of problems.filter((p) => p.severity === 'error')) out.error(formatProblem(p));
    return 1;
  }
  const matcher = createMatcher(catalogue);
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const q of lines) {
    let outcome: MatchOutcome;
    try {
      outcome = matcher.match(q);
    } catch (e: unknown) {
      out.error(`motcua match: ${e instanceof Error ? e.message : String(e)}`);
      outcome = { decision: 'fallback', aspect: null, results: [] };
    }
    out.line(
      JSON.stringify({
        q,
        decision: outcome.decision,
        aspect: outcome.aspect,
        results: outcome.results.map(({ kind, id, code, title, score }) => ({
          kind,
          id,
          code,
          title,
          score,
        })),
      }),
    );
  }
  return 0;
}
