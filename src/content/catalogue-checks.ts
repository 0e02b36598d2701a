import path from 'node:path';
import { foldVietnamese } from '../text/fold';
import type { ContentKind } from './discover';
import {
  checkCenter,
  checkIdMatchesFile,
  checkReview,
  checkSchemaReference,
  type LoadedFile,
  type Of,
} from './file-checks';
import type { ContentProblem, ProblemCode, Severity } from './problem';
import { positionOf } from './yaml-file';

export type { LoadedFile } from './file-checks';

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
  // Citizens name their province in many questions ("ở Kon Tum có…"): in an alias it matches them all.
  const province = centers[0]?.value.province.split('(')[0]!.trim();
  const provinceWords = province ? ` ${foldVietnamese(province)} ` : null;
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
      if (provinceWords && ` ${key} `.includes(provinceWords)) {
        report(
          'warning',
          f,
          ['aliases', i],
          'alias_place_name',
          `tên gọi "${alias}" có tên tỉnh "${province}": câu hỏi nào nhắc tới tỉnh cũng sẽ giống thủ tục này; nên bỏ tên tỉnh`,
        );
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
    for (const section of ['shorthand', 'abbreviations', 'translations'] as const) {
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
