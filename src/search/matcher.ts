import type { Catalogue } from '../content/catalogue';
import type { Aspect } from './aspect';
import { CatalogueIndex } from './catalogue-index';
import { decide, defaultThresholds, type DecisionThresholds, type Ranked } from './decide';
import { prepareText } from './prepare-text';
import { bigrams } from './tokenize';
import { isPossibleSyllable } from './syllable';

export interface MatchResult {
  kind: 'procedure' | 'faq';
  id: string;
  code: string | null;
  title: string;
  /** 0–1: how well the question fits this document. */
  score: number;
}

/** What the matcher concluded about one question. */
export interface MatchOutcome {
  decision: 'answer' | 'clarify' | 'fallback';
  aspect: Aspect | null;
  /** Up to five: for answer the best first, for clarify the candidates to offer, for fallback the closest. */
  results: MatchResult[];
}

/** The matcher the engine relies on: a question in, a decision out. */
export interface Matcher {
  match(question: string): MatchOutcome;
}

/** How the verb a citizen used fits the verb of a title (Cấp / Cấp lại / Cấp đổi …). */
const VERB_MATCH = 1.15;
const VERB_BASE_FOR_FIRST = 1.05;
const VERB_MISMATCH = 0.95;
/**
 * A document's score mixes how completely its best phrase appears in the question (long messages describe a
 * situation around a short name: "mất ví, mất luôn cái bằng lái xe máy") with how much of the question the
 * document explains (short questions must be explained, or they are out of scope).
 */
const PHRASE_SHARE = 0.65;
const BIGRAM_BONUS = 0.3;
/**
 * A phrase fully present in the question is strong evidence only when it carries some meaning: one rare
 * syllable ("ai", "gọi") is not enough. Below this much matched IDF the phrase score is scaled down.
 */
const MIN_EVIDENCE = 4.5;
/**
 * Words that ask an aspect ("online", "lệ phí", "ở đâu") weigh this much in the question: "đăng ký tạm trú qua
 * VNeID được không" is about tạm trú, not about the VNeID FAQ, unless nothing else matches.
 */
const ASPECT_WORD_WEIGHT = 0.4;
/**
 * Candidate phrases come from the question's rarer terms: a term in more than this share of documents
 * ("cấp", "giấy", "đăng ký") only adds to the score of phrases found through another term. This keeps a
 * question cheap on a catalogue of thousands of long national titles.
 */
const COMMON_TERM_SHARE = 0.1;
/**
 * A question naming an off-topic subject (weather, gold price, khai tử…): every document whose own phrases do not
 * name it keeps this share of its score — once per subject, up to two: "tiền điện tháng này cao, khiếu nại điện lực ở
 * đâu" names two and is not the complaints FAQ, however well "khiếu nại" matches it.
 */
const OFF_TOPIC_FACTOR = 0.45;
/**
 * A question word the catalogue does not have weighs the rarest syllable's IDF in the question's total: what the
 * catalogue cannot explain makes a question less likely in scope. A word that cannot be a Vietnamese syllable
 * (English: "bought", "startup") weighs only this share of it — a foreigner's question is full of words the
 * glossary does not translate, and they say less about scope than an unknown Vietnamese word.
 */
const UNKNOWN_FOREIGN_WORD = 0.25;
/** A syllable typed with marks the document never writes that way ("được" for "dược") counts this much. */
const MARKS_MISMATCH = 0.3;
/**
 * Close candidates are told apart when the question holds at least this much IDF of name words of one that the
 * other lacks — and at least DOMINANCE times what it holds of the other's own words.
 */
const EXCLUSIVE_EVIDENCE = 2;
const DOMINANCE = 2;
/**
 * A question of at most UNDERSPECIFIED_TERMS topic words, whose best procedure holds at most UNDERSPECIFIED_EVIDENCE
 * of IDF in name words that a rival scoring UNDERSPECIFIED_RATIO of it lacks (and the citizen's verb fits both or
 * neither), names none of them in particular: clarify among them.
 */
const UNDERSPECIFIED_TERMS = 5;
const UNDERSPECIFIED_RATIO = 0.7;
const UNDERSPECIFIED_EVIDENCE = 0.5;

/** Build the matcher over a loaded catalogue (the seed alone, or with imported national records). */
export function createMatcher(
  catalogue: Catalogue,
  thresholds: DecisionThresholds = defaultThresholds,
): Matcher {
  const index = new CatalogueIndex(catalogue);
  const phraseCount = index.phraseDoc.length;
  // Scratch arrays reused by every question (the matcher is synchronous, so one question at a time).
  const matched = new Float64Array(phraseCount);
  const docMass = new Float64Array(index.docs.length);
  const docLastTerm = new Int32Array(index.docs.length).fill(-1);
  const docBest = new Float64Array(index.docs.length);

  const result = (doc: number, score: number): MatchResult => {
    const d = index.docs[doc]!;
    return {
      kind: d.kind,
      id: d.id,
      code: d.code,
      title: d.title,
      score: Math.round(Math.min(1, score) * 1000) / 1000,
    };
  };

  /**
   * A question of everyday words only ("bạn là ai vậy, giúp được gì"): the FAQ phrasing all of whose words it
   * contains (the longest), else nothing.
   */
  function smallTalk(folded: string, aspect: Aspect | null): MatchOutcome {
    const words = new Set(folded.split(' '));
    let best: { tokens: readonly string[]; doc: number } | undefined;
    for (const phrase of index.smallTalk) {
      if (phrase.tokens.every((t) => words.has(t)) && phrase.tokens.length > (best?.tokens.length ?? 0))
        best = phrase;
    }
    return best
      ? { decision: 'answer', aspect, results: [result(best.doc, 1)] }
      : { decision: 'fallback', aspect, results: [] };
  }

  return {
    match(question: string): MatchOutcome {
      const prepared = prepareText(question, index.lexicon);
      const terms = [...new Set(prepared.terms)];
      if (terms.length === 0) return smallTalk(prepared.folded, prepared.aspect);
      const { aspectTerms } = prepared;
      const hasTopicWords = terms.some((t) => !aspectTerms.has(t) && index.idf.has(t));
      const unknownWeight = (t: string) => index.maxIdf * (isPossibleSyllable(t) ? 1 : UNKNOWN_FOREIGN_WORD);
      const weightOf = (t: string) =>
        (index.idf.get(t) ?? unknownWeight(t)) *
        (hasTopicWords && aspectTerms.has(t) ? ASPECT_WORD_WEIGHT : 1);
      const questionTotal = terms.reduce((sum, t) => sum + weightOf(t), 0);
      const questionBigrams = new Set(bigrams(prepared.terms));

      const touchedPhrases: number[] = [];
      const touchedDocs: number[] = [];
      const commonLimit = Math.max(60, COMMON_TERM_SHARE * index.docs.length);
      const isCommon = (t: string) => (index.df.get(t) ?? 0) > commonLimit;
      const known = terms.filter((t) => index.df.has(t));
      const rare = known.filter((t) => !isCommon(t));
      const common = known.filter(isCommon);
      // Per term typed with marks: the marked syllable, and the "#folded" key of documents that write it at all.
      const typedMarks = new Map<string, { marked: string; key: string }>();
      for (const [t, marked] of prepared.typedMarks) if (marked) typedMarks.set(t, { marked, key: `#${t}` });
      const credit = (phrase: number, t: string, termIndex: number, fullWeight: number) => {
        const doc = index.phraseDoc[phrase]!;
        // "được" typed with marks is not the "dược" of a pharmacy guide: a syllable whose marks the document
        // never writes that way counts less.
        const typed = typedMarks.get(t);
        const marks = typed && index.docMarks[doc]!;
        const weight =
          marks && !marks.has(typed.marked) && marks.has(typed.key)
            ? fullWeight * MARKS_MISMATCH
            : fullWeight;
        if (matched[phrase] === 0) touchedPhrases.push(phrase);
        matched[phrase] = matched[phrase]! + weight;
        if (docLastTerm[doc] === -1) touchedDocs.push(doc);
        if (docLastTerm[doc] !== termIndex) {
          docLastTerm[doc] = termIndex;
          docMass[doc] = docMass[doc]! + weight;
        }
      };
      // Candidates: documents reached through the rarer terms — or, when every term is common, through the
      // two least common ones. The other terms then only add to those documents.
      const seeds =
        rare.length > 0 ? rare : [...common].sort((a, b) => index.df.get(a)! - index.df.get(b)!).slice(0, 2);
      const rest = known.filter((t) => !seeds.includes(t));
      seeds.forEach((t, i) => {
        for (const phrase of index.postings.get(t) ?? []) credit(phrase, t, i, weightOf(t));
      });
      rest.forEach((t, j) => {
        const weight = weightOf(t);
        for (const phrase of index.postings.get(t) ?? []) {
          if (docLastTerm[index.phraseDoc[phrase]!] !== -1) credit(phrase, t, seeds.length + j, weight);
        }
      });
      for (const phrase of touchedPhrases) {
        const mass = matched[phrase]!;
        matched[phrase] = 0;
        const phraseBigrams = index.phraseBigrams[phrase]!;
        let bigramHits = 0;
        for (const b of phraseBigrams) if (questionBigrams.has(b)) bigramHits++;
        const bigramShare = phraseBigrams.length === 0 ? 0 : bigramHits / phraseBigrams.length;
        const evidence = Math.min(1, mass / MIN_EVIDENCE);
        const score =
          index.phraseWeight[phrase]! *
          (mass / index.phraseTotal[phrase]!) *
          evidence *
          (1 + BIGRAM_BONUS * bigramShare);
        const doc = index.phraseDoc[phrase]!;
        if (score > docBest[doc]!) docBest[doc] = score;
      }

      // Off-topic subjects named in the question: a document whose own phrases do not name one is penalised.
      const questionWords = prepared.folded.split(' ');
      const offTopicFound = index.offTopic.find(questionWords);
      const offTopicFactor = (doc: number) => {
        const foreign = new Set(offTopicFound.filter((phrase) => !index.docPhrases[doc]!.includes(phrase)));
        return foreign.size === 0 ? 1 : OFF_TOPIC_FACTOR ** Math.min(foreign.size, 2);
      };
      const ranked: Ranked[] = [];
      for (const doc of touchedDocs) {
        const coverage = docMass[doc]! / questionTotal;
        let score = PHRASE_SHARE * docBest[doc]! + (1 - PHRASE_SHARE) * coverage;
        docMass[doc] = 0;
        docLastTerm[doc] = -1;
        docBest[doc] = 0;
        const verb = index.docs[doc]!.verb;
        if (verb && prepared.verbs.has(verb)) score *= VERB_MATCH;
        else if (verb) score *= VERB_MISMATCH;
        else if (prepared.verbs.has('first')) score *= VERB_BASE_FOR_FIRST;
        ranked.push({ doc, score: score * offTopicFactor(doc) });
      }
      ranked.sort((a, b) => b.score - a.score);

      const folkGroups = index.folkNames.find(questionWords).map((f) => ({
        docs: f.docs,
        // A word outside the folk name that names some, but not all, of its documents tells them apart.
        isNarrowed: terms.some(
          (t) =>
            !f.terms.has(t) &&
            !aspectTerms.has(t) &&
            f.docs.some((d) => index.docNameTerms[d]!.has(t)) &&
            !f.docs.every((d) => index.docNameTerms[d]!.has(t)),
        ),
      }));
      const exclusive = (a: number, b: number) => {
        let sum = 0;
        for (const t of terms)
          if (index.docNameTerms[a]!.has(t) && !index.docNameTerms[b]!.has(t)) sum += weightOf(t);
        return sum;
      };
      const tellsApart = (a: number, b: number) => {
        const ab = exclusive(a, b);
        return ab >= EXCLUSIVE_EVIDENCE && ab >= DOMINANCE * exclusive(b, a);
      };
      // Under-specified: a short question whose words tell the best procedure from a near rival by almost nothing
      // ("xe kinh doanh", "mất giấy tờ thì làm lại thế nào") means any of them — ask, as for an un-narrowed folk name.
      const topicCount = terms.filter((t) => !aspectTerms.has(t)).length;
      const verbFits = (doc: number) => {
        const verb = index.docs[doc]!.verb;
        return verb !== null && prepared.verbs.has(verb);
      };
      const best = ranked[0];
      const underSpecified =
        best && topicCount <= UNDERSPECIFIED_TERMS && index.docs[best.doc]!.kind === 'procedure'
          ? ranked
              .filter(
                (r) =>
                  r.score >= thresholds.minScore &&
                  r.score >= UNDERSPECIFIED_RATIO * best.score &&
                  index.docs[r.doc]!.kind === 'procedure' &&
                  (r === best || exclusive(best.doc, r.doc) <= UNDERSPECIFIED_EVIDENCE) &&
                  verbFits(r.doc) === verbFits(best.doc),
              )
              .map((r) => r.doc)
          : [];
      const outcome = decide(
        ranked,
        underSpecified.length >= 2
          ? [...folkGroups, { docs: underSpecified, isNarrowed: false }]
          : folkGroups,
        thresholds,
        tellsApart,
      );
      const shown =
        outcome.decision === 'clarify'
          ? outcome.candidates
          : [...outcome.candidates, ...ranked.filter((r) => !outcome.candidates.includes(r))].slice(0, 5);
      return {
        decision: outcome.decision,
        aspect: prepared.aspect,
        results: shown.map((r) => result(r.doc, r.score)),
      };
    },
  };
}
