/**
 * `npm run bench:match` — speed and memory of the matcher, one JSON line per configuration: the seed
 * catalogue; the seed plus the 1,251 national provincial records (from ../shared/data, skipped when absent);
 * and a synthetic 5,000-procedure catalogue. For each, the same questions also go through plain fuse.js with
 * default options over the titles, and the p99 ratio is printed. Each configuration runs in its own process,
 * so its heap and RSS are its own, as they would be in a server holding that catalogue.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fuse from 'fuse.js';
import type { Catalogue } from '../src/content/catalogue';
import { importDvcqg } from '../src/content/import/import-dvcqg';
import { loadCatalogueOrThrow } from '../src/content/loader';
import type { Procedure } from '../src/content/schema';
import { createMatcher } from '../src/search/matcher';
import { foldVietnamese } from '../src/text/fold';

const root = path.resolve(__dirname, '..', '..');
const provincial = path.join(root, '..', 'shared', 'data', 'dvcqg', 'procedures-provincial.jsonl.gz');
const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 3000);

/** A small deterministic PRNG (mulberry32): the same questions every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const openers = ['', 'cho em hỏi ', 'ad ơi ', 'mình muốn ', 'xin hỏi ', 'e muon '];
const closers = [
  '',
  ' ạ',
  ' vậy ad',
  ' het bn tien',
  ' can giay to j',
  ' nop o dau',
  ' mất mấy ngày',
  ' online dc ko',
];

/** Questions as citizens type them: a name of a procedure, sometimes folded, with typos, fillers, an aspect. */
function questionsFor(catalogue: Catalogue, count: number): string[] {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const names = catalogue.procedures.flatMap((p) => [p.plain_title ?? p.title, ...p.aliases.slice(0, 5)]);
  const out: string[] = [];
  while (out.length < count) {
    let q = pick(names);
    if (next() < 0.5) q = foldVietnamese(q);
    if (next() < 0.3 && q.length > 6) {
      const i = 1 + Math.floor(next() * (q.length - 2));
      q = q.slice(0, i) + q.slice(i + 1); // a dropped letter
    }
    out.push(pick(openers) + q + pick(closers));
  }
  return out;
}

/** A synthetic catalogue of `size` procedures, built by recombining the verbs and objects of real titles. */
function syntheticCatalogue(base: Catalogue, size: number): Catalogue {
  const next = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const verbs = [
    'Cấp',
    'Cấp lại',
    'Cấp đổi',
    'Gia hạn',
    'Điều chỉnh',
    'Đăng ký',
    'Thay đổi',
    'Tạm ngừng',
    'Chấm dứt',
    'Thu hồi',
  ];
  const objects = base.procedures.map((p) => (p.plain_title ?? p.title).split(' ').slice(1).join(' '));
  const qualifiers = [
    'cho tổ chức',
    'cho cá nhân',
    'có yếu tố nước ngoài',
    'cấp tỉnh',
    'cấp xã',
    'trong khu kinh tế',
    'hạng II',
    'đối với doanh nghiệp',
  ];
  const template = base.procedures[0]!;
  const procedures: Procedure[] = [];
  for (let i = 0; i < size; i++) {
    const title = `${pick(verbs)} ${pick(objects)} ${pick(qualifiers)}`;
    procedures.push({
      ...template,
      id: `synthetic-${i}`,
      ma_thu_tuc: `9.${String(100000 + i).padStart(6, '0')}`,
      title,
      plain_title: undefined,
      aliases: [pick(objects).toLowerCase(), `${pick(verbs).toLowerCase()} ${pick(objects).toLowerCase()}`],
      qa: [],
    });
  }
  return {
    ...base,
    procedures,
    procedureById: new Map(procedures.map((p) => [p.id, p])),
    procedureByCode: new Map(procedures.map((p) => [p.ma_thu_tuc!, p])),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function time(fn: (q: string) => unknown, questions: string[]) {
  for (const q of questions.slice(0, 100)) fn(q); // warm-up
  const times = questions.map((q) => {
    const started = process.hrtime.bigint();
    fn(q);
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
  times.sort((a, b) => a - b);
  return { p50: +percentile(times, 50).toFixed(3), p99: +percentile(times, 99).toFixed(3) };
}

/** BENCH_ONLY=<config> runs one configuration; BENCH_PLAIN=0 skips the (slow) plain fuse.js baseline. */
const only = process.env.BENCH_ONLY;
const withPlain = process.env.BENCH_PLAIN !== '0';

function measure(name: string, catalogue: Catalogue): void {
  if (only && only !== name) return;
  global.gc?.();
  const questions = questionsFor(catalogue, QUESTIONS);
  const started = process.hrtime.bigint();
  const matcher = createMatcher(catalogue);
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  const ours = time((q) => matcher.match(q), questions);
  const memory = process.memoryUsage();
  const fuse = new Fuse(catalogue.procedures.map((p) => p.title));
  // Plain fuse.js takes up to seconds a question on large catalogues: a sample is enough for its p99.
  const plain = withPlain
    ? time((q) => fuse.search(q), questions.slice(0, catalogue.procedures.length > 500 ? 150 : 500))
    : { p50: NaN, p99: NaN };
  console.log(
    JSON.stringify({
      config: name,
      procedures: catalogue.procedures.length,
      faq: catalogue.faq.length,
      questions: questions.length,
      build_ms: Math.round(buildMs),
      p50_ms: ours.p50,
      p99_ms: ours.p99,
      heap_mb: Math.round(memory.heapUsed / 2 ** 20),
      rss_mb: Math.round(memory.rss / 2 ** 20),
      plain_fuse_p50_ms: plain.p50,
      plain_fuse_p99_ms: plain.p99,
      p99_speedup: +(plain.p99 / ours.p99).toFixed(1),
    }),
  );
}

async function run(): Promise<void> {
  const seed = loadCatalogueOrThrow([path.join(root, 'data')]);
  measure('seed', seed);
  if (only && only !== 'seed+provincial') {
    // skipped by BENCH_ONLY
  } else if (fs.existsSync(provincial)) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
    try {
      await importDvcqg(provincial, {
        outDir: tmp,
        schemaDir: path.join(root, 'schema'),
        today: '2026-01-01',
      });
      measure('seed+provincial', loadCatalogueOrThrow([path.join(root, 'data'), tmp]));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  } else {
    console.log(JSON.stringify({ config: 'seed+provincial', skipped: `${provincial} not found` }));
  }
  measure('synthetic-5000', syntheticCatalogue(seed, 5000));
}

const configs = ['seed', 'seed+provincial', 'synthetic-5000'];
if (only) {
  void run();
} else {
  for (const config of configs) {
    const child = spawnSync(process.execPath, [...process.execArgv, __filename], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_ONLY: config },
    });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  }
}
