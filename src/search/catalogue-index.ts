import type { Catalogue } from '../content/catalogue';
import { Expander } from './expansions';
import { fillerSyllables } from './fillers';
import { phraseTerms, type Lexicon } from './prepare-text';
import { PhraseSet } from './phrase-set';
import { SpellingCorrector } from './spelling-corrector';
import { isPossibleSyllable } from './syllable';
import { bigrams, tokenize } from './tokenize';
import { titleVerbClass, type VerbClass } from './verbs';

/** A procedure or FAQ entry as the matcher sees it. */
export interface SearchDoc {
  kind: 'procedure' | 'faq';
  id: string;
  code: string | null;
  title: string;
  verb: VerbClass | null;
}

const vietnameseWord = (t: string) => /^\d+$/.test(t) || isPossibleSyllable(t);

/** Field weights: what a phrase of each field is worth when a question matches it fully. */
const weights = {
  plainTitle: 1,
  title: 0.95,
  alias: 1,
  qa: 0.85,
  summary: 0.55,
  officialField: 0.45,
  fieldName: 0.45,
  agency: 0.35,
  qaAnswer: 0.4,
  who: 0.3,
  result: 0.4,
  faqQuestion: 1,
  faqPhrasing: 1,
  faqTopic: 0.9,
} as const;

interface RawPhrase {
  doc: number;
  text: string;
  weight: number;
  isName: boolean;
}

/**
 * The inverted index over catalogue phrases (titles, aliases, Q&A, FAQ phrasings): each phrase is a short
 * list of folded syllables; postings map a syllable to the phrases containing it. IDF is computed over
 * documents, so a syllable common to many procedures ("cấp", "giấy") counts little.
 */
export class CatalogueIndex {
  readonly docs: SearchDoc[] = [];
  readonly lexicon: Lexicon;
  readonly phraseDoc: number[] = [];
  readonly phraseWeight: number[] = [];
  readonly phraseTotal: number[] = [];
  readonly phraseBigrams: string[][] = [];
  readonly postings = new Map<string, number[]>();
  readonly idf = new Map<string, number>();
  /** Number of documents containing each term. */
  readonly df = new Map<string, number>();
  readonly maxIdf: number;
  /** Off-topic phrases (weather, prices, loans…), folded and padded with spaces. */
  readonly offTopic = new PhraseSet<string>();
  /** Folk names ("sổ đỏ") with the documents they may mean: folded phrase padded with spaces, and its terms. */
  readonly folkNames = new PhraseSet<{ terms: ReadonlySet<string>; docs: number[] }>();
  /**
   * Each document's names and question phrasings as one folded text (" | " between phrases): an off-topic
   * subject found there ("thẻ ATM" in the online-payment FAQ) is the document's own subject.
   */
  readonly docPhrases: string[];
  /**
   * For each document, the syllables (with marks) of its names and phrasings, and each folded one prefixed with
   * "#": a citizen who typed "được" did not name the pharmacy guide's "dược".
   */
  readonly docMarks: Set<string>[];
  /**
   * Phrasings made only of everyday words ("bạn là ai vậy", "có ai ở đó không"): they have no terms, so a question
   * made only of such words is matched against them whole.
   */
  readonly smallTalk: { tokens: readonly string[]; doc: number }[] = [];
  /** The distinct terms of each document's names (titles, aliases, FAQ question and topic). */
  readonly docNameTerms: ReadonlySet<string>[];

  constructor(catalogue: Catalogue) {
    const raw: RawPhrase[] = [];
    const add = (doc: number, text: string | undefined, weight: number, isName = false) => {
      if (text) raw.push({ doc, text, weight, isName });
    };
    const fieldName = new Map(catalogue.fields.map((f) => [f.id, f.name]));
    for (const p of catalogue.procedures) {
      const doc = this.docs.length;
      this.docs.push({
        kind: 'procedure',
        id: p.id,
        code: p.ma_thu_tuc,
        title: p.plain_title ?? p.title,
        verb: null,
      });
      add(doc, p.title, weights.title, true);
      add(doc, p.plain_title, weights.plainTitle, true);
      for (const alias of p.aliases) add(doc, alias, weights.alias, true);
      for (const qa of p.qa) {
        for (const q of qa.q) add(doc, q, weights.qa);
        add(doc, qa.a, weights.qaAnswer);
      }
      for (const who of p.who ?? []) add(doc, who, weights.who);
      for (const result of p.result) add(doc, result, weights.result);
      add(doc, p.summary, weights.summary);
      add(doc, p.official_field, weights.officialField);
      add(doc, fieldName.get(p.field), weights.fieldName);
      add(doc, p.agency, weights.agency);
    }
    for (const f of catalogue.faq) {
      const doc = this.docs.length;
      this.docs.push({ kind: 'faq', id: f.id, code: null, title: f.question, verb: null });
      add(doc, f.question, weights.faqQuestion, true);
      add(doc, f.topic, weights.faqTopic, true);
      for (const phrasing of f.phrasings) add(doc, phrasing, weights.faqPhrasing);
    }

    // The lexicon comes from the catalogue's own words, before any phrase is reduced to terms.
    const expander = new Expander(catalogue.aliases);
    const vocabulary = new Set<string>([...fillerSyllables, ...expander.shortForms]);
    const frequency = new Map<string, number>();
    const protectedBigrams = new Set<string>();
    const joined = new Map<string, readonly [string, string]>();
    const knownBigrams = new Set<string>();
    const nameBigramCounts = new Map<string, number>();
    const accentedVocabulary = new Set<string>();
    const accentedForms = new Map<string, Set<string>>();
    const accentedBigramCounts = new Map<string, number>();
    // Many phrases repeat across documents (agencies, fields, audiences): tokenize each distinct text once.
    const tokensOf = new Map<string, ReturnType<Expander['expand']>>();
    const phraseTokens = raw.map((phrase) => {
      let tokens = tokensOf.get(phrase.text);
      if (!tokens) {
        tokens = expander.expand(tokenize(phrase.text));
        tokensOf.set(phrase.text, tokens);
      }
      return tokens;
    });
    raw.forEach((phrase, p) => {
      const { accented, folded } = phraseTokens[p]!;
      for (const t of accented) accentedVocabulary.add(t);
      if (phrase.weight >= weights.qa) {
        accented.forEach((t, i) => {
          const forms = accentedForms.get(folded[i]!);
          if (forms) forms.add(t);
          else accentedForms.set(folded[i]!, new Set([t]));
          if (i + 1 < accented.length) {
            const key = `${t}_${accented[i + 1]}`;
            accentedBigramCounts.set(key, (accentedBigramCounts.get(key) ?? 0) + 1);
          }
        });
      }
      for (const t of folded) {
        vocabulary.add(t);
        frequency.set(t, (frequency.get(t) ?? 0) + 1);
      }
      for (let i = 0; i + 1 < folded.length; i++) {
        const [a, b] = [folded[i]!, folded[i + 1]!];
        joined.set(a + b, [a, b]);
        knownBigrams.add(`${a}_${b}`);
        // A pair protects a filler only in Vietnamese: in an English alias ("work in Vietnam") "in" stays a filler.
        const vietnamese = vietnameseWord(a) && vietnameseWord(b);
        if (phrase.isName && vietnamese && !(fillerSyllables.has(a) && fillerSyllables.has(b))) {
          protectedBigrams.add(`${a}_${b}`);
          protectedBigrams.add(`${accented[i]}_${accented[i + 1]}`);
          nameBigramCounts.set(`${a}_${b}`, (nameBigramCounts.get(`${a}_${b}`) ?? 0) + 1);
        }
      }
    });
    const correctable = [...vocabulary].filter((w) => w.length >= 3 && !/^\d+$/.test(w));
    this.lexicon = {
      expander,
      vocabulary,
      protectedBigrams,
      joined,
      knownBigrams,
      nameBigramCounts,
      frequency,
      accentedVocabulary,
      accentedForms: new Map([...accentedForms].map(([folded, forms]) => [folded, [...forms]])),
      accentedBigramCounts,
      corrector: new SpellingCorrector(correctable, frequency),
    };

    // Phrases → terms; document frequency → IDF.
    const termsOfPhrase: string[][] = [];
    const docTerms = this.docs.map(() => new Set<string>());
    // Thousands of phrases repeat the same syllables and pairs: one string each keeps a large catalogue small.
    const strings = new Map<string, string>();
    const intern = (text: string) => {
      const known = strings.get(text);
      if (known !== undefined) return known;
      strings.set(text, text);
      return text;
    };
    const docNameTerms = this.docs.map(() => new Set<string>());
    const phrasesOfDoc = this.docs.map((): string[] => []);
    raw.forEach((phrase, p) => {
      if (phrase.weight >= weights.qa) phrasesOfDoc[phrase.doc]!.push(phraseTokens[p]!.folded.join(' '));
    });
    this.docPhrases = phrasesOfDoc.map((list) => ` ${list.join(' | ')} `);
    this.docMarks = this.docs.map(() => new Set<string>());
    raw.forEach((phrase, p) => {
      if (phrase.weight < weights.qa) return;
      const marks = this.docMarks[phrase.doc]!;
      const { accented, folded } = phraseTokens[p]!;
      // Each syllable with its marks, and "#" + its folded form: which syllables the document writes at all.
      accented.forEach((t, i) => marks.add(intern(t)).add(intern(`#${folded[i]}`)));
    });
    this.docNameTerms = docNameTerms;
    const termsOfText = new Map<string, string[]>();
    raw.forEach((phrase, p) => {
      let terms = termsOfText.get(phrase.text);
      if (!terms) {
        terms = phraseTerms(phraseTokens[p]!, this.lexicon);
        termsOfText.set(phrase.text, terms);
      }
      if (terms.length === 0) {
        const tokens = phraseTokens[p]!.folded;
        if (phrase.weight >= weights.qa && tokens.length >= 3)
          this.smallTalk.push({ tokens, doc: phrase.doc });
        return;
      }
      termsOfPhrase.push(terms);
      this.phraseDoc.push(phrase.doc);
      this.phraseWeight.push(phrase.weight);
      for (const t of terms) docTerms[phrase.doc]!.add(t);
      if (phrase.isName) for (const t of terms) docNameTerms[phrase.doc]!.add(t);
    });
    const df = this.df;
    for (const terms of docTerms) for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
    const n = this.docs.length;
    let maxIdf = 0;
    for (const [t, count] of df) {
      const value = Math.log(1 + n / count);
      this.idf.set(t, value);
      maxIdf = Math.max(maxIdf, value);
    }
    this.maxIdf = maxIdf;
    termsOfPhrase.forEach((terms, phrase) => {
      const unique = [...new Set(terms)];
      this.phraseTotal.push(unique.reduce((sum, t) => sum + this.idf.get(t)!, 0));
      this.phraseBigrams.push(bigrams(terms).map(intern));
      for (const t of unique) {
        const list = this.postings.get(t);
        if (list) list.push(phrase);
        else this.postings.set(t, [phrase]);
      }
    });

    for (const [i, p] of catalogue.procedures.entries()) {
      this.docs[i]!.verb = titleVerbClass(tokensOf.get(p.title)!.folded.join(' '));
    }
    const docOf = new Map<string, number>();
    this.docs.forEach((d, i) => {
      if (d.kind !== 'procedure') return;
      docOf.set(d.id, i);
      if (d.code) docOf.set(d.code, i);
    });
    for (const group of catalogue.aliases.off_topic) {
      for (const phrase of group.phrases) {
        const folded = expander.expand(tokenize(phrase)).folded;
        this.offTopic.add(folded, ` ${folded.join(' ')} `);
      }
    }
    for (const folk of catalogue.aliases.folk_names) {
      const docs = folk.procedures.map((ref) => docOf.get(ref)).filter((d): d is number => d !== undefined);
      if (docs.length === 0) continue;
      for (const name of folk.names) {
        const tokens = expander.expand(tokenize(name));
        this.folkNames.add(tokens.folded, { terms: new Set(tokens.folded), docs });
      }
    }
  }
}
