import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main';
import type { Output } from '../src/cli/output';

const root = path.join(__dirname, '..');
const fixtures = path.join(__dirname, 'fixtures', 'content');

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out: Output = { line: (t) => stdout.push(t), error: (t) => stderr.push(t) };
  const code = await main(argv, out);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('motcua content check', () => {
  it('passes on a valid directory and prints a summary', async () => {
    const result = await run('content', 'check', path.join(fixtures, 'base'), '--no-warnings');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 thủ tục, 1 câu hỏi thường gặp, 2 lĩnh vực; 0 lỗi/);
  });

  it('prints each problem as file:line:column  field.path  message (code) and exits non-zero', async () => {
    const result = await run(
      'content',
      'check',
      path.join(fixtures, 'base'),
      path.join(fixtures, 'errors', 'bad-enum'),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /errors\/bad-enum\/procedures\/cong-an\/doi-bang-lai\.yaml:10:3 {2}venue\.kind {2}lỗi: giá trị "police_station" không được phép; chọn một trong: center, police, commune, social_insurance, tax, other \(invalid_value\)/,
    );
  });

  it('checks an imported-only directory together with the seed profile, fields and aliases', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
    try {
      const imported = await run(
        'import',
        'dvcqg',
        path.join(__dirname, 'fixtures', 'national-records', 'sample.jsonl'),
        '--out',
        tmp,
      );
      // three records imported, three bad lines reported on stderr with their line numbers
      expect(imported.stdout).toMatch(/Đã nhập 3 thủ tục/);
      expect(imported.stderr).toMatch(/sample\.jsonl:2 {2}bỏ qua/);
      expect(imported.code).toBe(1);
      const checked = await run('content', 'check', tmp, '--no-warnings');
      expect(checked.stdout).toMatch(/data, .*: \d+ thủ tục/);
      expect(checked.code).toBe(0);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('answers a wrong command with the usage and exit code 2', async () => {
    const result = await run('import', 'dvcqg');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/motcua import dvcqg <tệp\.jsonl\[\.gz\]> --out <thư-mục>/);
    expect((await run('frobnicate')).code).toBe(2);
  });
});

describe('the installed command', () => {
  it('runs as `npx motcua` from the built package', () => {
    // `npm install` builds dist/ through the prepare script; CI builds before testing.
    expect(fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))).toBe(true);
    const help = execFileSync('npx', ['--no-install', 'motcua', 'help'], { cwd: root, encoding: 'utf8' });
    expect(help).toMatch(/motcua content check/);
    const check = spawnSync('node', ['bin/motcua.js', 'content', 'check', '--no-warnings'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(check.stdout).toMatch(/0 lỗi/);
    expect(check.status).toBe(0);
  });
});

describe('motcua chat', () => {
  it('talks in the terminal: greets, answers a question, presses a button by its number', () => {
    const result = spawnSync(process.execPath, [path.join(root, 'bin', 'motcua.js'), 'chat'], {
      cwd: root,
      input: 'doi giay phep lai xe\n1\nhuy\n',
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Xin chào/);
    // The guide card for the question, its buttons numbered; "1" opens the first section (documents).
    expect(result.stdout).toMatch(/\[1\] Giấy tờ cần nộp/);
    expect(result.stdout).toMatch(/Giấy tờ cần nộp — /);
    expect(result.stdout).toMatch(/đã dừng việc đang làm/);
    expect(result.stderr).toBe('');
  });
});
