import path from 'node:path';
import { loadCatalogue } from '../../src/content/loader';
import type { ContentProblem } from '../../src/content/problem';

const fixtures = path.join(__dirname, '..', 'fixtures', 'content');
const base = path.join(fixtures, 'base');
const today = new Date('2026-11-28T00:00:00Z');

function load(...extra: string[]) {
  return loadCatalogue([base, ...extra.map((name) => path.join(fixtures, 'errors', name))], { today });
}

const errorsOf = (problems: ContentProblem[]) => problems.filter((p) => p.severity === 'error');

describe('the valid fixture', () => {
  it('loads with no errors and resolves ids, codes and files', () => {
    const { catalogue, problems } = loadCatalogue([base], { today });
    expect(errorsOf(problems)).toEqual([]);
    expect(catalogue).not.toBeNull();
    expect(catalogue!.procedureByCode.get('1.012786')?.id).toBe('cap-lai-so-do');
    expect(catalogue!.faqById.get('gio-lam-viec')?.follow_ups[0]?.procedure).toBe('cap-lai-so-do');
    expect(catalogue!.fileOf.get('procedure:cap-lai-so-do')).toMatch(/cap-lai-so-do\.yaml$/);
    // defaults are filled in for what staff may leave out
    expect(catalogue!.procedureById.get('cap-lai-so-do')!.related).toEqual([]);
  });
});

// One fixture per kind of error: the problem names the file, the line, the field path and a stable code.
const cases: Array<{ fixture: string; code: string; path: string; line: number; message: RegExp }> = [
  { fixture: 'yaml-syntax', code: 'yaml_syntax', path: '', line: 4, message: /YAML sai cú pháp/ },
  {
    fixture: 'wrong-type',
    code: 'invalid_type',
    path: 'documents.0.items.0.originals',
    line: 26,
    message: /phải là số/,
  },
  { fixture: 'missing-field', code: 'required', path: 'title', line: 2, message: /thiếu trường bắt buộc/ },
  {
    fixture: 'unknown-key',
    code: 'unknown_key',
    path: 'titel',
    line: 32,
    message: /có phải ý bạn là "title"/,
  },
  {
    fixture: 'bad-enum',
    code: 'invalid_value',
    path: 'venue.kind',
    line: 10,
    message: /center, police, commune/,
  },
  { fixture: 'code-as-number', code: 'invalid_type', path: 'ma_thu_tuc', line: 3, message: /dấu nháy/ },
  { fixture: 'duplicate-id', code: 'duplicate_id', path: 'id', line: 2, message: /cap-lai-so-do/ },
  { fixture: 'duplicate-code', code: 'duplicate_code', path: 'ma_thu_tuc', line: 3, message: /1\.012786/ },
  {
    fixture: 'bad-condition',
    code: 'rule',
    path: 'documents.0.items.0.when.nop_thay',
    line: 28,
    message: /maybe/,
  },
  { fixture: 'unknown-field', code: 'unknown_field', path: 'field', line: 6, message: /cong-ann/ },
  { fixture: 'draft-without-notes', code: 'rule', path: 'review_notes', line: 2, message: /bản nháp/ },
  {
    fixture: 'bad-reference',
    code: 'unknown_reference',
    path: 'related.0',
    line: 31,
    message: /khong-co-thu-tuc-nay/,
  },
];

describe.each(cases)('fixture $fixture', ({ fixture, code, path: fieldPath, line, message }) => {
  it(`reports ${code} at ${fieldPath || 'the file'}, line ${line}, and loads nothing`, () => {
    const { catalogue, problems } = load(fixture);
    expect(catalogue).toBeNull();
    const errors = errorsOf(problems);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code, path: fieldPath, line });
    expect(errors[0]!.file).toContain(path.join('errors', fixture));
    expect(errors[0]!.message).toMatch(message);
  });
});

describe('a catalogue is never half-loaded', () => {
  it('collects the errors of every bad directory before failing once', () => {
    const { catalogue, problems } = load('wrong-type', 'unknown-key', 'bad-enum');
    expect(catalogue).toBeNull();
    expect(
      errorsOf(problems)
        .map((p) => p.code)
        .sort(),
    ).toEqual(['invalid_type', 'invalid_value', 'unknown_key']);
  });

  it('reports a missing content directory instead of throwing', () => {
    const { catalogue, problems } = loadCatalogue([base, path.join(fixtures, 'no-such-dir')], { today });
    expect(catalogue).toBeNull();
    expect(errorsOf(problems)[0]).toMatchObject({ code: 'missing_file' });
  });

  it('reports a missing center profile', () => {
    const { catalogue, problems } = loadCatalogue([path.join(fixtures, 'errors', 'warnings')], { today });
    expect(catalogue).toBeNull();
    expect(errorsOf(problems).map((p) => p.code)).toContain('missing_file');
  });
});

describe('warnings staff act on', () => {
  it('flags drafts, stale dates, missing sources, an alias claimed by two procedures or naming the province, and still loads', () => {
    const { catalogue, problems } = load('warnings');
    expect(catalogue).not.toBeNull();
    const codes = problems.filter((p) => p.file.includes('warnings')).map((p) => p.code);
    expect(codes.sort()).toEqual([
      'alias_place_name',
      'draft',
      'duplicate_alias',
      'missing_source',
      'stale',
      'stale',
    ]);
    expect(problems.find((p) => p.path === 'channels.0.fee.valid_until')?.message).toMatch(/2025-12-31/);
  });

  it('drops an imported record whose code a hand-written guide already has', () => {
    const { catalogue, problems } = load('shadowed');
    expect(catalogue!.procedureByCode.get('1.012786')!.id).toBe('cap-lai-so-do');
    expect(catalogue!.procedureById.has('dvcqg-1-012786')).toBe(false);
    expect(problems.find((p) => p.code === 'shadowed')?.severity).toBe('warning');
  });
});
