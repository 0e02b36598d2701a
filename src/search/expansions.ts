import type { Aliases } from '../content/schema';
import { tokenize } from './tokenize';

/** A replacement of a folded token sequence by another (accented and folded forms kept aligned). */
interface Expansion {
  from: string[];
  to: { accented: string[]; folded: string[] };
}

/**
 * Chat shorthand, abbreviations and the English glossary of `data/aliases.yaml`, applied to a token
 * sequence longest match first: "doi gplx het bn" → "doi giay phep lai xe het bao nhieu".
 */
export class Expander {
  private readonly byFirst = new Map<string, Expansion[]>();
  /** Short forms with several meanings ("dk": đăng ký / điều kiện), resolved by the neighbouring words. */
  private readonly ambiguous = new Map<string, Expansion['to'][]>();
  /** Every short form, so the spelling corrector leaves them alone. */
  readonly shortForms = new Set<string>();

  constructor(aliases: Aliases) {
    for (const entry of [...aliases.shorthand, ...aliases.abbreviations, ...aliases.translations]) {
      const to = tokenize(entry.to);
      for (const short of entry.from) {
        const from = tokenize(short).folded;
        if (from.length === 0) continue;
        const list = this.byFirst.get(from[0]!) ?? [];
        list.push({ from, to });
        list.sort((a, b) => b.from.length - a.from.length);
        this.byFirst.set(from[0]!, list);
        if (from.length === 1) this.shortForms.add(from[0]!);
      }
    }
    for (const entry of aliases.ambiguous_shorthand) {
      const meanings = entry.to.map((t) => tokenize(t));
      for (const short of entry.from) {
        const from = tokenize(short).folded;
        if (from.length !== 1) continue;
        this.ambiguous.set(from[0]!, meanings);
        this.shortForms.add(from[0]!);
      }
    }
  }

  /**
   * The meaning of an ambiguous short form that forms a known pair ("ký_hộ" in "đk hộ kinh doanh") with the
   * word before or after it; the first listed wins a tie; null when neither neighbour tells.
   */
  private resolve(
    meanings: readonly Expansion['to'][],
    before: string | undefined,
    after: string | undefined,
    knownPair: (a: string, b: string) => boolean,
  ): Expansion['to'] | null {
    let best: Expansion['to'] | null = null;
    let bestFit = 0;
    for (const m of meanings) {
      const fit =
        (before !== undefined && knownPair(before, m.folded[0]!) ? 1 : 0) +
        (after !== undefined && knownPair(m.folded[m.folded.length - 1]!, after) ? 1 : 0);
      if (fit > bestFit) [best, bestFit] = [m, fit];
    }
    return best;
  }

  /** `knownPair` (for questions) lets ambiguous short forms be resolved by their neighbours. */
  expand(
    tokens: { accented: string[]; folded: string[] },
    knownPair?: (a: string, b: string) => boolean,
  ): { accented: string[]; folded: string[] } {
    const accented: string[] = [];
    const folded: string[] = [];
    for (let i = 0; i < tokens.folded.length;) {
      const match = this.byFirst
        .get(tokens.folded[i]!)
        ?.find((e) => e.from.every((t, k) => tokens.folded[i + k] === t));
      const meanings = match || !knownPair ? undefined : this.ambiguous.get(tokens.folded[i]!);
      const resolved =
        meanings && this.resolve(meanings, folded[folded.length - 1], tokens.folded[i + 1], knownPair!);
      if (match) {
        accented.push(...match.to.accented);
        folded.push(...match.to.folded);
        i += match.from.length;
      } else if (resolved) {
        accented.push(...resolved.accented);
        folded.push(...resolved.folded);
        i++;
      } else {
        accented.push(tokens.accented[i]!);
        folded.push(tokens.folded[i]!);
        i++;
      }
    }
    return { accented, folded };
  }
}
