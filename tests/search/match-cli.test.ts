import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

describe('motcua match', () => {
  it('writes one JSON line per input line, in order, even for bad input', () => {
    const lines = [
      'lam so do lan dau het bn tien',
      '',
      '😀',
      'x'.repeat(100_000),
      '<b>sổ đỏ</b>',
      'thu 7 co lam ko',
    ];
    const run = spawnSync('node', ['bin/motcua.js', 'match'], {
      cwd: root,
      input: lines.join('\n') + '\n',
      encoding: 'utf8',
      maxBuffer: 10 * 2 ** 20,
    });
    expect(run.status).toBe(0);
    const out = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length);
    out.forEach((o, i) => {
      expect(o.q).toBe(lines[i]);
      expect(['answer', 'clarify', 'fallback']).toContain(o.decision);
      expect(Array.isArray(o.results)).toBe(true);
    });
    expect(out[0]).toMatchObject({ decision: 'answer', aspect: 'fee' });
    expect(out[0].results[0]).toMatchObject({ kind: 'procedure', code: '1.013978' });
    expect(out[1].decision).toBe('fallback');
    expect(out[2].decision).toBe('fallback');
    expect(out[3].decision).toBe('fallback');
  });
});
