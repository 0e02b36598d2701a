import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { problemCodes } from '../src/content/problem';
import { procedureSchema } from '../src/content/schema';
import { errorCodes } from '../src/errors';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

describe('the README documents every stable code', () => {
  it.each(Object.keys(problemCodes))('content problem code %s', (code) => {
    expect(readme).toContain(`\`${code}\``);
  });

  it.each(Object.keys(errorCodes))('error code %s', (code) => {
    expect(readme).toContain(`\`${code}\``);
  });

  it('shows the two commands a newcomer needs', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
  });
});

describe('the README example of a procedure guide', () => {
  it('is a valid guide', () => {
    const section = readme.slice(readme.indexOf('### A procedure guide, field by field'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const result = procedureSchema.safeParse(parse(example));
    expect(result.error?.issues ?? []).toEqual([]);
  });
});
