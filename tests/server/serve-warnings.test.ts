import { configurationWarnings } from '../../src/cli/serve-command';

describe('npm start warns about its configuration', () => {
  it('Redis without USER_HASH_SALT: records of different instances will not link', () => {
    const warnings = configurationWarnings({ REDIS_URL: 'redis://redis:6379' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/USER_HASH_SALT/);
    expect(warnings[0]).toMatch(/will not link/);
  });

  it.each([
    ['memory sessions, no salt (one process)', {}],
    ['Redis with a salt', { REDIS_URL: 'redis://redis:6379', USER_HASH_SALT: 's3cret' }],
    ['an empty REDIS_URL', { REDIS_URL: '' }],
  ])('no warning with %s', (_name, env) => {
    expect(configurationWarnings(env)).toEqual([]);
  });
});
