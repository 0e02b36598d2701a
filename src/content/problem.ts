import path from 'node:path';

export type Severity = 'error' | 'warning';

/**
 * One thing wrong (or worth a look) in the content, located for whoever fixes it:
 * the file, the line and column in it, and the field path inside the YAML document.
 */
export interface ContentProblem {
  severity: Severity;
  file: string;
  line: number;
  column: number;
  /** Field path such as `documents.0.items.2.originals`; empty for the whole file. */
  path: string;
  /** Plain Vietnamese, for staff. */
  message: string;
  /** Stable English code from {@link problemCodes}. */
  code: ProblemCode;
}

/**
 * Every code a content problem can carry. Codes are stable and never reused: staff and tests may rely on them.
 * The README lists them (a test checks that it does).
 */
export const problemCodes = {
  yaml_syntax: 'YAML viết sai cú pháp',
  not_a_mapping: 'tệp phải là một bảng khóa: giá trị',
  required: 'thiếu trường bắt buộc',
  invalid_type: 'sai kiểu dữ liệu',
  unknown_key: 'trường không có trong mẫu (thường do gõ sai tên)',
  invalid_value: 'giá trị không nằm trong danh sách cho phép',
  invalid_format: 'sai định dạng (ngày, link, mã…)',
  too_small: 'quá ngắn hoặc quá ít mục',
  too_big: 'quá dài hoặc quá nhiều mục',
  rule: 'vi phạm quy tắc nội dung',
  duplicate_id: 'id bị trùng',
  duplicate_code: 'mã thủ tục bị trùng',
  duplicate_alias: 'cùng một tên gọi cho hai thủ tục',
  alias_place_name: 'tên gọi có tên tỉnh (câu hỏi nào nhắc tới tỉnh cũng giống thủ tục này)',
  unknown_field: 'lĩnh vực không có trong data/fields.yaml',
  unknown_reference: 'tham chiếu tới thủ tục/câu hỏi không tồn tại',
  missing_file: 'thiếu tệp bắt buộc',
  extra_file: 'tệp bị trùng vai trò hoặc không nhận ra',
  folder_mismatch: 'thư mục không khớp lĩnh vực',
  id_file_mismatch: 'id không khớp tên tệp',
  schema_ref: 'thiếu hoặc sai dòng tham chiếu JSON Schema',
  draft: 'bản nháp, chưa kiểm tra xong',
  stale: 'quá 180 ngày chưa kiểm tra lại',
  missing_source: 'thiếu link nguồn',
  unconfirmed: 'thông tin Trung tâm chưa được xác nhận',
  shadowed: 'bản nhập tự động bị hướng dẫn viết tay cùng mã thay thế',
} as const;

export type ProblemCode = keyof typeof problemCodes;

/** `file:line:column  field.path  message (code)`, the file relative to `cwd` when inside it. */
export function formatProblem(problem: ContentProblem, cwd = process.cwd()): string {
  const relative = path.relative(cwd, problem.file);
  const file = relative.startsWith('..') || path.isAbsolute(relative) ? problem.file : relative;
  const label = problem.severity === 'error' ? 'lỗi' : 'cảnh báo';
  return `${file}:${problem.line}:${problem.column}  ${problem.path || '-'}  ${label}: ${problem.message} (${problem.code})`;
}

export function countBySeverity(problems: readonly ContentProblem[]): Record<Severity, number> {
  return {
    error: problems.filter((p) => p.severity === 'error').length,
    warning: problems.filter((p) => p.severity === 'warning').length,
  };
}
