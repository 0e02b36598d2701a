/**
 * Phrases of folded syllables, found in a token list by their first syllable: one lookup per word instead of a
 * scan of every phrase (the off-topic list alone has hundreds). Used for folk names, off-topic subjects, aspect
 * cues and filler phrases.
 */
export class PhraseSet<T = null> {
  /** Per first syllable, longest phrase first. */
  private readonly byFirst = new Map<string, { tokens: readonly string[]; value: T }[]>();

  add(tokens: readonly string[], value: T): void {
    if (tokens.length === 0) return;
    const list = this.byFirst.get(tokens[0]!) ?? [];
    list.push({ tokens, value });
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.byFirst.set(tokens[0]!, list);
  }

  /** The longest phrase that starts at `start` (its length and value), or null. */
  longestAt(tokens: readonly string[], start: number): { length: number; value: T } | null {
    for (const entry of this.byFirst.get(tokens[start]!) ?? []) {
      if (entry.tokens.every((t, k) => tokens[start + k] === t))
        return { length: entry.tokens.length, value: entry.value };
    }
    return null;
  }

  /** Every occurrence of every phrase, as whole words. */
  occurrences(tokens: readonly string[]): { start: number; length: number; value: T }[] {
    const found: { start: number; length: number; value: T }[] = [];
    tokens.forEach((first, start) => {
      for (const entry of this.byFirst.get(first) ?? []) {
        if (entry.tokens.every((t, k) => tokens[start + k] === t))
          found.push({ start, length: entry.tokens.length, value: entry.value });
      }
    });
    return found;
  }

  /** The values of the phrases that occur in `tokens`, each once. */
  find(tokens: readonly string[]): T[] {
    return [...new Set(this.occurrences(tokens).map((o) => o.value))];
  }
}
