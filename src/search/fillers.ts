/**
 * Words that carry no meaning for finding a procedure: greetings, politeness, pronouns, particles, question
 * words, and their English counterparts. Folding collides (đó/đỏ → "do", thế/thẻ → "the", có/cổ → "co"),
 * so a filler is dropped only when it does not form a known catalogue phrase with a neighbour
 * ("sổ đỏ", "thẻ tạm trú", "cổ phần" stay) — see `removeFillers`.
 */

/** Multi-syllable fillers, folded; removed first, longest first. */
export const fillerPhrases: readonly string[] = [
  'cho em hoi',
  'cho minh hoi',
  'cho toi hoi',
  'cho chau hoi',
  'cho hoi',
  'em muon hoi',
  'minh muon hoi',
  'xin hoi',
  'xin chao',
  'chao ban',
  'chao ad',
  'cam on',
  'xin cam on',
  'lam on',
  'vui long',
  'giup em',
  'giup minh',
  'giup toi',
  'huong dan',
  'nhu the nao',
  'the nao',
  'lam sao',
  'lam the nao',
  'ra sao',
  'bao nhieu',
  'bao lau',
  'o dau',
  'cho nao',
  'noi nao',
  'khi nao',
  'bao gio',
  'duoc khong',
  'co duoc khong',
  'duoc ko',
  'co the',
  'thu tuc',
  'lam thu tuc',
  'can phai',
  'phai lam',
  'can lam',
  'muon lam',
  'dinh lam',
  'can nhung gi',
  'nhung gi',
  'how to',
  'how do i',
  'how can i',
  'i want to',
  'i need to',
  'i would like to',
  'do i need',
  'where can i',
  'what is',
  'thank you',
];

/** Single-syllable fillers, folded (for tokens typed without marks). */
export const fillerSyllables: ReadonlySet<string> = new Set([
  // particles, politeness, pronouns
  'a', 'ah', 'ak', 'oi', 'nhe', 'nha', 'nhi', 'vay', 'the', 'ha', 'ne', 'day', 'do', 'ad', 'admin', 'em',
  'anh', 'chi', 'minh', 'toi', 'tui', 'ban', 'chau', 'co', 'khong', 'duoc', 'la', 'gi', 'nao', 'muon', 'can',
  'phai', 'voi', 'giup', 'cho', 'va', 'hay', 'thi', 'ma', 'nay', 'roi', 'di', 've', 'cua', 'dang', 'se', 'da',
  'sao', 'hoi', 'xin', 'chao', 'lam', 'nhung', 'cac', 'mot', 'may', 'nhieu', 'bao', 'dau', 'thoi', 'luon',
  'nua', 'ak', 'u', 'uh', 'ok', 'oke', 'vang', 'dc', 'ko', 'k', 'hok', 'j', 'e', 'mk', 'mik',
  // function words, classifiers, time words
  'ai', 'o', 'tai', 'trong', 'tren', 'duoi', 'ra', 'vao', 'len', 'xuong', 'qua', 'den', 'toi', 'tu', 'theo',
  'kia', 'ay', 'cai', 'chiec', 'cuon', 'nhung', 'moi', 'rat', 'lam', 'qua', 'hon', 'nhat', 'ca', 'cung', 'con',
  'van', 'vua', 'nen', 'vi', 'neu', 'khi', 'luc', 'hom', 'nay', 'mai', 'bay', 'gio', 'hien', 'chu', 'hu', 'he',
  'oi', 'nho', 'giup', 'xem', 'biet', 'hieu', 'ro', 'the', 'vay', 'chua', 'het', 'ben', 'nhau', 'minh',
  // English
  'how', 'to', 'i', 'my', 'me', 'can', 'where', 'what', 'when', 'is', 'are', 'am', 'for', 'get', 'need', 'please',
  'hello', 'hi', 'a', 'an', 'of', 'in', 'at', 'on', 'it', 'do', 'does', 'you', 'your', 'we', 'our', 'there',
  'want', 'would', 'like', 'should', 'which', 'with', 'about', 'and', 'or', 'this', 'that', 'be', 'much', 'many',
  'long', 'take', 'thanks', 'thank', 'sir', 'madam',
]);

/** Single-syllable fillers with their marks, for tokens typed with marks: "đỏ" is never mistaken for "đó". */
export const accentedFillerSyllables: ReadonlySet<string> = new Set([
  'ạ', 'à', 'ơi', 'nhé', 'nha', 'nhỉ', 'vậy', 'thế', 'hả', 'nè', 'đây', 'đó', 'em', 'anh', 'chị', 'mình', 'tôi',
  'tui', 'bạn', 'cháu', 'có', 'không', 'được', 'là', 'gì', 'nào', 'muốn', 'cần', 'phải', 'với', 'giúp', 'cho',
  'và', 'hay', 'thì', 'mà', 'này', 'rồi', 'đi', 'về', 'của', 'đang', 'sẽ', 'đã', 'sao', 'hỏi', 'xin', 'chào',
  'làm', 'những', 'các', 'một', 'mấy', 'nhiều', 'bao', 'đâu', 'thôi', 'luôn', 'nữa', 'vâng', 'dạ',
  'ai', 'ở', 'tại', 'trong', 'trên', 'dưới', 'ra', 'vào', 'lên', 'xuống', 'qua', 'đến', 'tới', 'từ', 'theo',
  'kia', 'ấy', 'cái', 'chiếc', 'cuốn', 'mỗi', 'rất', 'lắm', 'quá', 'hơn', 'nhất', 'cả', 'cũng', 'còn', 'vẫn',
  'vừa', 'nên', 'vì', 'nếu', 'khi', 'lúc', 'hôm', 'nay', 'mai', 'bây', 'giờ', 'hiện', 'chứ', 'hử', 'nhờ',
  'xem', 'biết', 'hiểu', 'rõ', 'chưa', 'hết', 'bên', 'nhau',
]);
