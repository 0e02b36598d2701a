import path from 'node:path';
import { writeJsonSchemas } from '../content/json-schema';
import { loadCatalogue } from '../content/loader';
import { countBySeverity, formatProblem } from '../content/problem';
import { UsageError } from '../errors';
import { parseArgs } from './args';
import { contentDirs } from './content-dirs';
import { schemaDir } from './paths';
import type { Output } from './output';

const usage = `Cách dùng (usage):
  motcua content check [thư-mục…] [--no-warnings]   kiểm tra nội dung (mặc định: data/)
  motcua content schema [--out schema/] [--check]    tạo lại JSON Schema từ mô hình (--check: chỉ so sánh)`;

export async function contentCommand(argv: readonly string[], out: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'check') return check(rest, out);
  if (sub === 'schema') return schema(rest, out);
  throw new UsageError(usage);
}

function check(argv: readonly string[], out: Output): number {
  const args = parseArgs(argv);
  const dirs = contentDirs(args.positional);
  const showWarnings = !args.options.has('no-warnings');
  const { catalogue, problems } = loadCatalogue(dirs);
  for (const problem of problems) {
    if (problem.severity === 'error' || showWarnings) out.line(formatProblem(problem));
  }
  const counts = countBySeverity(problems);
  const summary = catalogue
    ? `${catalogue.procedures.length} thủ tục, ${catalogue.faq.length} câu hỏi thường gặp, ${catalogue.fields.length} lĩnh vực`
    : 'không nạp được nội dung (content not loaded)';
  out.line(
    `\n${dirs.join(', ')}: ${summary}; ${counts.error} lỗi (errors), ${counts.warning} cảnh báo (warnings).`,
  );
  return counts.error > 0 ? 1 : 0;
}

function schema(argv: readonly string[], out: Output): number {
  const args = parseArgs(argv, ['out']);
  const dir = path.resolve(String(args.options.get('out') ?? schemaDir));
  const isCheck = args.options.has('check');
  const changed = writeJsonSchemas(dir, isCheck);
  if (isCheck && changed.length > 0) {
    out.error(`JSON Schema cũ, chạy \`npm run schema\` (out of date): ${changed.join(', ')}`);
    return 1;
  }
  out.line(isCheck ? 'JSON Schema đã cập nhật (up to date).' : `Đã ghi ${changed.length} tệp vào ${dir}.`);
  return 0;
}
