import { BOM, csvField, tableToCsv, type Table } from '../../src/reports';

describe('CSV export', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('sổ đỏ')).toBe('sổ đỏ');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('nói "xin chào"')).toBe('"nói ""xin chào"""');
    expect(csvField('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField(null)).toBe('');
    expect(csvField(2.3333333)).toBe('2.333');
  });

  it('keeps a citizen text from running as a spreadsheet formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('-5')).toBe("'-5");
    expect(csvField(-5)).toBe('-5');
  });

  it('writes a BOM, a header row and CRLF rows; shares as percentages', () => {
    const table: Table = {
      name: 't',
      section: 'satisfaction',
      title: 'Bảng',
      columns: [
        { header: 'Thủ tục', kind: 'text' },
        { header: 'Lượt', kind: 'count' },
        { header: 'Hữu ích', kind: 'share' },
      ],
      rows: [
        ['Cấp lại, sổ đỏ', 3, 2 / 3],
        ['Khác', 0, null],
      ],
    };
    const csv = tableToCsv(table);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).toBe('Thủ tục,Lượt,Hữu ích (%)\r\n"Cấp lại, sổ đỏ",3,66.7\r\nKhác,0,\r\n');
  });
});
