import { z } from 'zod';
import type { ContentProblem, ProblemCode } from './problem';
import { positionOf, type YamlFile } from './yaml-file';

const typeNames: Record<string, string> = {
  string: 'chữ (string)',
  number: 'số (number)',
  int: 'số nguyên',
  boolean: 'true/false (boolean)',
  array: 'danh sách (array)',
  object: 'bảng khóa: giá trị (object)',
  null: 'trống (null)',
  undefined: 'không có',
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Plain-Vietnamese messages for every zod issue; messages set on a schema itself take precedence. */
export const vietnameseErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'thiếu trường bắt buộc';
      return `phải là ${typeNames[issue.expected] ?? issue.expected}, đang là ${typeNames[typeOf(issue.input)] ?? typeOf(issue.input)}`;
    case 'invalid_value':
      return `giá trị ${JSON.stringify(issue.input)} không được phép; chọn một trong: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `cần ít nhất ${issue.minimum} mục`;
      if (issue.origin === 'string') return 'không được để trống';
      return `phải lớn hơn${issue.inclusive ? ' hoặc bằng' : ''} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `nhiều nhất ${issue.maximum} mục`;
      if (issue.origin === 'string') return `dài nhất ${issue.maximum} ký tự`;
      return `phải nhỏ hơn${issue.inclusive ? ' hoặc bằng' : ''} ${issue.maximum}`;
    case 'invalid_format':
      switch (issue.format) {
        case 'date':
          return 'ngày phải viết dạng YYYY-MM-DD, ví dụ 2026-11-28';
        case 'url':
          return 'link phải bắt đầu bằng http:// hoặc https://';
        case 'email':
          return 'địa chỉ e-mail không đúng dạng';
        default:
          return `sai định dạng (${issue.format})`;
      }
    case 'unrecognized_keys':
      return `trường không có trong mẫu: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'giá trị không đúng dạng nào được phép';
    default:
      return undefined;
  }
};

/** The keys a strict object accepts at a given path of a schema, for "did you mean" hints. */
export function shapeKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.core.$ZodType | undefined = schema;
  const unwrap = (s: z.core.$ZodType | undefined): z.core.$ZodType | undefined => {
    let node = s;
    for (let i = 0; i < 10 && node; i++) {
      const def = node._zod.def as unknown as Record<string, unknown>;
      if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') {
        node = def.innerType as z.core.$ZodType;
      } else if (def.type === 'pipe') {
        node = def.in as z.core.$ZodType;
      } else {
        return node;
      }
    }
    return node;
  };
  for (const segment of path) {
    current = unwrap(current);
    if (!current) return [];
    const def = current._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object' && typeof segment === 'string') {
      current = (def.shape as Record<string, z.core.$ZodType>)[segment];
    } else if (def.type === 'array' && typeof segment === 'number') {
      current = def.element as z.core.$ZodType;
    } else {
      return [];
    }
  }
  current = unwrap(current);
  const def = current?._zod.def as unknown as Record<string, unknown> | undefined;
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}

function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

function problemCode(issue: z.core.$ZodIssue, data: unknown): ProblemCode {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(data, issue.path) === undefined ? 'required' : 'invalid_type';
    case 'invalid_value':
      return 'invalid_value';
    case 'invalid_format':
      return 'invalid_format';
    case 'too_small':
      return 'too_small';
    case 'too_big':
      return 'too_big';
    case 'custom':
      return 'rule';
    default:
      return 'invalid_type';
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

/**
 * Validate a parsed YAML file against a schema. Returns the parsed value, or every problem found
 * (all of them, not the first), each located at its line.
 */
export function validateYaml<S extends z.ZodType>(
  schema: S,
  yaml: YamlFile,
): { value: z.output<S>; problems: [] } | { value: null; problems: ContentProblem[] } {
  const result = schema.safeParse(yaml.data, { error: vietnameseErrors, reportInput: true });
  if (result.success) return { value: result.data, problems: [] };
  const problems: ContentProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = shapeKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const guess = closest(key, allowed);
        problems.push({
          severity: 'error',
          ...positionOf(yaml, path),
          file: yaml.file,
          path: path.join('.'),
          message:
            `trường "${key}" không có trong mẫu` +
            (guess
              ? `; có phải ý bạn là "${guess}"?`
              : allowed.length
                ? ` (dùng được: ${allowed.join(', ')})`
                : ''),
          code: 'unknown_key',
        });
      }
      continue;
    }
    problems.push({
      severity: 'error',
      ...positionOf(yaml, issue.path),
      file: yaml.file,
      path: issue.path.join('.'),
      message: issue.message,
      code: problemCode(issue, yaml.data),
    });
  }
  return { value: null, problems };
}
