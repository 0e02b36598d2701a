import { foldVietnamese } from '../text/fold';

/**
 * Words that say nothing about what was asked: politeness, pronouns, particles, question words, chat
 * shorthand, folded. Only words whose folded form is not also a content word: "do" (đỏ), "the" (thẻ),
 * "co" (cổ), "ban" (bản), "nha" (nhà), "bao" (bảo) stay.
 */
// prettier-ignore
const fillerWords: ReadonlySet<string> = new Set([
  'a', 'ah', 'ak', 'oi', 'nhe', 'nhi', 'vay', 'ha', 'ne', 'ad', 'admin', 'em', 'anh', 'chi', 'minh', 'toi',
  'tui', 'chau', 'khong', 'ko', 'k', 'hok', 'duoc', 'dc', 'la', 'gi', 'j', 'nao', 'muon', 'can', 'phai', 'voi',
  'giup', 'cho', 'va', 'hay', 'thi', 'ma', 'nay', 'roi', 'di', 'cua', 'dang', 'se', 'da', 'sao', 'hoi', 'xin',
  'chao', 'lam', 'nhung', 'cac', 'mot', 'nhieu', 'thoi', 'luon', 'nua', 'u', 'uh', 'ok', 'oke', 'vang', 'ai',
  'o', 'tai', 'thu', 'tuc', 'huong', 'dan', 'cam', 'on', 'vui', 'long', 'nhu', 'ra', 'e', 'mk', 'mik',
  'bn', 'ntn', 'sd', 've', 'thich', 'biet', 'xem', 'hieu',
]);

/** The content words of a text, folded, without fillers: what two questions must share to be alike. */
export function contentWords(text: string): Set<string> {
  // A masked number ("[số điện thoại …56]") says nothing about what was asked.
  const words = foldVietnamese(text.replace(/\[[^\]]*\]/g, ' '))
    .split(' ')
    .filter(Boolean);
  return new Set(words.filter((w) => !fillerWords.has(w)));
}

/** Jaccard similarity of two word sets: shared words over all words; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** How alike two questions must be to count as one: half their content words shared. */
export const SIMILAR_AT = 0.5;

/**
 * Groups texts that ask the same thing. Texts with the same content words go together first; then, the most
 * frequent first, each joins the first group whose leading text it is similar to (compared with the leader,
 * not every member, so that a chain of small differences cannot pull unrelated questions together), or
 * starts a group. Deterministic: ties are broken by the folded words. Returns the indexes of the texts.
 */
export function groupSimilarTexts(texts: readonly string[], threshold = SIMILAR_AT): number[][] {
  const byKey = new Map<string, { words: Set<string>; indexes: number[] }>();
  texts.forEach((text, i) => {
    const words = contentWords(text);
    // Nothing but fillers ("alo", "ad ơi"): alike only with the same folded text.
    const key = words.size > 0 ? [...words].sort().join(' ') : `\u0000${foldVietnamese(text)}`;
    const entry = byKey.get(key);
    if (entry) entry.indexes.push(i);
    else byKey.set(key, { words, indexes: [i] });
  });
  const entries = [...byKey.entries()].sort(
    ([keyA, a], [keyB, b]) => b.indexes.length - a.indexes.length || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0),
  );
  const groups: { leader: Set<string>; indexes: number[] }[] = [];
  for (const [, entry] of entries) {
    const group = groups.find((g) => jaccard(g.leader, entry.words) >= threshold);
    if (group) group.indexes.push(...entry.indexes);
    else groups.push({ leader: entry.words, indexes: [...entry.indexes] });
  }
  return groups.map((g) => g.indexes);
}
