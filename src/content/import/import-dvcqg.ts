import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { ImportInputError } from '../../errors';
import { convertRecord } from './convert-record';
import { dvcqgRecordSchema } from './dvcqg-record';
import { readJsonLines } from './read-jsonl';

export interface ImportOptions {
  /** The directory the procedure files go to, as `<outDir>/procedures/<field>/<id>.yaml`. */
  outDir: string;
  /** The JSON Schema directory the files' first-line reference points to. */
  schemaDir: string;
  /** Date written as imported_at and checked_at (YYYY-MM-DD). */
  today: string;
  /** Write into a non-empty directory, replacing files of the same name. */
  overwrite?: boolean;
}

export interface ImportReport {
  written: number;
  skipped: { line: number; reason: string }[];
  byField: Record<string, number>;
}

/**
 * Convert national records (JSON lines, optionally gzip) into draft procedure files. Records that are
 * not valid JSON or lack a code, title or source are skipped and reported by line; the rest are written.
 */
export async function importDvcqg(file: string, options: ImportOptions): Promise<ImportReport> {
  const { outDir } = options;
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0 && !options.overwrite) {
    throw new ImportInputError(
      `thư mục ${outDir} không trống; thêm --overwrite để ghi đè các tệp cùng tên (directory not empty)`,
    );
  }
  const report: ImportReport = { written: 0, skipped: [], byField: {} };
  const seen = new Set<string>();
  for await (const { line, value, error } of readJsonLines(file)) {
    if (error) {
      report.skipped.push({ line, reason: error });
      continue;
    }
    const parsed = dvcqgRecordSchema.safeParse(value);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      report.skipped.push({ line, reason: `trường ${first.path.join('.') || '(bản ghi)'} không hợp lệ` });
      continue;
    }
    if (seen.has(parsed.data.ma_thu_tuc)) {
      report.skipped.push({
        line,
        reason: `mã ${parsed.data.ma_thu_tuc} đã gặp ở dòng trước (duplicate code)`,
      });
      continue;
    }
    seen.add(parsed.data.ma_thu_tuc);
    const procedure = convertRecord(parsed.data, options.today);
    const dir = path.join(outDir, 'procedures', procedure.field);
    fs.mkdirSync(dir, { recursive: true });
    const schemaPath = path
      .relative(dir, path.join(options.schemaDir, 'procedure.schema.json'))
      .split(path.sep)
      .join('/');
    const header = `# yaml-language-server: $schema=${schemaPath}\n# Nhập tự động từ ${path.basename(file)} — bản nháp, cần cán bộ kiểm tra.\n`;
    fs.writeFileSync(path.join(dir, `${procedure.id}.yaml`), header + stringify(procedure, { lineWidth: 0 }));
    report.written++;
    report.byField[procedure.field] = (report.byField[procedure.field] ?? 0) + 1;
  }
  if (report.written === 0 && report.skipped.length === 0) {
    throw new ImportInputError(`${file} không có bản ghi nào (no records)`);
  }
  return report;
}
