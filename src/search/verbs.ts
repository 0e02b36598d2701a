/**
 * National titles follow a naming convention (Cấp / Cấp lại / Cấp đổi / Gia hạn / Thay đổi / Tạm ngừng /
 * Giải thể …) and every "Cấp X" has siblings containing all its words, so a lexical score alone cannot tell
 * "xin X" from "mất X". Citizens' verbs are mapped to these classes and compared with the title's class.
 */
export type VerbClass = 'reissue' | 'renew' | 'change' | 'suspend' | 'dissolve' | 'first';

/** Title verb classes, folded, matched at the start of a title. */
const titleVerbs: ReadonlyArray<[VerbClass, RegExp]> = [
  ['reissue', /^(thu tuc )?(cap lai|dang ky lai)\b/],
  ['renew', /^(thu tuc )?(cap doi|doi|gia han)\b/],
  ['change', /^(thu tuc )?(thay doi|dieu chinh|sua doi|dang ky thay doi|dang ky bien dong)\b/],
  ['suspend', /^(thu tuc )?(tam ngung|thong bao tam ngung)\b/],
  ['dissolve', /^(thu tuc )?(giai the|cham dut|thu hoi)\b/],
];

/** Citizens' words, folded, for each class. */
const questionVerbs: ReadonlyArray<[VerbClass, RegExp]> = [
  // "mất bao lâu / mất mấy ngày / mất bao nhiêu tiền" is "it takes", not "I lost".
  [
    'reissue',
    /\b(mat(?! (bao|may|bn|het|tien|thoi gian|nhieu|phi|khoang|tam|chung))|that lac|lam lai|cap lai|xin lai|bi chay|bi trom|lost|replace|replacement)\b/,
  ],
  [
    'renew',
    /\b(cap doi|gia han|het han|sap het han|qua han|doi moi|renew|renewal|extend|extension|exchange)\b|(?<!thay )\bdoi\b(?! ten| dia chi| nganh| von)/,
  ],
  [
    'change',
    /\b(thay doi|sua|sua doi|dieu chinh|doi ten|doi dia chi|tang von|giam von|nang von|them von|gop them|bo sung nganh|them nganh|chuyen dia chi|chuyen tru so|chuyen van phong|change|amend)\b/,
  ],
  [
    'suspend',
    /\b(tam ngung|tam nghi|nghi tam|tam dung|nghi kinh doanh|nghi mot thoi gian|ngung mot thoi gian|suspend)\b/,
  ],
  [
    'dissolve',
    /\b(giai the|dong cua han|dong han|cham dut hoat dong|khong hoat dong nua|dung han|dissolve|close down)\b/,
  ],
  ['first', /\b(lan dau|xin moi|cap moi|lam moi|moi tinh|first time|new)\b/],
];

export function titleVerbClass(foldedTitle: string): VerbClass | null {
  for (const [verb, pattern] of titleVerbs) if (pattern.test(foldedTitle)) return verb;
  return null;
}

/** "bố tôi mất", "ông nội mới mất": a relative who died, not a lost paper (mất also means "passed away"). */
const relativeDied =
  /\b(bo|me|cha|ong|ba|chong|vo|cu|bo me|cha me|ong noi|ba noi|ong ngoai|ba ngoai|nguoi than)( (toi|em|minh|chau|con|noi|ngoai))?( (moi|vua|da))? mat\b/g;

export function questionVerbClasses(foldedQuestion: string): Set<VerbClass> {
  const text = foldedQuestion.replace(relativeDied, ' ');
  const found = new Set<VerbClass>();
  for (const [verb, pattern] of questionVerbs) if (pattern.test(text)) found.add(verb);
  return found;
}
