import type { Say } from '../bot/say';
import { foldVietnamese } from '../text/fold';

/**
 * Words that may come before a reply without changing it: "dạ có rồi", "mình chưa có ạ". Folded, so "da"
 * is also "đã" ("đã có" reads as "có", which is what it means).
 */
const LEADING = new Set(['da', 'vang', 'minh', 'em', 'toi', 'tui', 'anh', 'chi', 'con', 'chau']);
/** A reply to "Bạn đã có … chưa?" is short; a longer text is a question or a remark, not a tick. */
const MAX_WORDS = 10;

/** A comma-separated list of data/messages.yaml, folded; longest first so "chưa có" wins over "chưa". */
function phrases(say: Say, key: Parameters<Say>[0]): string[] {
  return say(key)
    .split(',')
    .map((w) => foldVietnamese(w))
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
}

/**
 * A typed reply to a yes/no question, read with the vocabulary of data/messages.yaml (`checklist_yes_words`,
 * `checklist_no_words`, `checklist_not_answer_words`): "mình có rồi", "có bản sao rồi" → yes; "chưa có ạ",
 * "không" → no; "chưa biết", "có cần công chứng không?", "làm sổ có mất phí" → null (not an answer).
 * The reply must begin with a yes or no word (after "dạ", "mình"…) and not say both.
 */
export function readYesNo(say: Say, text: string): 'yes' | 'no' | null {
  if (text.includes('?')) return null;
  const words = foldVietnamese(text).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS) return null;
  const notAnswer = phrases(say, 'checklist_not_answer_words');
  const yes = phrases(say, 'checklist_yes_words');
  const no = phrases(say, 'checklist_no_words');
  // The reply begins with a yes or no word, after any number of "dạ", "mình"… ("còn thiếu" is no, not "còn").
  let line = ` ${words.join(' ')} `;
  const has = (phrase: string, s = line) => s.includes(` ${phrase} `);
  const startsAnswer = () => [...no, ...yes].some((p) => line.startsWith(` ${p} `));
  for (let i = 0; !startsAnswer(); i++) {
    if (i >= words.length - 1 || !LEADING.has(words[i]!)) return null;
    line = ` ${words.slice(i + 1).join(' ')} `;
  }
  if (notAnswer.some((p) => has(p))) return null;
  // Take out every "no" phrase: what is left must not say yes ("có … không", "chưa, có rồi"), and the other way.
  let rest = line;
  for (const p of no) rest = rest.split(` ${p} `).join(' | ');
  const saysNo = rest !== line;
  const saysYes = yes.some((p) => has(p, rest));
  if (saysNo && saysYes) return null;
  return saysNo ? 'no' : 'yes';
}
