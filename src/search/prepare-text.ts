import { questionVerbClasses, type VerbClass } from './verbs';
import { cuePositions, detectAspect, type Aspect } from './aspect';
import type { Expander } from './expansions';
import { accentedFillerSyllables, fillerPhrases, fillerSyllables } from './fillers';
import type { SpellingCorrector } from './spelling-corrector';
import { telexCandidates } from './spelling-corrector';
import { PhraseSet } from './phrase-set';
import { isPossibleSyllable } from './syllable';
import { contextCandidates } from './context-repair';
import { tokenize, type Tokens } from './tokenize';

/** What the text pipeline needs to know about the catalogue. */
export interface Lexicon {
  expander: Expander;
  /** Folded syllables of the catalogue, fillers and short forms: words that need no correction. */
  vocabulary: ReadonlySet<string>;
  /**
   * Bigrams of procedure names, folded and with marks: a filler inside one of them is a real word ("sổ đỏ",
   * "thẻ tạm trú"). A word typed with marks is protected only by the bigram with marks ("thì" ≠ "thị").
   */
  protectedBigrams: ReadonlySet<string>;
  /** "giayphep" → ["giay", "phep"]: syllables typed together. */
  joined: ReadonlyMap<string, readonly [string, string]>;
  /** Every adjacent pair of folded syllables in the catalogue's phrases ("giay_phep", "co_phai"). */
  knownBigrams: ReadonlySet<string>;
  /** How many name phrases (titles, aliases) hold each folded pair: "ho_chieu" many, "giao_dat" few. */
  nameBigramCounts: ReadonlyMap<string, number>;
  /** How often each folded syllable occurs in the catalogue's phrases. */
  frequency: ReadonlyMap<string, number>;
  /** The catalogue's syllables as written, with marks ("giá", "chịu"): a word typed so is a real word. */
  accentedVocabulary: ReadonlySet<string>;
  /** Each folded syllable's written forms in names and phrasings ("duoc" → "được", "dược"). */
  accentedForms: ReadonlyMap<string, readonly string[]>;
  /** How often each pair of written syllables ("dược_sĩ") occurs in names and phrasings. */
  accentedBigramCounts: ReadonlyMap<string, number>;
  corrector: SpellingCorrector;
}

export interface PreparedText {
  /** Content syllables, folded, in order (fillers removed). */
  terms: string[];
  /** Each term's syllable as typed with marks ("dược"), or null when typed without (or inconsistently). */
  typedMarks: Map<string, string | null>;
  /** Terms that only occur inside an aspect cue ("bao lâu", "hồ sơ gồm"): they weigh less. */
  aspectTerms: Set<string>;
  aspect: Aspect | null;
  verbs: Set<VerbClass>;
  /** The expanded folded text before fillers were removed (for folk-name detection). */
  folded: string;
}

/**
 * A syllable typed without marks takes the written form that pairs with its neighbours in the catalogue this many
 * times as often as any other form does ("duoc si" → "dược sĩ").
 */
const RESTORE_DOMINANCE = 3;
/** How many names must hold the pair a known word is changed into (see `repairByContext`). */
const NAME_PAIR_FOR_KNOWN_WORD = 5;
/** ... and the syllable it becomes must be this many times as frequent in the catalogue. */
const RARE_WORD_RATIO = 10;
// Not "vi": it is also a Vietnamese word (ví, vì, vị).
const romanNumerals: Record<string, string> = { ii: '2', iii: '3', iv: '4' };
/** Filler phrases by their first syllable, longest first. */
const fillerPhraseSet = new PhraseSet();
for (const phrase of fillerPhrases) fillerPhraseSet.add(phrase.split(' '), null);

function repairUnknown(tokens: { accented: string[]; folded: string[] }, lexicon: Lexicon) {
  const accented: string[] = [];
  const folded: string[] = [];
  tokens.folded.forEach((token, i) => {
    if (lexicon.vocabulary.has(token) || /^\d+$/.test(token) || token.length < 3) {
      accented.push(tokens.accented[i]!);
      folded.push(token);
      return;
    }
    const split = lexicon.joined.get(token);
    if (split) {
      accented.push(...split);
      folded.push(...split);
      return;
    }
    const telex = telexCandidates(token).find((t) => lexicon.vocabulary.has(t));
    const fixed = telex ?? (isPossibleSyllable(token) ? token : (lexicon.corrector.correct(token) ?? token));
    // A corrected word loses the marks the citizen typed: they belonged to the misspelling.
    accented.push(fixed === token ? tokens.accented[i]! : fixed);
    folded.push(fixed);
  });
  return { accented, folded };
}

/**
 * A misspelling that is itself a syllable ("căn cướt", "hộ chíu", "kết hông", "kin doanh") is not repaired by
 * `repairUnknown`. Its neighbours tell: when the token forms no pair the catalogue knows with either neighbour,
 * and a syllable one typo away forms a pair of a procedure name with one of them ("căn cước", "hộ chiếu"), that
 * syllable is meant. A real word outside the catalogue ("thời tiết") forms no such pair and stays.
 */
function repairByContext(tokens: { accented: string[]; folded: string[] }, lexicon: Lexicon) {
  const { folded, accented } = tokens;
  const out = { accented: [...accented], folded: [...folded] };
  const known = (a: string | undefined, b: string | undefined) =>
    a !== undefined && b !== undefined && lexicon.knownBigrams.has(`${a}_${b}`);
  const isContent = (t: string | undefined): t is string =>
    t !== undefined && !/\d/.test(t) && !fillerSyllables.has(t);
  const named = (a: string | undefined, b: string | undefined) =>
    isContent(a) && isContent(b) ? (lexicon.nameBigramCounts.get(`${a}_${b}`) ?? 0) : 0;
  for (let i = 0; i < folded.length; i++) {
    const t = out.folded[i]!;
    if (t.length < 3 || fillerSyllables.has(t) || lexicon.expander.shortForms.has(t)) continue;
    const prev = out.folded[i - 1];
    const next = folded[i + 1];
    if (known(prev, t) || known(t, next)) continue;
    // Typed with marks the catalogue writes ("giá đất"): a real word, not a slip.
    if (out.accented[i] !== t && lexicon.accentedVocabulary.has(out.accented[i]!)) continue;
    // A word the catalogue has ("gia", "tin") is changed only into a pair many names use ("hộ chiếu", "kết hôn"),
    // and only when it is itself rare next to what it becomes ("chiu" → "chieu", not "gia" → "giao").
    const isKnown = lexicon.vocabulary.has(t);
    const needed = isKnown ? NAME_PAIR_FOR_KNOWN_WORD : 1;
    const ownFrequency = lexicon.frequency.get(t) ?? 0;
    let best: string | null = null;
    let bestCount = 0;
    for (const c of contextCandidates(t)) {
      if (!lexicon.vocabulary.has(c)) continue;
      if (isKnown && (lexicon.frequency.get(c) ?? 0) < RARE_WORD_RATIO * ownFrequency) continue;
      const count = Math.max(named(prev, c), named(c, next));
      if (count >= needed && count > bestCount) [best, bestCount] = [c, count];
    }
    if (best) {
      out.folded[i] = best;
      out.accented[i] = best;
    }
  }
  return out;
}

/** Drop fillers, except inside a known procedure phrase ("hướng dẫn viên", "sổ đỏ", "cổ phần"). */
function removeFillers(
  accented: readonly string[],
  folded: readonly string[],
  protectedBigrams: ReadonlySet<string>,
) {
  const keep = folded.map(() => true);
  const pair = (a: number, b: number) =>
    accented[a] !== folded[a] || accented[b] !== folded[b]
      ? protectedBigrams.has(`${accented[a]}_${accented[b]}`)
      : protectedBigrams.has(`${folded[a]}_${folded[b]}`);
  const isProtected = (start: number, end: number) =>
    (start > 0 && pair(start - 1, start)) || (end < folded.length && pair(end - 1, end));
  for (let i = 0; i < folded.length; i++) {
    const phrase = fillerPhraseSet.longestAt(folded, i);
    if (phrase && !isProtected(i, i + phrase.length)) {
      for (let k = 0; k < phrase.length; k++) keep[i + k] = false;
      i += phrase.length - 1;
    }
  }
  for (let i = 0; i < folded.length; i++) {
    if (!keep[i]) continue;
    const typedMarks = accented[i] !== folded[i];
    const filler = typedMarks ? accentedFillerSyllables.has(accented[i]!) : fillerSyllables.has(folded[i]!);
    if (filler && !isProtected(i, i + 1)) keep[i] = false;
  }
  return keep;
}

const termsKept = (folded: readonly string[], keep: readonly boolean[]) =>
  folded.flatMap((t, i) => (keep[i] ? [romanNumerals[t] ?? t] : []));

/** The terms of a catalogue phrase: the question pipeline without repair, aspect or verbs. */
export function phraseTerms(tokens: Tokens, lexicon: Pick<Lexicon, 'protectedBigrams'>): string[] {
  return termsKept(tokens.folded, removeFillers(tokens.accented, tokens.folded, lexicon.protectedBigrams));
}

/**
 * The pipeline for a question: tokens, shorthand and abbreviations expanded, unknown words repaired, aspect
 * and verbs read, fillers dropped — the same steps as for catalogue phrases, so both sides meet.
 */
export function prepareText(text: string, lexicon: Lexicon): PreparedText {
  const knownPair = (a: string, b: string) => lexicon.protectedBigrams.has(`${a}_${b}`);
  const expanded = lexicon.expander.expand(tokenize(text), knownPair);
  // Expand again: a repaired word may be a short form ("gplc" → "gplx" → "giấy phép lái xe").
  const tokens = repairByContext(
    lexicon.expander.expand(repairUnknown(expanded, lexicon), knownPair),
    lexicon,
  );
  const folded = tokens.folded.join(' ');
  const keep = removeFillers(tokens.accented, tokens.folded, lexicon.protectedBigrams);
  const inCue = cuePositions(tokens.folded);
  const outsideCue = new Set(tokens.folded.filter((_, i) => keep[i] && !inCue[i]));
  const terms = termsKept(tokens.folded, keep);
  // The marks the citizen typed on each term, when typed with marks and always the same way.
  const typedMarks = new Map<string, string | null>();
  tokens.folded.forEach((t, i) => {
    if (!keep[i]) return;
    const a = tokens.accented[i]!;
    const seen = typedMarks.get(t);
    const value = a === t ? null : a;
    typedMarks.set(t, seen === undefined || seen === value ? value : null);
  });
  restoreMarks(tokens, keep, typedMarks, lexicon);
  return {
    terms,
    typedMarks,
    aspectTerms: new Set(terms.filter((t) => !outsideCue.has(t))),
    aspect: detectAspect(folded),
    verbs: questionVerbClasses(folded),
    folded,
  };
}

/**
 * A syllable typed without marks whose folded form the catalogue writes in several ways ("duoc": được, dược) takes
 * the written form that pairs with a neighbour in the catalogue's names and phrasings ("duoc si" → "dược sĩ"), when
 * one form clearly does: the question is then read as if typed with that form.
 */
function restoreMarks(
  tokens: { accented: string[]; folded: string[] },
  keep: readonly boolean[],
  typedMarks: Map<string, string | null>,
  lexicon: Lexicon,
) {
  const { accented, folded } = tokens;
  const formsAt = (i: number): readonly string[] => {
    if (i < 0 || i >= folded.length) return [];
    if (accented[i] !== folded[i]) return [accented[i]!];
    return lexicon.accentedForms.get(folded[i]!) ?? [];
  };
  const restored = new Map<string, string | null>();
  folded.forEach((t, i) => {
    if (!keep[i] || accented[i] !== t || typedMarks.get(t) !== null) return;
    const forms = lexicon.accentedForms.get(t);
    if (!forms || forms.length < 2) return;
    const prev = formsAt(i - 1);
    const next = formsAt(i + 1);
    let best: string | null = null;
    let bestSupport = 0;
    let second = 0;
    for (const c of forms) {
      let support = 0;
      for (const p of prev) support += lexicon.accentedBigramCounts.get(`${p}_${c}`) ?? 0;
      for (const n of next) support += lexicon.accentedBigramCounts.get(`${c}_${n}`) ?? 0;
      if (support > bestSupport) [second, bestSupport, best] = [bestSupport, support, c];
      else if (support > second) second = support;
    }
    const value = best && bestSupport >= RESTORE_DOMINANCE * second && best !== t ? best : null;
    const seen = restored.get(t);
    restored.set(t, seen === undefined || seen === value ? value : null);
  });
  for (const [t, value] of restored) if (value) typedMarks.set(t, value);
}
