/**
 * How long loading and checking the content takes, and what it costs in memory: the seed alone, and the seed
 * plus the 1,251 national provincial records imported to a temporary directory. Prints one JSON line per
 * configuration. `npm run bench:content`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importDvcqg } from '../src/content/import/import-dvcqg';
import { loadCatalogue } from '../src/content/loader';

const root = path.resolve(__dirname, '..', '..');
const seed = path.join(root, 'data');
const provincial = path.join(root, '..', 'shared', 'data', 'dvcqg', 'procedures-provincial.jsonl.gz');
const RUNS = 5;

function measure(name: string, dirs: string[]): void {
  const times: number[] = [];
  let procedures = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    const { catalogue } = loadCatalogue(dirs);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    procedures = catalogue?.procedures.length ?? -1;
  }
  times.sort((a, b) => a - b);
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify({
      config: name,
      procedures,
      load_ms_median: Math.round(times[Math.floor(RUNS / 2)]!),
      load_ms_max: Math.round(times[RUNS - 1]!),
      heap_mb: Math.round(memory.heapUsed / 2 ** 20),
      rss_mb: Math.round(memory.rss / 2 ** 20),
    }),
  );
}

async function run(): Promise<void> {
  measure('seed', [seed]);
  if (!fs.existsSync(provincial)) {
    console.log(JSON.stringify({ config: 'seed+provincial', skipped: `${provincial} not found` }));
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
  try {
    const started = Date.now();
    const report = await importDvcqg(provincial, {
      outDir: tmp,
      schemaDir: path.join(root, 'schema'),
      today: '2026-01-01',
    });
    console.log(
      JSON.stringify({
        config: 'import provincial',
        written: report.written,
        import_ms: Date.now() - started,
      }),
    );
    measure('seed+provincial', [seed, tmp]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void run();
