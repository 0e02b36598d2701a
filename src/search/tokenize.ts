import { foldVietnamese } from '../text/fold';

/** The longest question the matcher reads; the rest of a pasted text is ignored (a 100 KB line stays cheap). */
export const MAX_QUESTION_CHARS = 500;

/**
 * One message as the matcher sees it: lower-case syllables with marks (`accented`) and without
 * (`folded`), position for position. Spaces separate syllables in Vietnamese, not words.
 */
export interface Tokens {
  accented: string[];
  folded: string[];
}

/** Folding a syllable is pure and the set of syllables is small: cache it (the index folds thousands of titles). */
const foldCache = new Map<string, string>();
function foldSyllable(syllable: string): string {
  let folded = foldCache.get(syllable);
  if (folded === undefined) {
    folded = foldVietnamese(syllable);
    if (foldCache.size > 100_000) foldCache.clear();
    foldCache.set(syllable, folded);
  }
  return folded;
}

/** NFC, lower case, keep letters and digits only (punctuation, emoji, markup and control characters go). */
export function tokenize(text: string): Tokens {
  const accented = text
    .slice(0, MAX_QUESTION_CHARS)
    .normalize('NFC')
    .toLowerCase()
    .replace(/<[^>]{0,200}>/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  return { accented, folded: accented.map(foldSyllable) };
}

/** Adjacent-syllable pairs ("giay phep" → "giay_phep"): they favour phrase matches over scattered words. */
export function bigrams(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]}_${tokens[i + 1]}`);
  return out;
}
