import type { Cell, Table } from './tables';

/** Makes Excel read the file as UTF-8 (without it, Vietnamese letters come out garbled). */
export const BOM = '\uFEFF';

/**
 * One CSV field: quoted when it holds a comma, quote or line break (RFC 4180), quotes doubled. Text that
 * begins like a formula (= + - @) gets a leading apostrophe: the texts come from citizens, and Excel would
 * otherwise run "=HYPERLINK(…)" typed into the chat.
 */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(Math.round(cell * 1000) / 1000);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV: a BOM, a header row, CRLF line ends. Shares are written as percentages (66.7). */
export function tableToCsv(table: Table): string {
  const header = table.columns.map((c) => csvField(c.kind === 'share' ? `${c.header} (%)` : c.header));
  const rows = table.rows.map((row) =>
    row.map((cell, i) =>
      csvField(
        table.columns[i]?.kind === 'share' && typeof cell === 'number' ? Math.round(cell * 1000) / 10 : cell,
      ),
    ),
  );
  return BOM + [header, ...rows].map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}
