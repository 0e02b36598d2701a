import fs from 'node:fs';
import path from 'node:path';
import { problemCodes } from '../src/content/problem';
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
