/**
 * Fold Vietnamese text for comparison: lower case, tone and vowel marks removed, `đ` → `d`,
 * punctuation to spaces, spaces collapsed. "Sổ Đỏ!" → "so do".
 */
export function foldVietnamese(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      // đ/Đ are letters of their own, not d + a mark: NFD leaves them whole.
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}
