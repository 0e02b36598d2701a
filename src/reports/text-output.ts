import type { Report } from './report';
import type { Cell, Column, Table } from './tables';

export interface TextOptions {
  /** Rows shown per table; the rest are counted (the CSV files hold them all). Default 30. */
  maxRows?: number;
  /** Longest text shown in a cell, in characters; longer is cut with "…". Default 60. */
  maxCellWidth?: number;
}

/** Width on a terminal: combining marks (decomposed Vietnamese) take no column. */
function widthOf(text: string): number {
  let width = 0;
  for (const ch of text) if (!/\p{M}/u.test(ch)) width++;
  return width;
}

function cut(text: string, max: number): string {
  const chars = [...text.normalize('NFC').replace(/\s+/g, ' ')];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

function showCell(cell: Cell, column: Column, maxWidth: number): string {
  if (cell === null || cell === '') return '—';
  if (typeof cell === 'string') return cut(cell, maxWidth);
  if (column.kind === 'share') return `${Math.round(cell * 100)}%`;
  if (column.kind === 'average') return cell.toFixed(2).replace('.', ',');
  return String(cell);
}

const pad = (text: string, width: number, isRight: boolean) => {
  const fill = ' '.repeat(Math.max(0, width - widthOf(text)));
  return isRight ? fill + text : text + fill;
};

/** One table: a heading, a header row, aligned columns (numbers to the right), at most `maxRows` rows. */
export function formatTable(table: Table, options: TextOptions = {}): string[] {
  const maxRows = options.maxRows ?? 30;
  const maxWidth = options.maxCellWidth ?? 60;
  const lines = ['', table.title, '─'.repeat(Math.min(widthOf(table.title), 100))];
  if (table.rows.length === 0) return [...lines, '  (không có)'];
  const shown = table.rows
    .slice(0, maxRows)
    .map((row) => table.columns.map((column, i) => showCell(row[i] ?? null, column, maxWidth)));
  const headers = table.columns.map((c) => c.header);
  const widths = headers.map((h, i) => Math.max(widthOf(h), ...shown.map((row) => widthOf(row[i]!))));
  const isRight = table.columns.map((c) => c.kind !== 'text');
  const line = (cells: string[]) =>
    `  ${cells
      .map((c, i) => pad(c, widths[i]!, isRight[i]!))
      .join('  ')
      .trimEnd()}`;
  lines.push(line(headers), ...shown.map(line));
  const hidden = table.rows.length - shown.length;
  if (hidden > 0) lines.push(`  … và ${hidden} dòng nữa (xem đủ với --csv)`);
  return lines;
}

/** 2025-03-01 → 01/03/2025, as dates are written in Vietnam. */
const vietnameseDate = (day: string) => day.split('-').reverse().join('/');

/** The report for a terminal: a title line, then each table. */
export function formatReportText(
  report: Report,
  tables: readonly Table[],
  options: TextOptions = {},
): string {
  const lines = [
    `Báo cáo từ ${vietnameseDate(report.range.from)} đến ${vietnameseDate(report.range.to)} ` +
      `(giờ Việt Nam) — ${report.eventCount} bản ghi`,
  ];
  for (const table of tables) {
    if (table.section === 'stale' && report.stale === null)
      lines.push('', table.title, '  (không tải được nội dung: chạy `npx motcua content check` để xem lỗi)');
    else lines.push(...formatTable(table, options));
  }
  return lines.join('\n');
}
