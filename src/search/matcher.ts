import type { Catalogue } from '../content/catalogue';
import { aspectCueSyllables, type Aspect } from './aspect';
import { CatalogueIndex } from './catalogue-index';
import { decide, defaultThresholds, type DecisionThresholds, type Ranked } from './decide';
import { prepareText } from './prepare-text';

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
const VERB_MISMATCH = 0.88;
/**
 * A document's score mixes how completely its best phrase appears in the question (long messages describe a
 * situation around a short name: "mất ví, mất luôn cái bằng lái xe máy") with how much of the question the
 * document explains (short questions must be explained, or they are out of scope).
 */
const PHRASE_SHARE = 0.65;
const BIGRAM_BONUS = 0.15;
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

/** Build the matcher over a loaded catalogue (the seed alone, or with imported national records). */
export function createMatcher(catalogue: Catalogue, thresholds: DecisionThresholds = defaultThresholds): Matcher {
  const index = new CatalogueIndex(catalogue);
  const phraseCount = index.phraseDoc.length;
  const matched = new Float64Array(phraseCount);

  return {
    match(question: string): MatchOutcome {
      const prepared = prepareText(question, index.lexicon, { repair: true });
      const terms = [...new Set(prepared.terms)];
      if (terms.length === 0) return { decision: 'fallback', aspect: prepared.aspect, results: [] };
      const hasTopicWords = terms.some((t) => !aspectCueSyllables.has(t) && index.idf.has(t));
      const weightOf = (t: string) =>
        (index.idf.get(t) ?? index.maxIdf) * (hasTopicWords && aspectCueSyllables.has(t) ? ASPECT_WORD_WEIGHT : 1);
      const questionTotal = terms.reduce((sum, t) => sum + weightOf(t), 0);
      const bigrams = new Set(prepared.terms.slice(1).map((t, i) => `${prepared.terms[i]}_${t}`));

      const touched: number[] = [];
      const termsOfDoc = new Map<number, Set<string>>();
      for (const t of terms) {
        for (const phrase of index.postings.get(t) ?? []) {
          if (matched[phrase] === 0) touched.push(phrase);
          matched[phrase] = matched[phrase]! + weightOf(t);
          const doc = index.phraseDoc[phrase]!;
          const set = termsOfDoc.get(doc) ?? new Set<string>();
          set.add(t);
          termsOfDoc.set(doc, set);
        }
      }
      const best = new Map<number, number>();
      for (const phrase of touched) {
        const phraseCoverage = matched[phrase]! / index.phraseTotal[phrase]!;
        const phraseBigrams = index.phraseBigrams[phrase]!;
        const bigramShare =
          phraseBigrams.length === 0 ? 0 : phraseBigrams.filter((b) => bigrams.has(b)).length / phraseBigrams.length;
        const evidence = Math.min(1, matched[phrase]! / MIN_EVIDENCE);
        const score = index.phraseWeight[phrase]! * phraseCoverage * evidence * (1 + BIGRAM_BONUS * bigramShare);
        matched[phrase] = 0;
        const doc = index.phraseDoc[phrase]!;
        if (score > (best.get(doc) ?? 0)) best.set(doc, score);
      }

      const ranked: Ranked[] = [];
      for (const [doc, phraseScore] of best) {
        const coverage = [...termsOfDoc.get(doc)!].reduce((sum, t) => sum + weightOf(t), 0) / questionTotal;
        let score = PHRASE_SHARE * phraseScore + (1 - PHRASE_SHARE) * coverage;
        const verb = index.docs[doc]!.verb;
        if (verb && prepared.verbs.has(verb)) score *= VERB_MATCH;
        else if (verb) score *= VERB_MISMATCH;
        else if (prepared.verbs.has('first')) score *= VERB_BASE_FOR_FIRST;
        ranked.push({ doc, score: Math.min(1, score), coverage });
      }
      ranked.sort((a, b) => b.score - a.score);

      const padded = ` ${prepared.folded} `;
      const folkGroups = index.folkNames.filter((f) => padded.includes(f.phrase)).map((f) => f.docs);
      const outcome = decide(ranked, folkGroups, thresholds);
      const shown = outcome.decision === 'clarify' ? outcome.candidates : ranked.slice(0, 5);
      return {
        decision: outcome.decision,
        aspect: prepared.aspect,
        results: shown.map((r) => {
          const d = index.docs[r.doc]!;
          return { kind: d.kind, id: d.id, code: d.code, title: d.title, score: Math.round(r.score * 1000) / 1000 };
        }),
      };
    },
  };
}
