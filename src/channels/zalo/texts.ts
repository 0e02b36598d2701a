import { createSay } from '../../bot/say';
import type { Catalogue } from '../../content/catalogue';
import { numberList } from './render';

/** The channel's own sentences, from data/messages.yaml like every sentence of the bot. */
export interface ZaloTexts {
  /** "Bạn gõ 1, 2 hoặc 3 để chọn nhé." */
  numberHint: (first: number, last: number) => string;
}

export function zaloTexts(catalogue: Catalogue): ZaloTexts {
  if (!catalogue.messages) throw new Error('Zalo needs data/messages.yaml, which the catalogue lacks');
  const say = createSay(catalogue.messages, catalogue.center);
  const or = say('number_or');
  return { numberHint: (first, last) => say('number_hint', { numbers: numberList(first, last, or) }) };
}
