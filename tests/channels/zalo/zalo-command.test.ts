import { main } from '../../../src/cli/main';
import type { Output } from '../../../src/cli/output';
import { FakeZalo } from './fake-zalo';

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, line: (t: string) => lines.push(t), error: (t: string) => errors.push(t) };
}

describe('motcua zalo authorize / token: the first token pair', () => {
  let fake: FakeZalo;
  const saved = { ...process.env };
  beforeEach(async () => {
    fake = await FakeZalo.start();
    process.env.ZALO_APP_ID = fake.appId;
    process.env.ZALO_APP_SECRET = fake.appSecret;
    process.env.ZALO_OAUTH_ROOT = fake.origin;
  });
  afterEach(async () => {
    await fake.close();
    for (const key of ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OAUTH_ROOT']) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('prints the consent link with a PKCE challenge, then exchanges the code for a pair Zalo accepts', async () => {
    const out = capture();
    expect(await main(['zalo', 'authorize', '--redirect-uri', 'https://bot.example.gov.vn/'], out)).toBe(0);
    const link = new URL(out.lines.join('\n').match(/https?:\/\/\S+permission\S+/)![0]);
    expect(link.origin + link.pathname).toBe(`${fake.origin}/v4/oa/permission`);
    expect(link.searchParams.get('app_id')).toBe(fake.appId);
    expect(link.searchParams.get('redirect_uri')).toBe('https://bot.example.gov.vn/');
    const verifier = /--verifier (\S+)/.exec(out.lines.join('\n'))![1]!;
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);

    // The admin consents; Zalo redirects to the callback with a code.
    const code = fake.authorizationCode(link.searchParams.get('code_challenge')!);
    const exchanged = capture();
    expect(await main(['zalo', 'token', '--code', code, '--verifier', verifier], exchanged)).toBe(0);
    const access = /^ZALO_ACCESS_TOKEN=(\S+)$/m.exec(exchanged.lines.join('\n'))![1]!;
    const refresh = /^ZALO_REFRESH_TOKEN=(\S+)$/m.exec(exchanged.lines.join('\n'))![1]!;
    expect(fake.isValidPair(access, refresh)).toBe(true);
    expect(fake.violations).toEqual([]);

    // A code is single-use: the second exchange is refused, with exit code 1 and the reason.
    const again = capture();
    expect(await main(['zalo', 'token', '--code', code, '--verifier', verifier], again)).toBe(1);
    expect(again.errors.join('\n')).toContain('refused');
  });

  it('refuses a verifier that does not match the challenge', async () => {
    const code = fake.authorizationCode('not-the-challenge');
    const out = capture();
    expect(await main(['zalo', 'token', '--code', code, '--verifier', 'x'.repeat(43)], out)).toBe(1);
  });

  it('explains its usage and the variables it needs', async () => {
    delete process.env.ZALO_APP_SECRET;
    const out = capture();
    expect(await main(['zalo', 'token', '--code', 'c', '--verifier', 'v'], out)).toBe(2);
    expect(out.errors.join('\n')).toContain('ZALO_APP_SECRET');
    const bad = capture();
    expect(await main(['zalo', 'authorize'], bad)).toBe(2);
    expect(bad.errors.join('\n')).toContain('--redirect-uri');
  });
});
