import fs from 'node:fs';
import path from 'node:path';
import type { ContentKind } from './discover';
import type { ProblemCode, Severity } from './problem';
import type { Aliases, Center, FaqEntry, Field, Messages, Procedure } from './schema';
import { confirmableCenterFields } from './schema';
import { schemaReference, type YamlFile } from './yaml-file';

/*
 * Checks of one loaded file at a time: review dates, id against file name, the JSON Schema reference and the
 * center profile's confirmations. Checks across files are in catalogue-checks.ts.
 */
/** A file that parsed and passed its schema, kept with its YAML document for locating cross-file problems. */
export type LoadedFile = { file: string; dir: string; yaml: YamlFile } & (
  | { kind: 'center'; value: Center }
  | { kind: 'fields'; value: { fields: Field[] } }
  | { kind: 'aliases'; value: Aliases }
  | { kind: 'messages'; value: Messages }
  | { kind: 'procedure'; value: Procedure }
  | { kind: 'faq'; value: FaqEntry }
);

export type Of<K extends ContentKind> = Extract<LoadedFile, { kind: K }>;

/** Content not checked for this many days is reported as stale. */
export const STALE_AFTER_DAYS = 180;

const schemaFileOf: Record<ContentKind, string> = {
  center: 'center.schema.json',
  fields: 'fields.schema.json',
  aliases: 'aliases.schema.json',
  messages: 'messages.schema.json',
  procedure: 'procedure.schema.json',
  faq: 'faq.schema.json',
};

export type Report = (
  severity: Severity,
  f: LoadedFile,
  fieldPath: readonly (string | number)[],
  code: ProblemCode,
  message: string,
) => void;

export function checkReview(
  f: LoadedFile,
  item: Pick<Procedure, 'status' | 'checked_at' | 'review_notes'>,
  today: Date,
  report: Report,
): void {
  if (item.status === 'draft') {
    report(
      'warning',
      f,
      ['status'],
      'draft',
      `bản nháp: ${item.review_notes?.[0] ?? 'chưa ghi điều gì cần kiểm tra'}`,
    );
  }
  const days = Math.floor((today.getTime() - Date.parse(item.checked_at)) / 86_400_000);
  if (days > STALE_AFTER_DAYS) {
    report(
      'warning',
      f,
      ['checked_at'],
      'stale',
      `kiểm tra lần cuối ${days} ngày trước (quá ${STALE_AFTER_DAYS} ngày): hãy đối chiếu lại`,
    );
  } else if (days < 0) {
    report('warning', f, ['checked_at'], 'stale', 'ngày kiểm tra nằm ở tương lai: có gõ nhầm năm không?');
  }
}

export function checkIdMatchesFile(f: LoadedFile, id: string, report: Report): void {
  const base = path.basename(f.file).replace(/\.ya?ml$/, '');
  if (base !== id)
    report(
      'warning',
      f,
      ['id'],
      'id_file_mismatch',
      `id "${id}" khác tên tệp "${base}"; nên đặt tên tệp là ${id}.yaml`,
    );
}

export function checkSchemaReference(f: LoadedFile, report: Report): void {
  const expected = schemaFileOf[f.kind];
  const reference = schemaReference(f.yaml.text);
  if (!reference) {
    report(
      'warning',
      f,
      [],
      'schema_ref',
      `dòng đầu nên là "# yaml-language-server: $schema=…/schema/${expected}" để trình soạn thảo gợi ý và báo lỗi`,
    );
  } else if (!reference.endsWith(`/${expected}`) && reference !== expected) {
    report('warning', f, [], 'schema_ref', `tệp này cần schema ${expected}, không phải ${reference}`);
  } else if (!/^[a-z]+:/.test(reference) && !fs.existsSync(path.resolve(path.dirname(f.file), reference))) {
    report('warning', f, [], 'schema_ref', `không tìm thấy ${reference} tính từ thư mục của tệp`);
  }
}

export function checkCenter(f: Of<'center'>, report: Report): void {
  const c = f.value;
  const valueOf: Record<(typeof confirmableCenterFields)[number], unknown> = {
    name: c.name,
    address: c.address.text,
    map_url: c.map_url,
    hotline: c.hotline,
    email: c.email,
    hours: Object.values(c.hours).some((d) => d.morning || d.afternoon) ? c.hours : null,
    holidays_note: c.holidays_note,
    portals: c.portals.provincial,
  };
  c.confirmed.forEach((field, i) => {
    if (valueOf[field] === null || valueOf[field] === undefined) {
      report(
        'error',
        f,
        ['confirmed', i],
        'rule',
        `"${field}" được đánh dấu đã xác nhận nhưng đang để trống`,
      );
    }
  });
  const unconfirmed = confirmableCenterFields.filter((field) => !c.confirmed.includes(field));
  if (unconfirmed.length > 0) {
    report(
      'warning',
      f,
      ['confirmed'],
      'unconfirmed',
      `chưa xác nhận: ${unconfirmed.join(', ')} — bot sẽ nói với người dân là chưa xác nhận và chỉ sang cổng dịch vụ công`,
    );
  }
}
