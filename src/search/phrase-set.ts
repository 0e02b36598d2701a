/**
 * Phrases of folded syllables, found in a question by their first syllable: one lookup per word of the question
 * instead of a scan of every phrase (the off-topic list alone has hundreds).
 */
export class PhraseSet<T> {
  private readonly byFirst = new Map<string, { tokens: readonly string[]; value: T }[]>();

  add(tokens: readonly string[], value: T): void {
    if (tokens.length === 0) return;
    const list = this.byFirst.get(tokens[0]!) ?? [];
    list.push({ tokens, value });
    this.byFirst.set(tokens[0]!, list);
  }

  /** The values of the phrases that occur in `tokens` as whole words, each once. */
  find(tokens: readonly string[]): T[] {
    const found = new Set<T>();
    tokens.forEach((first, i) => {
      for (const entry of this.byFirst.get(first) ?? []) {
        if (entry.tokens.every((t, k) => tokens[i + k] === t)) found.add(entry.value);
      }
    });
    return [...found];
  }
}
