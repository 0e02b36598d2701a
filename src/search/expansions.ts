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
  }

  expand(tokens: { accented: string[]; folded: string[] }): { accented: string[]; folded: string[] } {
    const accented: string[] = [];
    const folded: string[] = [];
    for (let i = 0; i < tokens.folded.length;) {
      const match = this.byFirst
        .get(tokens.folded[i]!)
        ?.find((e) => e.from.every((t, k) => tokens.folded[i + k] === t));
      if (match) {
        accented.push(...match.to.accented);
        folded.push(...match.to.folded);
        i += match.from.length;
      } else {
        accented.push(tokens.accented[i]!);
        folded.push(tokens.folded[i]!);
        i++;
      }
    }
    return { accented, folded };
  }
}
