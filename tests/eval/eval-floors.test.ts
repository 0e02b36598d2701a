import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importDvcqg } from '../../src/content/import/import-dvcqg';
import { loadCatalogueOrThrow } from '../../src/content/loader';
import { createMatcher } from '../../src/search/matcher';
import { evaluate, loadCases, rates } from './evaluate';

/**
 * Floors on the development questions (tests/eval/dev-*.jsonl), a little under what the matcher reaches
 * today, so that a regression fails CI. The held-out file is not used here: it measures, it does not tune.
 */
const root = path.join(__dirname, '..', '..');
const devFiles = fs
  .readdirSync(__dirname)
  .filter((f) => f.startsWith('dev-') && f.endsWith('.jsonl'))
  .map((f) => path.join(__dirname, f));
const cases = loadCases(devFiles);
const provincial = path.join(root, '..', 'shared', 'data', 'dvcqg', 'procedures-provincial.jsonl.gz');

describe('matcher accuracy on the development questions', () => {
  it('has at least 400 labelled questions in every category', () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    const categories = new Set(cases.map((c) => c.category));
    for (const c of [
      'diacritics',
      'no_diacritics',
      'typos_shorthand',
      'folk_abbrev',
      'aspect',
      'ambiguous',
      'out_of_scope',
      'english',
    ]) {
      expect(categories).toContain(c);
    }
  });

  it('keeps its floors on the seed catalogue', () => {
    const r = rates(evaluate(createMatcher(loadCatalogueOrThrow([path.join(root, 'data')])), cases).overall);
    expect(r.top1).toBeGreaterThanOrEqual(0.86);
    expect(r.top3).toBeGreaterThanOrEqual(0.95);
    expect(r.inScopeToFallback).toBeLessThanOrEqual(0.03);
    expect(r.fallbackRecall).toBeGreaterThanOrEqual(0.78);
    expect(r.clarifyRecall).toBeGreaterThanOrEqual(0.66);
    expect(r.aspect).toBeGreaterThanOrEqual(0.82);
  });

  if (fs.existsSync(provincial)) {
    it('keeps its floors with the 1,251 national provincial records added', async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-eval-'));
      try {
        await importDvcqg(provincial, {
          outDir: tmp,
          schemaDir: path.join(root, 'schema'),
          today: '2026-11-28',
        });
        const catalogue = loadCatalogueOrThrow([path.join(root, 'data'), tmp]);
        const r = rates(evaluate(createMatcher(catalogue), cases).overall);
        expect(r.top1).toBeGreaterThanOrEqual(0.85);
        expect(r.top3).toBeGreaterThanOrEqual(0.93);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  } else {
    it('keeps its floors with the national records added (SKIPPED: ../shared/data is absent)', () => {
      console.warn(`skipped: ${provincial} not found`);
      expect(fs.existsSync(provincial)).toBe(false);
    });
  }
});
