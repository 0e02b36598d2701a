import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { loadDotEnv, readServeConfig } from '../../src/config/config';
import { UsageError } from '../../src/errors';

function problemsOf(env: Record<string, string>): string {
  try {
    readServeConfig(env);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('readServeConfig', () => {
  it('gives the defaults for an empty environment: web chat only, memory sessions', () => {
    const config = readServeConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'info',
      contentDirs: [],
      redisUrl: null,
      redisSentinels: null,
      metricsToken: null,
      trustProxy: false,
      telegram: null,
      zalo: null,
    });
  });

  it('reads every variable, blank ones as unset', () => {
    const config = readServeConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      MOTCUA_CONTENT_DIRS: 'var/import, /srv/more ,',
      REDIS_URL: 'rediss://user:pw@redis.internal:6380/1',
      EVENTS_FILE: '',
      USER_HASH_SALT: 'a'.repeat(32),
      METRICS_TOKEN: 'm'.repeat(24),
      TRUST_PROXY: 'on',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'debug',
      contentDirs: ['var/import', '/srv/more'],
      redisUrl: 'rediss://user:pw@redis.internal:6380/1',
      eventsFile: null,
      metricsToken: 'm'.repeat(24),
      trustProxy: true,
    });
  });

  it('reads Redis through Sentinel', () => {
    const config = readServeConfig({
      REDIS_SENTINELS: 's1:26379,s2.example:26380',
      REDIS_SENTINEL_NAME: 'mymaster',
    });
    expect(config.redisSentinels).toEqual([
      { host: 's1', port: 26379 },
      { host: 's2.example', port: 26380 },
    ]);
    expect(config.redisSentinelName).toBe('mymaster');
  });

  it('lists every problem at once, each naming its variable, including the channels’', () => {
    const message = problemsOf({
      PORT: '70000',
      LOG_LEVEL: 'loud',
      REDIS_URL: 'http://redis:6379',
      METRICS_TOKEN: 'short',
      TRUST_PROXY: 'maybe',
      TELEGRAM_BOT_TOKEN: 'not-a-token',
      ZALO_APP_ID: '123',
    });
    for (const name of [
      'PORT',
      'LOG_LEVEL',
      'REDIS_URL',
      'METRICS_TOKEN',
      'TRUST_PROXY',
      'TELEGRAM_BOT_TOKEN',
      'ZALO_APP_SECRET',
      'ZALO_OA_SECRET_KEY',
    ])
      expect(message).toContain(name);
  });

  it('never repeats a secret in its messages', () => {
    const secret = 'shh-this-is-secret';
    const message = problemsOf({
      METRICS_TOKEN: 'tiny',
      USER_HASH_SALT: secret.slice(0, 5),
      ZALO_APP_ID: 'x',
    });
    expect(message).not.toContain('tiny');
    expect(message).toContain('USER_HASH_SALT');
  });

  it('takes Sentinel passwords only with Sentinel', () => {
    const config = readServeConfig({
      REDIS_SENTINELS: 's1:26379',
      REDIS_SENTINEL_NAME: 'm',
      REDIS_PASSWORD: 'redis-password',
      REDIS_SENTINEL_PASSWORD: 'sentinel-password',
    });
    expect(config).toMatchObject({
      redisPassword: 'redis-password',
      redisSentinelPassword: 'sentinel-password',
    });
    expect(problemsOf({ REDIS_URL: 'redis://r:6379', REDIS_PASSWORD: 'pw' })).toContain('REDIS_PASSWORD');
  });

  it('wants a sentinel master name, and not both Redis forms', () => {
    expect(problemsOf({ REDIS_SENTINELS: 's1:26379' })).toContain('REDIS_SENTINEL_NAME');
    expect(
      problemsOf({ REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'm', REDIS_URL: 'redis://r:6379' }),
    ).toContain('REDIS_URL');
  });
});

describe('loadDotEnv', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('loads .env from the directory, without overriding what the environment already sets', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-env-'));
    fs.writeFileSync(path.join(dir, '.env'), 'MOTCUA_TEST_FROM_FILE=file\nMOTCUA_TEST_BOTH=file\n');
    process.env.MOTCUA_TEST_BOTH = 'environment';
    expect(loadDotEnv(dir)).toBe(path.join(dir, '.env'));
    expect(process.env.MOTCUA_TEST_FROM_FILE).toBe('file');
    expect(process.env.MOTCUA_TEST_BOTH).toBe('environment');
    fs.rmSync(dir, { recursive: true });
  });

  it('does nothing without a .env', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-env-'));
    expect(loadDotEnv(dir)).toBeNull();
    fs.rmSync(dir, { recursive: true });
  });
});

describe('.env.example', () => {
  const root = path.join(__dirname, '..', '..');
  const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');

  it('is a valid configuration as it stands (every channel off)', () => {
    expect(() => readServeConfig(parseEnv(example))).not.toThrow();
  });

  it('documents every variable the server reads', () => {
    const sources = [
      'src/config/config.ts',
      'src/channels/telegram/config.ts',
      'src/channels/zalo/config.ts',
      'src/cli/serve-command.ts',
    ].map((file) => fs.readFileSync(path.join(root, file), 'utf8'));
    // `env.NAME` reads, and the keys of the zod schema (`  NAME: …`).
    const names = new Set(
      sources.flatMap((s) =>
        [...s.matchAll(/\benv\.([A-Z][A-Z0-9_]+)\b|^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => (m[1] ?? m[2])!),
      ),
    );
    expect(names.size).toBeGreaterThan(25);
    for (const name of names) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});
