import { readZaloConfig } from '../../../src/channels/zalo/config';
import { UsageError } from '../../../src/errors';

const base = {
  ZALO_APP_ID: '2553928453557880000',
  ZALO_APP_SECRET: 'app-SECRET-value-1',
  ZALO_OA_SECRET_KEY: 'oa-SECRET-value-2',
};

function problemsOf(env: Record<string, string>): string {
  try {
    readZaloConfig(env);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('Zalo configuration from the environment', () => {
  it('is off without ZALO_APP_ID (blank counts as unset)', () => {
    expect(readZaloConfig({})).toBeNull();
    expect(readZaloConfig({ ZALO_APP_ID: '  ', ZALO_APP_SECRET: 'x' })).toBeNull();
  });

  it('has defaults for the path, the hosts and the buttons; tokens are optional here', () => {
    expect(readZaloConfig(base)).toEqual({
      appId: base.ZALO_APP_ID,
      appSecret: base.ZALO_APP_SECRET,
      oaSecretKey: base.ZALO_OA_SECRET_KEY,
      seedTokens: null,
      webhookPath: '/zalo/webhook',
      apiRoot: 'https://openapi.zalo.me',
      oauthRoot: 'https://oauth.zaloapp.com',
      buttons: false,
      tokenFile: 'var/zalo-tokens.json',
    });
  });

  it('reads every variable', () => {
    expect(
      readZaloConfig({
        ...base,
        ZALO_ACCESS_TOKEN: ' access_TOKEN-abc.123 ',
        ZALO_REFRESH_TOKEN: 'refresh_TOKEN-def.456',
        ZALO_WEBHOOK_PATH: '/hooks/zalo-oa',
        ZALO_API_ROOT: 'http://127.0.0.1:9000/',
        ZALO_OAUTH_ROOT: 'http://127.0.0.1:9001/oauth//',
        ZALO_BUTTONS: 'on',
        ZALO_TOKEN_FILE: '/srv/motcua/zalo.json',
      }),
    ).toEqual({
      appId: base.ZALO_APP_ID,
      appSecret: base.ZALO_APP_SECRET,
      oaSecretKey: base.ZALO_OA_SECRET_KEY,
      seedTokens: { accessToken: 'access_TOKEN-abc.123', refreshToken: 'refresh_TOKEN-def.456' },
      webhookPath: '/hooks/zalo-oa',
      apiRoot: 'http://127.0.0.1:9000',
      oauthRoot: 'http://127.0.0.1:9001/oauth',
      buttons: true,
      tokenFile: '/srv/motcua/zalo.json',
    });
  });

  it('reads ZALO_BUTTONS as a switch', () => {
    for (const on of ['1', 'true', 'ON', 'yes'])
      expect(readZaloConfig({ ...base, ZALO_BUTTONS: on })!.buttons).toBe(true);
    for (const off of ['0', 'false', 'Off', 'no', ''])
      expect(readZaloConfig({ ...base, ZALO_BUTTONS: off })!.buttons).toBe(false);
  });

  it('lists every problem at once, naming each variable', () => {
    const message = problemsOf({
      ZALO_APP_ID: 'app-123',
      ZALO_ACCESS_TOKEN: 'only-the-access-token',
      ZALO_WEBHOOK_PATH: 'zalo',
      ZALO_API_ROOT: 'ftp://openapi.zalo.me',
      ZALO_OAUTH_ROOT: 'not a url',
      ZALO_BUTTONS: 'maybe',
    });
    for (const name of [
      'ZALO_APP_ID',
      'ZALO_APP_SECRET',
      'ZALO_OA_SECRET_KEY',
      'ZALO_REFRESH_TOKEN',
      'ZALO_WEBHOOK_PATH',
      'ZALO_API_ROOT',
      'ZALO_OAUTH_ROOT',
      'ZALO_BUTTONS',
    ])
      expect(message).toContain(name);
    expect(message.split('\n').length).toBeGreaterThanOrEqual(9);
  });

  it('never repeats a secret or a token in its messages', () => {
    const secrets = {
      ZALO_ACCESS_TOKEN: 'has a space SECRETaccess',
      ZALO_REFRESH_TOKEN: 'short',
    };
    const message = problemsOf({ ...base, ...secrets, ZALO_BUTTONS: 'nope' });
    expect(message).toContain('ZALO_ACCESS_TOKEN');
    expect(message).toContain('ZALO_REFRESH_TOKEN');
    for (const secret of [
      ...Object.values(secrets),
      base.ZALO_APP_SECRET,
      base.ZALO_OA_SECRET_KEY,
      'SECRETaccess',
    ])
      expect(message).not.toContain(secret);
    // The other half of a pair is not echoed either.
    const half = problemsOf({ ...base, ZALO_REFRESH_TOKEN: 'refresh_TOKEN-alone-789' });
    expect(half).toContain('ZALO_ACCESS_TOKEN');
    expect(half).not.toContain('refresh_TOKEN-alone-789');
  });

  it('refuses a path with "//" or odd characters and roots with a query or a fragment', () => {
    expect(problemsOf({ ...base, ZALO_WEBHOOK_PATH: '/zalo//hook' })).toContain('ZALO_WEBHOOK_PATH');
    expect(problemsOf({ ...base, ZALO_WEBHOOK_PATH: '/zalo hook' })).toContain('ZALO_WEBHOOK_PATH');
    expect(problemsOf({ ...base, ZALO_API_ROOT: 'https://openapi.zalo.me/?x=1' })).toContain('ZALO_API_ROOT');
    expect(problemsOf({ ...base, ZALO_OAUTH_ROOT: 'https://oauth.zaloapp.com/#a' })).toContain(
      'ZALO_OAUTH_ROOT',
    );
  });
});
