import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import type { Output } from '../../src/cli/output';
import { reportCommand } from '../../src/cli/report-command';
import { BOM } from '../../src/reports';
import { expectSampleText, sampleEvents } from './events';

const content = path.join(__dirname, '..', 'fixtures', 'content', 'base');

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, line: (t) => lines.push(t), error: (t) => errors.push(t) };
}

describe('motcua report (events in a JSON-lines file)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const now = new Date('2027-06-01T00:00:00Z');

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-report-'));
    const file = path.join(dir, 'events.jsonl');
    await writeFile(file, sampleEvents.map((e) => JSON.stringify(e)).join('\n') + '\n{torn line\n');
    env = { EVENTS_FILE: file, MOTCUA_CONTENT_DIRS: content };
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints every section for the range, in Vietnamese, with aligned columns', async () => {
    const out = capture();
    const code = await reportCommand(['--from', '2025-03-01', '--to', '2025-03-07'], out, {
      env,
      now,
      cwd: dir,
    });
    expect(out.errors).toEqual([]);
    expect(code).toBe(0);
    const text = out.lines.join('\n');
    expectSampleText(text);
    // Checked on 2026-11-01, 212 days before "now".
    expect(text).toMatch(/thủ tục +cap-lai-so-do +Làm lại sổ đỏ bị mất +quá 180 ngày +2026-11-01 +212/);
  });

  it('prints one section when asked', async () => {
    const out = capture();
    await reportCommand(['--from=2025-03-01', '--to=2025-03-07', '--section', 'clarify'], out, {
      env,
      now,
      cwd: dir,
    });
    const text = out.lines.join('\n');
    expect(text).toContain('Bot hỏi lại');
    expect(text).not.toContain('Mức độ hài lòng');
  });

  it('writes one CSV file per table with --csv and prints their paths', async () => {
    const out = capture();
    const csvDir = path.join(dir, 'csv');
    const code = await reportCommand(['--from', '2025-03-01', '--to', '2025-03-07', '--csv', csvDir], out, {
      env,
      now,
      cwd: dir,
    });
    expect(code).toBe(0);
    const files = (await readdir(csvDir)).sort();
    expect(out.lines.map((l) => path.basename(l)).sort()).toEqual(files);
    expect(files).toContain('chua-tra-loi.csv');
    expect(files).toContain('hai-long-theo-kenh.csv');
    const unanswered = await readFile(path.join(csvDir, 'chua-tra-loi.csv'), 'utf8');
    expect(unanswered.startsWith(BOM)).toBe(true);
    expect(unanswered.split('\r\n')[1]).toBe(
      '2,"xin giấy phép xây dựng, sđt [số điện thoại …56]",giay phep xay dung,Làm lại sổ đỏ bị mất,2025-03-03',
    );
    const byChannel = await readFile(path.join(csvDir, 'hai-long-theo-kenh.csv'), 'utf8');
    expect(byChannel.split('\r\n').slice(1, 3)).toEqual(['web,1,0,0,1,0,1', 'zalo,1,1,0,0,100,3']);
  });

  it('defaults to the last 30 days', async () => {
    const out = capture();
    await reportCommand(['--section', 'staff'], out, {
      env,
      now: new Date('2025-03-05T12:00:00Z'),
      cwd: dir,
    });
    const text = out.lines.join('\n');
    expect(text).toContain('Báo cáo từ 04/02/2025 đến 05/03/2025');
    expect(text).toMatch(/2025-03-05 +1/);
  });

  it('is wired into the CLI', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, env, { REDIS_URL: '', REDIS_SENTINELS: '' });
    try {
      const out = capture();
      expect(
        await main(['report', '--from', '2025-03-01', '--to', '2025-03-07', '--section', 'staff'], out),
      ).toBe(0);
      expect(out.lines.join('\n')).toMatch(/2025-03-05 +1/);
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  it.each([
    [['--from', '2025-3-1'], /--from phải là một ngày dạng YYYY-MM-DD.*"2025-3-1"/],
    [['--to', '2025-02-30'], /--to: ngày 2025-02-30 không có trên lịch/],
    [
      ['--from', '2025-03-08', '--to', '2025-03-01'],
      /--from \(2025-03-08\) phải trước hoặc bằng --to \(2025-03-01\)/,
    ],
    [['--from'], /--from cần một giá trị/],
    [['--section', 'ratings'], /--section không có "ratings"; chọn một trong: unanswered, clarify/],
    [['--csv'], /--csv cần một giá trị/],
    [['extra'], /report không nhận extra/],
  ])('exits 2 and says what is wrong: %j', async (args, message) => {
    const out = capture();
    expect(await main(['report', ...args], out)).toBe(2);
    expect(out.errors.join('\n')).toMatch(message);
  });
});
