import fs from 'node:fs';
import path from 'node:path';
import { foldVietnamese } from '../text/fold';
import type { ContentKind } from './discover';
import type { ContentProblem, ProblemCode, Severity } from './problem';
import type { Aliases, Center, FaqEntry, Field, Procedure } from './schema';
import { confirmableCenterFields } from './schema';
import { positionOf, schemaReference, type YamlFile } from './yaml-file';

/** A file that parsed and passed its schema, kept with its YAML document for locating cross-file problems. */
export type LoadedFile = { file: string; dir: string; yaml: YamlFile } & (
  | { kind: 'center'; value: Center }
  | { kind: 'fields'; value: { fields: Field[] } }
  | { kind: 'aliases'; value: Aliases }
  | { kind: 'procedure'; value: Procedure }
  | { kind: 'faq'; value: FaqEntry }
);

type Of<K extends ContentKind> = Extract<LoadedFile, { kind: K }>;

/** Content not checked for this many days is reported as stale. */
export const STALE_AFTER_DAYS = 180;

const schemaFileOf: Record<ContentKind, string> = {
  center: 'center.schema.json',
  fields: 'fields.schema.json',
  aliases: 'aliases.schema.json',
  procedure: 'procedure.schema.json',
  faq: 'faq.schema.json',
};

/**
 * Checks that need more than one file: unique ids and codes, references between files, fields, the
 * center profile's confirmations, and the warnings staff act on (drafts, stale dates, missing sources).
 * An imported record whose code a hand-written guide already has is shadowed (dropped), not an error.
 */
export function checkCatalogue(
  loaded: readonly LoadedFile[],
  options: { today: Date },
): { problems: ContentProblem[]; shadowed: Set<string> } {
  const problems: ContentProblem[] = [];
  const report = (
    severity: Severity,
    f: LoadedFile,
    fieldPath: readonly (string | number)[],
    code: ProblemCode,
    message: string,
  ) =>
    problems.push({
      severity,
      file: f.file,
      ...positionOf(f.yaml, fieldPath),
      path: fieldPath.join('.'),
      message,
      code,
    });

  const ofKind = <K extends ContentKind>(kind: K) => loaded.filter((f): f is Of<K> => f.kind === kind);
  const centers = ofKind('center');
  const fieldFiles = ofKind('fields');
  const aliasFiles = ofKind('aliases');
  const procedures = ofKind('procedure');
  const faqs = ofKind('faq');

  for (const files of [centers, fieldFiles, aliasFiles]) {
    for (const extra of files.slice(1)) {
      report(
        'error',
        extra,
        [],
        'extra_file',
        `đã có ${path.basename(files[0]!.file)} ở ${files[0]!.file}; chỉ được có một`,
      );
    }
  }

  for (const f of loaded) checkSchemaReference(f, report);

  const fieldIds = new Set<string>();
  for (const f of fieldFiles) {
    f.value.fields.forEach((field, i) => {
      if (fieldIds.has(field.id))
        report('error', f, ['fields', i, 'id'], 'duplicate_id', `lĩnh vực "${field.id}" bị trùng`);
      fieldIds.add(field.id);
    });
  }

  for (const f of centers) checkCenter(f, report);

  // Ids and codes. Hand-written guides (no `import`) win over imported records of the same code.
  const shadowed = new Set<string>();
  const handWrittenCodes = new Map<string, Of<'procedure'>>();
  for (const f of procedures) {
    if (f.value.import || !f.value.ma_thu_tuc) continue;
    const first = handWrittenCodes.get(f.value.ma_thu_tuc);
    if (first) {
      report(
        'error',
        f,
        ['ma_thu_tuc'],
        'duplicate_code',
        `mã ${f.value.ma_thu_tuc} đã dùng cho "${first.value.id}" (${first.file})`,
      );
    } else {
      handWrittenCodes.set(f.value.ma_thu_tuc, f);
    }
  }
  const importedCodes = new Map<string, Of<'procedure'>>();
  for (const f of procedures) {
    const code = f.value.ma_thu_tuc;
    if (!f.value.import || !code) continue;
    const guide = handWrittenCodes.get(code);
    if (guide) {
      shadowed.add(f.file);
      report(
        'warning',
        f,
        ['ma_thu_tuc'],
        'shadowed',
        `bỏ qua bản nhập này: hướng dẫn "${guide.value.id}" đã có mã ${code}`,
      );
      continue;
    }
    const first = importedCodes.get(code);
    if (first) report('error', f, ['ma_thu_tuc'], 'duplicate_code', `mã ${code} đã có ở ${first.file}`);
    else importedCodes.set(code, f);
  }
  const active = procedures.filter((f) => !shadowed.has(f.file));
  const procedureIds = new Map<string, Of<'procedure'>>();
  for (const f of active) {
    const first = procedureIds.get(f.value.id);
    if (first) report('error', f, ['id'], 'duplicate_id', `id "${f.value.id}" đã dùng ở ${first.file}`);
    else procedureIds.set(f.value.id, f);
  }
  const codes = new Set([...handWrittenCodes.keys(), ...importedCodes.keys()]);

  const aliasOwner = new Map<string, string>();
  for (const f of active) {
    const p = f.value;
    if (fieldIds.size > 0 && !fieldIds.has(p.field)) {
      report(
        'error',
        f,
        ['field'],
        'unknown_field',
        `không có lĩnh vực "${p.field}" trong fields.yaml (có: ${[...fieldIds].join(', ')})`,
      );
    }
    const folder = path.relative(path.join(f.dir, 'procedures'), path.dirname(f.file)).split(path.sep)[0];
    if (folder !== p.field) {
      report(
        'warning',
        f,
        ['field'],
        'folder_mismatch',
        `tệp nằm trong thư mục "${folder || '.'}" nhưng lĩnh vực là "${p.field}"`,
      );
    }
    checkIdMatchesFile(f, p.id, report);
    p.related.forEach((id, i) => {
      if (!procedureIds.has(id))
        report('error', f, ['related', i], 'unknown_reference', `không có thủ tục id "${id}"`);
    });
    p.aliases.forEach((alias, i) => {
      const key = foldVietnamese(alias);
      const owner = aliasOwner.get(key);
      if (owner && owner !== p.id) {
        report(
          'warning',
          f,
          ['aliases', i],
          'duplicate_alias',
          `tên gọi "${alias}" cũng là của thủ tục "${owner}"; nên ghi vào folk_names trong aliases.yaml`,
        );
      } else {
        aliasOwner.set(key, p.id);
      }
    });
    checkReview(f, p, options.today, report);
    p.channels.forEach((channel, i) => {
      const until = channel.fee.valid_until;
      if (until && Date.parse(until) < options.today.getTime()) {
        report(
          'warning',
          f,
          ['channels', i, 'fee', 'valid_until'],
          'stale',
          `mức phí này chỉ áp dụng đến ${until}: hãy cập nhật`,
        );
      }
    });
    if (!p.source_url)
      report('warning', f, ['source_url'], 'missing_source', 'chưa có link thủ tục trên dichvucong.gov.vn');
  }

  const faqIds = new Map<string, Of<'faq'>>();
  for (const f of faqs) {
    const first = faqIds.get(f.value.id);
    if (first) report('error', f, ['id'], 'duplicate_id', `id "${f.value.id}" đã dùng ở ${first.file}`);
    else faqIds.set(f.value.id, f);
  }
  for (const f of faqs) {
    checkIdMatchesFile(f, f.value.id, report);
    f.value.follow_ups.forEach((follow, i) => {
      if (follow.procedure && !procedureIds.has(follow.procedure)) {
        report(
          'error',
          f,
          ['follow_ups', i, 'procedure'],
          'unknown_reference',
          `không có thủ tục id "${follow.procedure}"`,
        );
      }
      if (follow.faq && !faqIds.has(follow.faq)) {
        report(
          'error',
          f,
          ['follow_ups', i, 'faq'],
          'unknown_reference',
          `không có câu hỏi id "${follow.faq}"`,
        );
      }
    });
    checkReview(f, f.value, options.today, report);
  }

  for (const f of aliasFiles) {
    f.value.folk_names.forEach((folk, i) => {
      folk.procedures.forEach((ref, j) => {
        if (!procedureIds.has(ref) && !codes.has(ref)) {
          report(
            'warning',
            f,
            ['folk_names', i, 'procedures', j],
            'unknown_reference',
            `"${ref}" không phải id hay mã của thủ tục nào trong nội dung`,
          );
        }
      });
    });
    for (const section of ['shorthand', 'abbreviations'] as const) {
      const meaning = new Map<string, string>();
      f.value[section].forEach((entry, i) => {
        entry.from.forEach((short, j) => {
          const key = foldVietnamese(short);
          const previous = meaning.get(key);
          if (previous !== undefined && previous !== entry.to) {
            report(
              'error',
              f,
              [section, i, 'from', j],
              'rule',
              `"${short}" đã có nghĩa "${previous}"; một chữ viết tắt chỉ được một nghĩa`,
            );
          }
          meaning.set(key, entry.to);
        });
      });
    }
  }

  return { problems, shadowed };
}

type Report = (
  severity: Severity,
  f: LoadedFile,
  fieldPath: readonly (string | number)[],
  code: ProblemCode,
  message: string,
) => void;

function checkReview(
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

function checkIdMatchesFile(f: LoadedFile, id: string, report: Report): void {
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

function checkSchemaReference(f: LoadedFile, report: Report): void {
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

function checkCenter(f: Of<'center'>, report: Report): void {
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
