import readline from 'node:readline';
import { createEngine } from '../bot/engine';
import type { Reply } from '../bot/types';
import { loadCatalogue } from '../content/loader';
import { formatProblem } from '../content/problem';
import { MemorySessionStore } from '../sessions/memory-session-store';
import { contentDirs } from './content-dirs';
import type { Output } from './output';

/** A reply as the terminal shows it: the text, links, and the buttons numbered (typing the number presses it). */
export function formatForTerminal(replies: readonly Reply[]): string {
  let number = 0;
  return replies
    .map((r) =>
      [
        r.text,
        ...(r.links ?? []).map((l) => `  → ${l.label}: ${l.url}`),
        // Numbered across the turn's replies, as the engine reads a typed number.
        ...(r.buttons ?? []).map((b) => `  [${++number}] ${b.label}`),
      ].join('\n'),
    )
    .join('\n\n');
}

/**
 * `npx motcua chat` — the bot in the terminal, with in-memory sessions: type a question, or a button's
 * number. Reads standard input line by line, so it also works with a pipe.
 */
export async function chatCommand(_argv: readonly string[], out: Output): Promise<number> {
  const { catalogue, problems } = loadCatalogue(contentDirs([]));
  if (!catalogue) {
    for (const p of problems.filter((p) => p.severity === 'error')) out.error(formatProblem(p));
    return 1;
  }
  const store = new MemorySessionStore();
  const engine = createEngine({
    catalogue,
    store,
    log: { error: (obj, msg) => out.error(`${msg}: ${JSON.stringify((obj as { err?: unknown }).err)}`) },
  });
  const interactive = process.stdin.isTTY === true;
  const lines = readline.createInterface({ input: process.stdin, terminal: interactive });
  const prompt = () => interactive && process.stdout.write('\nbạn> ');
  out.line(formatForTerminal(await engine.handle({ channel: 'terminal', user: 'local', text: '/start' })));
  prompt();
  for await (const line of lines) {
    if (!interactive) out.line(`\nbạn> ${line}`);
    const replies = await engine.handle({ channel: 'terminal', user: 'local', text: line });
    out.line(`\n${formatForTerminal(replies)}`);
    prompt();
  }
  await store.close();
  return 0;
}
