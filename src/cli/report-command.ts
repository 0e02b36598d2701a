import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadDotEnv, readServeConfig, redisTarget } from '../config/config';
import { loadCatalogue } from '../content/loader';
import { UsageError } from '../errors';
import { createEventLog, type StoredEvent } from '../events';
import {
  buildReport,
  formatReportText,
  isCalendarDate,
  lastDays,
  rangeBounds,
  type ReportRange,
  type ReportSection,
  reportSections,
  reportTables,
  tableToCsv,
} from '../reports';
import { parseArgs } from './args';
import { contentDirs } from './content-dirs';
import type { Output } from './output';

/** What tests pin; the command itself reads the process's environment and clock. */
export interface ReportCommandOptions {
  env?: NodeJS.ProcessEnv;
  now?: Date;
  /** Where `.env` is looked for; default the working directory. */
  cwd?: string;
  /** The Redis key prefix of the event stream; default the server's ('motcua:'). */
  redisPrefix?: string;
}

/** The same choice as `serve`: one Redis URL, or Sentinel. */

function dateOption(value: string | true | undefined, name: 'from' | 'to'): string | undefined {
  if (value === undefined) return undefined;
  if (value === true || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new UsageError(
      `--${name} phải là một ngày dạng YYYY-MM-DD, ví dụ 2025-03-01 (got ${value === true ? 'nothing' : `"${value}"`})`,
    );
  if (!isCalendarDate(value))
    throw new UsageError(`--${name}: ngày ${value} không có trên lịch (no such date)`);
  return value;
}

/** The range asked for; without --from, the 30 days up to --to (default today). */
export function reportRange(options: ReadonlyMap<string, string | true>, now: Date): ReportRange {
  const from = dateOption(options.get('from'), 'from');
  const to = dateOption(options.get('to'), 'to');
  const range = lastDays(to ? new Date(Date.parse(`${to}T12:00:00+07:00`)) : now);
  if (from) range.from = from;
  if (to) range.to = to;
  if (from && !to && from > range.to) range.to = from;
  if (range.from > range.to)
    throw new UsageError(`--from (${range.from}) phải trước hoặc bằng --to (${range.to}) (from is after to)`);
  return range;
}

function sectionsOption(value: string | true | undefined): ReportSection[] {
  if (value === undefined || value === 'all') return [...reportSections];
  const names = value === true ? [] : value.split(',').map((s) => s.trim());
  const allowed: readonly string[] = reportSections;
  const wrong = names.filter((n) => !allowed.includes(n));
  if (names.length === 0 || wrong.length > 0)
    throw new UsageError(
      `--section không có "${wrong.join(', ') || value}"; chọn một trong: ${reportSections.join(', ')}, all`,
    );
  return names as ReportSection[];
}

/**
 * `motcua report`: what citizens could not find and how satisfied they were, over a range of days, from the
 * events the server records (Redis when configured, else EVENTS_FILE or var/events.jsonl) and the content
 * the server loads. Prints a Vietnamese report, or with --csv writes one CSV file per table.
 */
export async function reportCommand(
  argv: readonly string[],
  out: Output,
  options: ReportCommandOptions = {},
): Promise<number> {
  const { positional, options: args } = parseArgs(argv, ['from', 'to', 'csv', 'section']);
  const known = new Set(['from', 'to', 'csv', 'section']);
  const unknown = [...args.keys()].filter((name) => !known.has(name));
  if (positional.length > 0 || unknown.length > 0)
    throw new UsageError(
      `report không nhận ${[...positional, ...unknown.map((n) => `--${n}`)].join(' ')}\n` +
        'Cách dùng: motcua report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv <thư-mục>] [--section …]',
    );
  const now = options.now ?? new Date();
  const range = reportRange(args, now);
  const sections = sectionsOption(args.get('section'));
  const csvDir = args.get('csv');
  if (csvDir === true) throw new UsageError('--csv cần một thư mục (needs a directory)');

  const env = options.env ?? process.env;
  loadDotEnv(options.cwd, env);
  const config = readServeConfig(env);
  const { catalogue, problems } = loadCatalogue(contentDirs(config.contentDirs), { today: now });
  if (!catalogue) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    out.error(
      `motcua: nội dung có ${errors} lỗi, báo cáo hiện mã thủ tục thay cho tên và bỏ phần nội dung cần xem ` +
        '(content has errors; run `npx motcua content check`).',
    );
  }
  const redis = redisTarget(config);
  const log = createEventLog({
    ...(redis ? { redisUrl: redis } : {}),
    file: config.eventsFile ?? undefined,
    ...(options.redisPrefix ? { prefix: options.redisPrefix } : {}),
  });
  let events: StoredEvent[];
  try {
    const bounds = rangeBounds(range);
    events = await log.read(bounds.from, bounds.to);
  } catch (e: unknown) {
    out.error(
      `motcua: không đọc được bản ghi (could not read events): ${e instanceof Error ? e.message : String(e)}`,
    );
    return 1;
  } finally {
    await log.close();
  }
  const report = buildReport(events, catalogue, { range, now });
  const tables = reportTables(report, sections);
  if (csvDir === undefined) {
    out.line(formatReportText(report, tables));
    return 0;
  }
  const dir = path.resolve(csvDir);
  await mkdir(dir, { recursive: true });
  for (const table of tables) {
    const file = path.join(dir, `${table.name}.csv`);
    await writeFile(file, tableToCsv(table), 'utf8');
    out.line(file);
  }
  return 0;
}
