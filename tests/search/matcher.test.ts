import path from 'node:path';
import { loadCatalogueOrThrow } from '../../src/content/loader';
import { CatalogueIndex } from '../../src/search/catalogue-index';
import { createMatcher } from '../../src/search/matcher';
import { prepareText } from '../../src/search/prepare-text';

const catalogue = loadCatalogueOrThrow([path.join(__dirname, '..', '..', 'data')]);
const matcher = createMatcher(catalogue);
const best = (q: string) => {
  const outcome = matcher.match(q);
  const top = outcome.results[0];
  return { ...outcome, label: top ? (top.kind === 'faq' ? `faq:${top.id}` : (top.code ?? top.id)) : null };
};

describe('the matcher on the seed catalogue', () => {
  it.each([
    ['Cấp lại sổ đỏ bị mất', '1.012786'],
    ['cap lai so do bi mat', '1.012786'],
    ['Đổi giấy phép lái xe', '3.000347'],
    ['doi giay phep lai xe', '3.000347'],
    ['phiếu lý lịch tư pháp', '3.000333'],
    ['phieu ly lich tu phap', '3.000333'],
  ])('answers "%s" with %s, with or without diacritics', (q, code) => {
    const outcome = best(q);
    expect(outcome.decision).toBe('answer');
    expect(outcome.label).toBe(code);
  });

  it('asks when a short question tells close procedures apart by nothing', () => {
    const outcome = best('xe kinh doanh');
    expect(outcome.decision).toBe('clarify');
    expect(outcome.results.map((r) => r.code)).toEqual(expect.arrayContaining(['1.000703', '2.002288']));
  });

  it('reads a syllable typed without marks by the written pair it forms with a neighbour', () => {
    const { lexicon } = new CatalogueIndex(catalogue);
    const marks = prepareText('giay xac nhan khong co an tich', lexicon).typedMarks;
    expect(marks.get('an')).toBe('án');
    expect(marks.get('tich')).toBe('tích');
  });

  it('expands shorthand and abbreviations and reads the aspect', () => {
    const outcome = best('doi gplx het bn tien');
    expect(outcome.label).toBe('3.000347');
    expect(outcome.aspect).toBe('fee');
  });

  it('asks which procedure when a folk name covers several', () => {
    const outcome = best('sổ đỏ');
    expect(outcome.decision).toBe('clarify');
    // The name alone means any of its six procedures: the bot offers five, not only the two that scored close.
    expect(outcome.results.length).toBe(5);
    expect(outcome.results.length).toBeLessThanOrEqual(5);
    for (const r of outcome.results) expect(r.kind).toBe('procedure');
  });

  it('answers when the question names what tells two close procedures apart', () => {
    // Both are building permits; only one is for "công trình cấp II".
    const outcome = best('giay phep xay dung cong trinh cap 2 nop o so nao');
    expect(outcome.decision).toBe('answer');
    expect(outcome.label).toBe('1.013236');
    expect(best('giấy phép xây dựng').decision).toBe('clarify');
  });

  it('reads an ambiguous short form from its neighbours ("đk hộ kd" is đăng ký)', () => {
    const outcome = best('đk hộ kd cần giấy tờ gì');
    expect(outcome.label).toBe('1.001612');
    expect(outcome.decision).toBe('answer');
  });

  it('answers a question of everyday words only from an FAQ phrasing it contains', () => {
    const outcome = best('Bạn là ai vậy, giúp được tôi những gì?');
    expect(outcome.decision).toBe('answer');
    expect(outcome.label).toBe('faq:bot-lam-duoc-gi');
    expect(matcher.match('vâng ạ').decision).toBe('fallback');
  });

  it('tells words apart by the marks the citizen typed ("dược" is not "được", "gỏi" is not "gọi")', () => {
    const pharmacy = best('Chứng chỉ hành nghề dược nộp ở đâu');
    expect(pharmacy.decision).toBe('answer');
    expect(pharmacy.label).toBe('chung-chi-hanh-nghe-duoc');
    expect(matcher.match('cách làm món gỏi cuốn').decision).toBe('fallback');
  });

  it('repairs a typo that is itself a syllable when its neighbour names a procedure ("căn cướt", "khai xinh")', () => {
    expect(best('đổi thẻ căn cướt ở đâu').label).toBe('1.014063');
    expect(best('dang ky khai xinh cho con').label).toBe('1.001193');
    // Real words outside the catalogue stay as typed: nothing here becomes a fee question or a procedure.
    expect(matcher.match('thoi tiet hom nay the nao').decision).toBe('fallback');
    expect(matcher.match('gia dat o phuong quyet thang bao nhieu mot met').decision).toBe('fallback');
  });

  it('counts each off-topic subject named, up to two', () => {
    expect(matcher.match('tiền điện tháng này cao quá, khiếu nại điện lực ở đâu').decision).toBe('fallback');
  });

  it('answers general questions from the FAQ', () => {
    expect(best('thu 7 co lam viec ko').label).toBe('faq:gio-lam-viec');
  });

  it('reads English through the glossary', () => {
    expect(best('How do I apply for a work permit?').label).toBe('giay-phep-lao-dong-nguoi-nuoc-ngoai');
    // Words the glossary does not know ("bakery", "cousin") do not push a clear question out of scope.
    expect(
      best('My cousin bought land next to his bakery, how do we transfer the land title?').decision,
    ).not.toBe('fallback');
  });

  it.each([
    '',
    '   ',
    '😀😀😀',
    '\u0000\u0001\u0002',
    'a'.repeat(100_000),
    '<script>alert(1)</script>',
    "'; DROP TABLE procedures; --",
    'asdfghjkl qwerty',
    'ádasd qưeqwe',
    'giá vàng hôm nay bao nhiêu',
  ])('falls back politely on bad or unrelated input (%#)', (q) => {
    const outcome = matcher.match(q);
    expect(outcome.decision).toBe('fallback');
  });

  it('gives scores between 0 and 1 and at most five results', () => {
    for (const q of ['đăng ký kinh doanh', 'so do', 'ket hon']) {
      const outcome = matcher.match(q);
      expect(outcome.results.length).toBeLessThanOrEqual(5);
      for (const r of outcome.results) {
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
      }
    }
  });
});
