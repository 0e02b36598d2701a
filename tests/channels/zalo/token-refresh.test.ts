import { startTestOa, userId, type TestOa } from './harness';

/** Access-token renewal through the channel, one process (the memory token store). */
describe('Zalo token refresh (one instance)', () => {
  let oa: TestOa;
  beforeEach(async () => {
    oa = await startTestOa();
  });
  afterEach(async () => {
    expect(oa.fake.violations).toEqual([]);
    const text = oa.log.text();
    for (const secret of [oa.fake.appSecret, oa.fake.oaSecretKey, ...oa.fake.issuedTokens])
      expect(text).not.toContain(secret);
    await oa.close();
  });

  it('refreshes once on -216, stores the new pair, and delivers', async () => {
    const user = userId(400);
    oa.fake.expireAccessToken();
    await oa.deliver(oa.fake.followEvent(user)); // two messages: one refresh serves both
    expect(oa.fake.callsTo(user).map((c) => c.outcome)).toEqual([-216, 0, 0]);
    expect(oa.fake.refreshCalls).toBe(1);
    expect(oa.fake.sentTo(user)).toHaveLength(2);
    const stored = await oa.tokenStore.get();
    expect(stored).toMatchObject(oa.fake.currentPair);
    // expires_in "90000" (a string of seconds): about 25 hours from now.
    expect(stored!.expiresAt! - Date.now()).toBeGreaterThan(24 * 3600 * 1000);
    expect(oa.log.with('info', 'access token refreshed')).toHaveLength(1);
  });

  it('refreshes once for several users whose messages hit -216 together', async () => {
    oa.fake.expireAccessToken();
    oa.fake.oauthDelayMs = 100;
    const users = [401, 402, 403].map(userId);
    await Promise.all(users.map((u) => oa.fake.deliver(oa.webhook, oa.fake.textEvent(u, 'menu'))));
    await oa.channel.idle();
    expect(oa.fake.refreshCalls).toBe(1);
    for (const u of users) expect(oa.fake.sentTo(u)).toHaveLength(1);
  });

  it('treats -220 (expired) like -216', async () => {
    const user = userId(404);
    oa.fake.expireAccessToken(-220);
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    expect(oa.fake.callsTo(user).map((c) => c.outcome)).toEqual([-220, 0]);
    expect(oa.fake.refreshCalls).toBe(1);
  });

  it('tells the operator clearly when the refresh token is refused, once, and does not retry it', async () => {
    const user = userId(405);
    oa.fake.expireAccessToken();
    oa.fake.revokeRefreshToken();
    expect(await oa.deliver(oa.fake.textEvent(user, 'menu'))).toBe(200);
    expect(oa.fake.refreshCalls).toBe(1);
    const refused = oa.log.with('error', 'refresh token was refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.msg).toContain('ZALO_REFRESH_TOKEN');
    expect(refused[0]!.msg).toContain('ZALO_ACCESS_TOKEN');
    expect(JSON.stringify(refused[0]!.obj)).toContain('-14014');
    // More messages: still answered 200 by the webhook, no new refresh, at most one API call each.
    for (let i = 0; i < 3; i++)
      expect(await oa.deliver(oa.fake.textEvent(userId(406 + i), 'menu'))).toBe(200);
    expect(oa.fake.refreshCalls).toBe(1);
    expect(oa.log.with('error', 'refresh token was refused')).toHaveLength(1);
    expect(oa.fake.sendCalls.length).toBeLessThanOrEqual(4);
    expect(oa.fake.sent).toEqual([]);
  });
});

describe('Zalo token refresh with buttons on', () => {
  it('does not resend "without buttons" when the failure is the token, not the buttons', async () => {
    const oa = await startTestOa({ buttons: true });
    try {
      oa.fake.expireAccessToken();
      oa.fake.revokeRefreshToken();
      const user = userId(420);
      await oa.deliver(oa.fake.textEvent(user, 'menu'));
      expect(oa.fake.callsTo(user)).toHaveLength(1);
      expect(oa.fake.refreshCalls).toBe(1);
      expect(oa.log.with('warn', 'ZALO_BUTTONS')).toEqual([]);
      expect(oa.fake.violations).toEqual([]);
    } finally {
      await oa.close();
    }
  });
});
