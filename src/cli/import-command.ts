import path from 'node:path';
import { importDvcqg } from '../content/import/import-dvcqg';
import { loadCatalogue } from '../content/loader';
import { countBySeverity, formatProblem } from '../content/problem';
import { UsageError } from '../errors';
import { parseArgs } from './args';
import type { Output } from './output';
import { schemaDir, seedDataDir } from './paths';

const usage = 'Cách dùng (usage): motcua import dvcqg <tệp.jsonl[.gz]> --out <thư-mục> [--overwrite]';

/** `import dvcqg`: convert national records to draft guides, then check them together with the seed. */
export async function importCommand(argv: readonly string[], out: Output): Promise<number> {
  const args = parseArgs(argv, ['out']);
  const [source, file, ...extra] = args.positional;
  const outOption = args.options.get('out');
  if (source !== 'dvcqg' || !file || extra.length > 0 || typeof outOption !== 'string')
    throw new UsageError(usage);
  const outDir = path.resolve(outOption);
  const started = Date.now();
  const report = await importDvcqg(path.resolve(file), {
    outDir,
    schemaDir,
    today: new Date().toISOString().slice(0, 10),
    overwrite: args.options.has('overwrite'),
  });
  for (const skip of report.skipped) out.error(`${file}:${skip.line}  bỏ qua (skipped): ${skip.reason}`);
  const fields = Object.entries(report.byField)
    .sort((a, b) => b[1] - a[1])
    .map(([field, n]) => `${field} ${n}`)
    .join(', ');
  out.line(
    `Đã nhập ${report.written} thủ tục (bản nháp) vào ${outDir} trong ${Date.now() - started} ms: ${fields}.`,
  );

  const { catalogue, problems } = loadCatalogue([seedDataDir, outDir]);
  const errors = problems.filter((p) => p.severity === 'error');
  for (const problem of errors) out.line(formatProblem(problem));
  const counts = countBySeverity(problems);
  out.line(
    catalogue
      ? `Kiểm tra cùng nội dung mẫu: hợp lệ, ${catalogue.procedures.length} thủ tục; ${counts.warning} cảnh báo (xem bằng \`motcua content check ${outOption}\`).`
      : `Kiểm tra cùng nội dung mẫu: ${counts.error} lỗi.`,
  );
  return catalogue && report.skipped.length === 0 ? 0 : 1;
}
