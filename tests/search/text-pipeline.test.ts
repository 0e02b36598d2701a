import { cuePositions, detectAspect } from '../../src/search/aspect';
import { isPossibleSyllable } from '../../src/search/syllable';
import { contextCandidates } from '../../src/search/context-repair';
import { editDistance, telexCandidates } from '../../src/search/spelling-corrector';
import { Expander } from '../../src/search/expansions';
import { tokenize } from '../../src/search/tokenize';
import { questionVerbClasses, titleVerbClass } from '../../src/search/verbs';
import { foldVietnamese } from '../../src/text/fold';

describe('Vietnamese text', () => {
  it('reads NFC and NFD alike, and folds đ, which Unicode does not decompose', () => {
    const nfc = 'Đổi giấy phép lái xe'.normalize('NFC');
    const nfd = 'Đổi giấy phép lái xe'.normalize('NFD');
    expect(tokenize(nfd)).toEqual(tokenize(nfc));
    expect(tokenize(nfc).folded).toEqual(['doi', 'giay', 'phep', 'lai', 'xe']);
    expect(foldVietnamese('Sổ Đỏ!')).toBe('so do');
  });

  it('drops markup, emoji and control characters, and bounds the length', () => {
    expect(tokenize('<b>sổ đỏ</b> 😀\u0000\u202e').folded).toEqual(['so', 'do']);
    expect(tokenize('a '.repeat(100_000)).folded.length).toBeLessThanOrEqual(250);
  });

  it('undoes Telex typed with the Vietnamese keyboard off', () => {
    expect(telexCandidates('ddawngs')).toContain('dang');
    expect(telexCandidates('kys')).toContain('ky');
  });

  it('tells a possible syllable from a typo', () => {
    expect(['tiet', 'nghieng', 'khuyen', 'quyen'].every(isPossibleSyllable)).toBe(true);
    expect(['thanhf', 'phpe', 'gplx'].some(isPossibleSyllable)).toBe(false);
  });
});

describe('typos and short forms', () => {
  it('proposes the slips of pronunciation and haste for a syllable, one at a time', () => {
    expect(contextCandidates('cuot')).toContain('cuoc'); // final t/c
    expect(contextCandidates('chiu')).toContain('chieu'); // a nucleus letter left out
    expect(contextCandidates('xinh')).toContain('sinh'); // s/x
    expect(contextCandidates('kin')).toContain('kinh'); // n/nh
    expect(contextCandidates('chu')).toContain('tru'); // ch/tr
    expect(contextCandidates('tiet')).not.toContain('tien'); // a coda is not swapped across groups
    expect(contextCandidates('cuot')).not.toContain('cuot');
    expect(contextCandidates('gplx').size).toBe(0);
  });

  it('counts edits the way typos happen: a letter dropped, added, changed, or two swapped', () => {
    expect(editDistance('phpe', 'phep')).toBe(1);
    expect(editDistance('xog', 'xong')).toBe(1);
    expect(editDistance('thanh', 'thanh')).toBe(0);
    // fuse.js alone finds "queue" close to this gibberish; two edits on six letters is not a typo.
    expect(editDistance('queqwe', 'queue')).toBe(2);
  });

  it('resolves an ambiguous short form by the word next to it, and leaves it when nothing tells', () => {
    const expander = new Expander({
      shorthand: [],
      abbreviations: [],
      folk_names: [],
      off_topic: [],
      translations: [],
      ambiguous_shorthand: [{ from: ['dk', 'đk'], to: ['đăng ký', 'điều kiện'] }],
    });
    const names = new Set(['ky_ho', 'kien_kinh']);
    const knownPair = (a: string, b: string) => names.has(`${a}_${b}`);
    expect(expander.expand(tokenize('đk hộ kinh doanh'), knownPair).folded.join(' ')).toBe(
      'dang ky ho kinh doanh',
    );
    expect(expander.expand(tokenize('du dk kinh doanh'), knownPair).folded.join(' ')).toBe(
      'du dieu kien kinh doanh',
    );
    expect(expander.expand(tokenize('dk xong roi'), knownPair).folded.join(' ')).toBe('dk xong roi');
    expect(expander.shortForms.has('dk')).toBe(true);
  });
});

describe('aspect of a question', () => {
  it('marks only the words inside a cue: "mất" asks the time in "mất bao lâu", not in "mất bằng lái"', () => {
    expect(cuePositions('lam lai mat bao lau'.split(' '))).toEqual([false, false, true, true, true]);
    expect(cuePositions('mat bang lai xe'.split(' '))).toEqual([false, false, false, false]);
    expect(cuePositions('ho so gom nhung gi'.split(' ')).slice(0, 3)).toEqual([true, true, true]);
  });

  it.each([
    ['doi bang lai het bao nhieu tien', 'fee'],
    ['lam so do mat bao lau', 'time'],
    ['nop ly lich tu phap o dau', 'place'],
    ['dang ky kinh doanh truc tuyen duoc khong', 'online'],
    ['ket hon can giay to gi', 'documents'],
    ['tach thua lam the nao', 'steps'],
    ['mau to khai cap ho chieu', 'forms'],
    ['how much is the visa fee', 'fee'],
    ['so do', null],
  ])('"%s" asks %s', (question, aspect) => {
    expect(detectAspect(question)).toBe(aspect);
  });
});

describe("citizens' verbs and the title convention", () => {
  it('reads the verb class of titles', () => {
    expect(titleVerbClass('cap lai giay chung nhan do bi mat')).toBe('reissue');
    expect(titleVerbClass('doi giay phep lai xe')).toBe('renew');
    expect(titleVerbClass('cap giay phep lai xe')).toBeNull();
  });

  it('does not read a relative who died ("bố tôi mất") as a lost paper', () => {
    expect(questionVerbClasses('bo toi mat de lai manh dat co so do').has('reissue')).toBe(false);
    expect(questionVerbClasses('ong noi moi mat').has('reissue')).toBe(false);
    expect(questionVerbClasses('em bi mat so do').has('reissue')).toBe(true);
  });

  it('maps what citizens say, and does not read "mất bao lâu" (it takes) as "mất" (lost)', () => {
    expect(questionVerbClasses('bi mat bang lai')).toEqual(new Set(['reissue']));
    expect(questionVerbClasses('bang lai het han')).toEqual(new Set(['renew']));
    expect(questionVerbClasses('doi bang lai mat bao lau')).toEqual(new Set(['renew']));
    expect(questionVerbClasses('thay doi dia chi cong ty').has('renew')).toBe(false);
  });
});
