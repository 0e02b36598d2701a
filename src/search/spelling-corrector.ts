import Fuse from 'fuse.js';

/**
 * Corrects a misspelt syllable to one of the catalogue's syllables. fuse.js is the fuzzy engine, over a short
 * vocabulary (a few thousand syllables) where its Bitap search is both accurate and fast; results are cached
 * because citizens repeat the same typos.
 */
export class SpellingCorrector {
  /**
   * One fuse.js index per first letter and length: typos rarely change the first letter or the length by
   * more than two, and small lists keep each search well under a millisecond on large catalogues.
   */
  private readonly buckets = new Map<string, Fuse<string>>();
  private readonly cache = new Map<string, string | null>();

  constructor(
    words: Iterable<string>,
    /** How often each syllable occurs in the catalogue: between two equally close words, the common one wins. */
    private readonly frequency: ReadonlyMap<string, number>,
  ) {
    const groups = new Map<string, string[]>();
    for (const word of new Set(words)) {
      const key = `${word[0]}${word.length}`;
      const list = groups.get(key) ?? [];
      list.push(word);
      groups.set(key, list);
    }
    for (const [key, list] of groups) {
      this.buckets.set(key, new Fuse(list, { includeScore: true, threshold: 0.34, minMatchCharLength: 2 }));
    }
  }

  /** The closest vocabulary syllable, or null when none is close enough. */
  correct(token: string): string | null {
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached;
    let best: string | null = null;
    let bestScore = Infinity;
    const found = [-2, -1, 0, 1, 2].flatMap(
      (delta) => this.buckets.get(`${token[0]}${token.length + delta}`)?.search(token, { limit: 4 }) ?? [],
    );
    // fuse.js's Bitap score is lenient with long tokens ("queqwe" → "queue"): a typo is one or two edits.
    const allowed = token.length >= 8 ? 2 : 1;
    for (const { item, score = 1 } of found) {
      if (editDistance(token, item) > allowed) continue;
      // A small preference for frequent syllables.
      const adjusted = score - Math.min(0.05, Math.log10(1 + (this.frequency.get(item) ?? 0)) * 0.02);
      if (adjusted < bestScore) [best, bestScore] = [item, adjusted];
    }
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(token, best);
    return best;
  }
}

/**
 * Undo Telex typed with the Vietnamese keyboard off: "ddawngs" → "dang", "kys" → "ky". Returns candidates,
 * most likely first; the caller keeps the first one the vocabulary knows.
 */
export function telexCandidates(token: string): string[] {
  const withoutTone = token.length > 2 ? token.replace(/([aeiouy][a-z]*?)[sfrxj]$/, '$1') : token;
  const undo = (t: string) =>
    t
      .replace(/dd/g, 'd')
      .replace(/([aeo])\1/g, '$1')
      .replace(/([aou])w/g, '$1')
      .replace(/w/g, 'u');
  return [...new Set([withoutTone, undo(token), undo(withoutTone)])].filter((t) => t !== token);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
