import { PhraseSet } from './phrase-set';

/** What a citizen asks about a procedure, so the engine answers that first. */
export const aspects = [
  'documents',
  'fee',
  'time',
  'place',
  'online',
  'steps',
  'forms',
  'legal',
  'result',
] as const;
export type Aspect = (typeof aspects)[number];

/**
 * Cue phrases per aspect, folded (no marks), matched on whole words. Checked in this order: the more
 * specific aspects first, "steps" last because "làm sao", "thế nào" also wrap the other questions.
 */
// prettier-ignore
const cues: ReadonlyArray<[Aspect, readonly string[]]> = [
  // Not "tiền" or "đồng" alone: folded they are also tiện/tiến and đóng/động ("lao động", "tác động").
  ['fee', ['bao nhieu tien', 'het bao nhieu', 'mat bao nhieu', 'ton bao nhieu', 'het tien', 'tra tien', 'nop tien', 'dong tien', 'ton tien', 'le phi', 'phi', 'chi phi', 'mien phi', 'khong lay tien', 'gia bao nhieu', 'fee', 'fees', 'cost', 'how much', 'price']],
  ['time', ['bao lau', 'may ngay', 'bao nhieu ngay', 'may hom', 'may tuan', 'bao gio co', 'khi nao co', 'khi nao nhan', 'thoi gian', 'thoi han', 'lau khong', 'mat bao lau', 'lay luon', 'how long', 'processing time', 'days']],
  ['online', ['online', 'truc tuyen', 'qua mang', 'tren mang', 'dich vu cong', 'qua internet', 'vneid', 'tai nha', 'khong can den', 'over the internet']],
  ['place', ['o dau', 'cho nao', 'o cho nao', 'noi nao', 'nop o dau', 'den dau', 'dia chi', 'co quan nao', 'len dau', 'quay nao', 'where', 'which office']],
  ['forms', ['mau don', 'to khai', 'mau to khai', 'bieu mau', 'mau so', 'tai mau', 'form', 'forms', 'application form']],
  ['legal', ['can cu', 'luat nao', 'nghi dinh', 'thong tu', 'van ban nao', 'quy dinh nao', 'co so phap ly', 'legal basis', 'law']],
  ['result', ['nhan duoc gi', 'duoc cap gi', 'duoc cap giay gi', 'nhan duoc van ban gi', 'duoc nhung gi', 'ket qua', 'cap cho gi', 'what do i get']],
  ['documents', ['giay to gi', 'giay to nao', 'ho so gom', 'ho so gi', 'ho so can', 'can giay to', 'can nhung gi', 'can gi', 'can giay gi', 'giay gi', 'chuan bi gi', 'chuan bi nhung', 'thanh phan ho so', 'mang theo gi', 'mang gi', 'documents', 'papers', 'requirements', 'what do i need', 'need to submit']],
  ['steps', ['lam sao', 'lam the nao', 'nhu the nao', 'the nao', 'cac buoc', 'quy trinh', 'trinh tu', 'cach lam', 'ra sao', 'huong dan', 'lam thu tuc gi', 'thu tuc gi', 'how to', 'how do i', 'how can i', 'what should i do', 'steps', 'procedure']],
];

const cuePhrases = new PhraseSet();
for (const [, phrases] of cues) for (const phrase of phrases) cuePhrases.add(phrase.split(' '), null);

/**
 * Which positions of a folded token list lie inside a cue phrase ("mất bao lâu", "hồ sơ gồm"): the words there
 * say what is asked, not which procedure. Only those positions — "mất" in "mất bằng lái" is not a cue.
 */
export function cuePositions(folded: readonly string[]): boolean[] {
  const inCue = folded.map(() => false);
  for (const { start, length } of cuePhrases.occurrences(folded))
    for (let k = 0; k < length; k++) inCue[start + k] = true;
  return inCue;
}

/** The aspect a folded question asks about, or null when it names no aspect. */
export function detectAspect(foldedText: string): Aspect | null {
  const padded = ` ${foldedText} `;
  for (const [aspect, phrases] of cues) {
    if (phrases.some((phrase) => padded.includes(` ${phrase} `))) return aspect;
  }
  return null;
}
