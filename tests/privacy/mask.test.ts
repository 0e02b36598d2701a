import { hashUserKey, maskPersonalData } from '../../src/privacy/mask';

describe('maskPersonalData: phone numbers', () => {
  it.each([
    ['0905123489', '[số điện thoại …89]'],
    ['0905 123 489', '[số điện thoại …89]'],
    ['0905.123.489', '[số điện thoại …89]'],
    ['0905-123-489', '[số điện thoại …89]'],
    ['090 512 3489', '[số điện thoại …89]'],
    ['09 05 12 34 89', '[số điện thoại …89]'],
    ['0905\u00a0123\u00a0489', '[số điện thoại …89]'],
    ['+84905123489', '[số điện thoại …89]'],
    ['+84 905 123 489', '[số điện thoại …89]'],
    ['+84-905-123-489', '[số điện thoại …89]'],
    ['+84.905.123.489', '[số điện thoại …89]'],
    ['(+84) 905 123 489', '[số điện thoại …89]'],
    ['(+84)905123489', '[số điện thoại …89]'],
    ['84905123489', '[số điện thoại …89]'],
    ['84 905 123 489', '[số điện thoại …89]'],
    ['+84 905123489', '[số điện thoại …89]'],
    ['0236 3822 189', '[số điện thoại …89]'],
    ['02363822189', '[số điện thoại …89]'],
    ['+84 236 3822 189', '[số điện thoại …89]'],
    ['0386123456', '[số điện thoại …56]'],
    ['0776 543 210', '[số điện thoại …10]'],
  ])('%s → %s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it.each([
    ['sđt 0905123456 nhé', 'sđt [số điện thoại …56] nhé'],
    ['sđt:0905123456', 'sđt:[số điện thoại …56]'],
    ['sđt0905123456nhé', 'sđt[số điện thoại …56]nhé'],
    ['Số của tôi là 0905.123.456, gọi giúp em', 'Số của tôi là [số điện thoại …56], gọi giúp em'],
    [
      'gọi 0905 123 456 hoặc 0914-222-333 đều được',
      'gọi [số điện thoại …56] hoặc [số điện thoại …33] đều được',
    ],
    ['(0905123456)', '([số điện thoại …56])'],
    ['0905123456-0914222333', '[số điện thoại …56]-[số điện thoại …33]'],
    ['em sinh năm 1990 sđt 0905 123 456', 'em sinh năm 1990 sđt [số điện thoại …56]'],
    ['năm 2025 0905 123 456', 'năm 2025 [số điện thoại …56]'],
    ['có 3 0905123456', 'có 3 [số điện thoại …56]'],
    ['0905123456 2 lần rồi', '[số điện thoại …56] 2 lần rồi'],
    ['Liên hệ: +84 905 123 456.', 'Liên hệ: [số điện thoại …56].'],
    ['SĐT 0905123456.', 'SĐT [số điện thoại …56].'],
  ])('inside a sentence: %s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });
});

describe('maskPersonalData: ID numbers', () => {
  it.each([
    ['001203004123', '[số định danh …123]'],
    ['001 203 004 123', '[số định danh …123]'],
    ['001.203.004.123', '[số định danh …123]'],
    ['001-203-004-123', '[số định danh …123]'],
    ['0012 0300 4123', '[số định danh …123]'],
    ['001203 004123', '[số định danh …123]'],
    ['123456789', '[số định danh …789]'],
    ['123 456 789', '[số định danh …789]'],
    ['123.456.789', '[số định danh …789]'],
  ])('%s → %s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it.each([
    ['CCCD của tôi 001203004123 bị mất', 'CCCD của tôi [số định danh …123] bị mất'],
    ['cccd:001203004123', 'cccd:[số định danh …123]'],
    ['CMND số 123.456.789 cấp năm 2010', 'CMND số [số định danh …789] cấp năm 2010'],
    ['căn cước 079 095 001 234, sđt 0905123456', 'căn cước [số định danh …234], sđt [số điện thoại …56]'],
  ])('inside a sentence: %s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });
});

describe('maskPersonalData: e-mail and passport', () => {
  it.each([
    ['nguyenvana@gmail.com', '[email]'],
    ['gửi về Nguyen.Van-A+hs@sub.example.gov.vn nhé', 'gửi về [email] nhé'],
    ['email:an0905123456@yahoo.com.vn', 'email:[email]'],
    ['hộ chiếu C1234567', 'hộ chiếu [số hộ chiếu …67]'],
    ['hộ chiếu số B12345678 hết hạn', 'hộ chiếu số [số hộ chiếu …78] hết hạn'],
    ['passport n1234567.', 'passport [số hộ chiếu …67].'],
  ])('%s → %s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });
});

describe('maskPersonalData: numbers about procedures stay', () => {
  it.each([
    'năm 2025',
    'lệ phí 50.000 đồng',
    'lệ phí 1.500.000đ',
    'phí 1.500.000 VNĐ một lần',
    'tiền phạt 150.000.000 đồng',
    'tiền phạt 150.000.000đ',
    'khoảng 120.000.000',
    'khoảng 120 000 000',
    'hết 2.500.000.000 đồng',
    'tổng 123.456.789 đồng',
    'mã thủ tục 1.013978',
    'thủ tục 2.001583 và 1.001612',
    'mã 1.001612.000.00.00.H12',
    'hồ sơ G22.49-240115-0012',
    'hồ sơ 000.00.04.H57-240521-0003',
    'hẹn ngày 12/3/2025',
    'ngày 12-03-2025 lúc 8:30',
    'ngày 12.03.2025',
    'nhà 3 tầng, 120 m2',
    'tổng đài 1900 1234 hoặc 1022',
    'số 50 đường Lê Lợi',
    'mất 15 ngày làm việc',
    'điểm 8.5',
    'giấy phép số 12/2024/QĐ-UBND',
    'nghị định 123/2015/NĐ-CP',
    'khoảng 10 - 15 ngày',
    '1234567',
    'H12345',
    'AB1234567',
  ])('%s', (input) => {
    expect(maskPersonalData(input)).toBe(input);
  });

  it('leaves decomposed (NFD) Vietnamese alone and still masks in it', () => {
    const fee = 'lệ phí 150.000.000 đồng'.normalize('NFD');
    expect(maskPersonalData(fee)).toBe(fee);
    const phone = 'số điện thoại 0905123456'.normalize('NFD');
    expect(maskPersonalData(phone)).toBe(`${'số điện thoại '.normalize('NFD')}[số điện thoại …56]`);
  });
});

/** A small seeded generator (mulberry32): the property runs on the same texts every time. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const personal = [
  '0905123456',
  '0905 123 456',
  '0905.123.456',
  '0905-123-456',
  '+84 905 123 456',
  '84905123456',
  '(+84) 905123456',
  '001203004123',
  '001 203 004 123',
  '123.456.789',
  'an.nguyen@gmail.com',
  'C1234567',
];
const ordinary = [
  '2025',
  '50.000 đồng',
  '1.500.000đ',
  '1.013978',
  '12/3/2025',
  '3 tầng',
  'sđt',
  'nhé',
  'CCCD',
  'lệ phí',
  'gọi',
  '[số điện thoại …56]',
  '…',
  '-',
  '.',
  '+',
  '(',
  ')',
  '7',
  '12',
];
const joiners = [' ', ' ', ' ', '', ', ', ':', '.', '-', '\u00a0'];

describe('maskPersonalData: properties', () => {
  const next = random(20250301);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const texts = Array.from({ length: 2000 }, () =>
    Array.from({ length: 1 + Math.floor(next() * 8) }, () => pick(next() < 0.3 ? personal : ordinary)).reduce(
      (text, part) => text + pick(joiners) + part,
      '',
    ),
  );

  it('is idempotent: masked text masks to itself', () => {
    for (const text of texts) {
      const once = maskPersonalData(text);
      expect({ text, twice: maskPersonalData(once) }).toEqual({ text, twice: once });
    }
  });

  it('leaves no personal number whole when it stands apart by spaces', () => {
    for (let n = 0; n < 500; n++) {
      const parts = Array.from({ length: 4 }, () => pick(ordinary.slice(0, 10)));
      const secret = pick(personal);
      parts.splice(Math.floor(next() * parts.length), 0, secret);
      const masked = maskPersonalData(parts.join(' '));
      expect({ masked, leaked: masked.includes(secret) }).toEqual({ masked, leaked: false });
    }
  });
});

describe('hashUserKey', () => {
  it('is 16 hex characters, stable for the same input', () => {
    const key = hashUserKey('zalo', '123456', 'salt');
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(hashUserKey('zalo', '123456', 'salt')).toBe(key);
  });

  it('differs by channel, user and salt', () => {
    const key = hashUserKey('zalo', '123456', 'salt');
    expect(hashUserKey('telegram', '123456', 'salt')).not.toBe(key);
    expect(hashUserKey('zalo', '123457', 'salt')).not.toBe(key);
    expect(hashUserKey('zalo', '123456', 'pepper')).not.toBe(key);
  });

  it('does not confuse where channel ends and user begins', () => {
    expect(hashUserKey('ab', 'c', 's')).not.toBe(hashUserKey('a', 'bc', 's'));
  });
});
