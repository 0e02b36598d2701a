import fs from 'node:fs';
import path from 'node:path';
import { ContentError } from '../errors';
import type { Catalogue } from './catalogue';
import { checkCatalogue, type LoadedFile } from './catalogue-checks';
import type { Of } from './file-checks';
import { discoverContent, type ContentKind } from './discover';
import type { ContentProblem } from './problem';
import {
  aliasesSchema,
  centerSchema,
  messagesSchema,
  faqSchema,
  fieldsSchema,
  procedureSchema,
  type Aliases,
  type Center,
  type FaqEntry,
  type Field,
  type Procedure,
} from './schema';
import { validateYaml } from './validate';
import { parseYamlFile } from './yaml-file';

export interface LoadOptions {
  /** "Today" for the staleness check; tests pin it. */
  today?: Date;
}

export interface LoadResult {
  /** The catalogue, or null when any error was found: a catalogue is never half-loaded. */
  catalogue: Catalogue | null;
  /** Every error and warning, in file order. */
  problems: ContentProblem[];
}

const schemas = {
  center: centerSchema,
  fields: fieldsSchema,
  aliases: aliasesSchema,
  messages: messagesSchema,
  procedure: procedureSchema,
  faq: faqSchema,
} as const;

function readOne(
  kind: ContentKind,
  file: string,
  dir: string,
): { loaded?: LoadedFile; problems: ContentProblem[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e: unknown) {
    const reason = e instanceof Error ? e.message : String(e);
    return {
      problems: [
        {
          severity: 'error',
          file,
          line: 1,
          column: 1,
          path: '',
          message: `không đọc được tệp: ${reason}`,
          code: 'missing_file',
        },
      ],
    };
  }
  const parsed = parseYamlFile(file, text);
  if (!parsed.yaml) return { problems: parsed.problems };
  if (parsed.yaml.data === null || typeof parsed.yaml.data !== 'object' || Array.isArray(parsed.yaml.data)) {
    return {
      problems: [
        {
          severity: 'error',
          file,
          line: 1,
          column: 1,
          path: '',
          message: 'tệp phải là một bảng "khóa: giá trị" (không phải danh sách hay một giá trị đơn)',
          code: 'not_a_mapping',
        },
      ],
    };
  }
  const checked = validateYaml(schemas[kind], parsed.yaml);
  if (!checked.value) return { problems: checked.problems };
  return { loaded: { kind, file, dir, yaml: parsed.yaml, value: checked.value } as LoadedFile, problems: [] };
}

/**
 * Load and check the content of several directories, in priority order (the seed `data/` first, then
 * e.g. an imported directory). Every file is validated and every problem collected before deciding:
 * with any error the catalogue is null, so a caller never serves half a catalogue.
 */
export function loadCatalogue(dirs: readonly string[], options: LoadOptions = {}): LoadResult {
  const problems: ContentProblem[] = [];
  const loaded: LoadedFile[] = [];
  const found = new Set<ContentKind>();
  for (const dir of dirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      problems.push({
        severity: 'error',
        file: dir,
        line: 1,
        column: 1,
        path: '',
        message: 'không tìm thấy thư mục nội dung',
        code: 'missing_file',
      });
      continue;
    }
    const { files, unknown } = discoverContent(dir);
    for (const file of unknown) {
      problems.push({
        severity: 'warning',
        file,
        line: 1,
        column: 1,
        path: '',
        message:
          'tệp không thuộc loại nào (center.yaml, fields.yaml, aliases.yaml, messages.yaml, procedures/, faq/) nên không được đọc',
        code: 'extra_file',
      });
    }
    for (const { kind, file } of files) {
      found.add(kind);
      const result = readOne(kind, file, dir);
      problems.push(...result.problems);
      if (result.loaded) loaded.push(result.loaded);
    }
  }
  for (const kind of ['center', 'fields', 'aliases'] as const) {
    if (!found.has(kind) && dirs.length > 0) {
      problems.push({
        severity: 'error',
        file: path.join(dirs[0]!, `${kind}.yaml`),
        line: 1,
        column: 1,
        path: '',
        message: `thiếu tệp ${kind}.yaml (không thư mục nội dung nào có)`,
        code: 'missing_file',
      });
    }
  }
  const checked = checkCatalogue(loaded, { today: options.today ?? new Date() });
  problems.push(...checked.problems);
  if (problems.some((p) => p.severity === 'error')) return { catalogue: null, problems };

  const single = <T>(kind: ContentKind): T => loaded.find((f) => f.kind === kind)!.value as T;
  const procedures = loaded.filter((f) => f.kind === 'procedure' && !checked.shadowed.has(f.file));
  const faq = loaded.filter((f) => f.kind === 'faq');
  const fileOf = new Map<string, string>();
  for (const f of procedures) fileOf.set(`procedure:${(f.value as Procedure).id}`, f.file);
  for (const f of faq) fileOf.set(`faq:${(f.value as FaqEntry).id}`, f.file);
  const procedureList = procedures.map((f) => f.value as Procedure);
  const catalogue: Catalogue = {
    center: single<Center>('center'),
    fields: single<{ fields: Field[] }>('fields').fields,
    aliases: single<Aliases>('aliases'),
    messages: loaded.find((f): f is Of<'messages'> => f.kind === 'messages')?.value ?? null,
    procedures: procedureList,
    faq: faq.map((f) => f.value as FaqEntry),
    procedureById: new Map(procedureList.map((p) => [p.id, p])),
    procedureByCode: new Map(procedureList.filter((p) => p.ma_thu_tuc).map((p) => [p.ma_thu_tuc!, p])),
    faqById: new Map(faq.map((f) => [(f.value as FaqEntry).id, f.value as FaqEntry])),
    fileOf,
    dirs: dirs.map((d) => path.resolve(d)),
  };
  return { catalogue, problems };
}

/** Like {@link loadCatalogue}, but throws a {@link ContentError} listing every problem when there is an error. */
export function loadCatalogueOrThrow(dirs: readonly string[], options: LoadOptions = {}): Catalogue {
  const { catalogue, problems } = loadCatalogue(dirs, options);
  if (!catalogue) throw new ContentError(problems);
  return catalogue;
}
