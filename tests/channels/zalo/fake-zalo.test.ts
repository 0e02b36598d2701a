import { FakeZalo, checkSendBody } from './fake-zalo';

/** The fake must refuse what Zalo would refuse, or the channel's tests prove nothing. */
describe('the fake Zalo OA API', () => {
  let fake: FakeZalo;
  beforeEach(async () => {
    fake = await FakeZalo.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  const user = '6142494823000000001';
  const send = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${fake.origin}/v3.0/oa/message/cs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', access_token: fake.firstPair.accessToken, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }).then((r) => r.json() as Promise<Record<string, unknown>>);
  const refresh = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${fake.origin}/v4/oa/access_token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        secret_key: fake.appSecret,
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    }).then((r) => r.json() as Promise<Record<string, unknown>>);

  it('delivers a well-formed text to a user who wrote, with Zalo’s success envelope', async () => {
    fake.userWrote(user);
    const answer = await send({ recipient: { user_id: user }, message: { text: 'Xin chào' } });
    expect(answer).toMatchObject({ error: 0, message: 'Success', data: { user_id: user } });
    expect(typeof (answer.data as { message_id: unknown }).message_id).toBe('string');
    expect(fake.sentTo(user).map((m) => m.text)).toEqual(['Xin chào']);
    expect(fake.violations).toEqual([]);
  });

  it('answers -230 to a user who never wrote, and -216 to a wrong or old token', async () => {
    expect(await send({ recipient: { user_id: user }, message: { text: 'x' } })).toEqual({
      error: -230,
      message: 'User has not interacted with the OA in the past 7 days',
    });
    expect(
      (await send({ recipient: { user_id: user }, message: { text: 'x' } }, { access_token: 'nope' })).error,
    ).toBe(-216);
    expect(fake.violations).toEqual([]);
  });

  it('records a missing token header, a wrong content type and a malformed body as violations', async () => {
    await fetch(`${fake.origin}/v3.0/oa/message/cs`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ recipient: { user_id: user }, message: { text: 'x' } }),
    });
    await send({ recipient: { user_id: Number(user) }, message: { text: 'x' } });
    await send({ recipient: { user_id: user }, message: { text: 'x'.repeat(2001) } });
    await send({ recipient: { user_id: user }, message: { text: 'x', quick_replies: [] } });
    expect(fake.violations.join('\n')).toMatch(/Content-Type is text\/plain/);
    expect(fake.violations.join('\n')).toMatch(/no access_token header/);
    expect(fake.violations.join('\n')).toMatch(/user_id is a number/);
    expect(fake.violations.join('\n')).toMatch(/2001 characters/);
    expect(fake.violations.join('\n')).toMatch(/unexpected field message.quick_replies/);
    expect(fake.sent).toEqual([]);
  });

  it('checks buttons: template, 1–5, oa.query.hide, title ≤ 100, payload ≤ 1000', () => {
    const body = (buttons: unknown) => ({
      recipient: { user_id: user },
      message: { text: 'Chọn', attachment: { type: 'template', payload: { buttons } } },
    });
    const ok = { title: 'Lệ phí', type: 'oa.query.hide', payload: '#a.1' };
    expect(checkSendBody(body([ok]))).toEqual([]);
    expect(checkSendBody(body(Array(6).fill(ok)))).not.toEqual([]);
    expect(checkSendBody(body([]))).not.toEqual([]);
    expect(checkSendBody(body([{ ...ok, type: 'oa.query.show' }]))).not.toEqual([]);
    expect(checkSendBody(body([{ ...ok, title: 'x'.repeat(101) }]))).not.toEqual([]);
    expect(checkSendBody(body([{ ...ok, payload: 'x'.repeat(1001) }]))).not.toEqual([]);
    expect(checkSendBody(body([{ ...ok, payload: { url: 'x' } }]))).not.toEqual([]);
  });

  it('spends a refresh token once: new pair, old refresh and access tokens dead, expires_in a string', async () => {
    const fields = {
      app_id: fake.appId,
      grant_type: 'refresh_token',
      refresh_token: fake.firstPair.refreshToken,
    };
    const pair = await refresh(fields);
    expect(pair).toEqual({
      access_token: fake.currentPair.accessToken,
      refresh_token: fake.currentPair.refreshToken,
      expires_in: '90000',
    });
    expect(await refresh(fields)).toMatchObject({ error: -14014, error_name: expect.any(String) });
    expect(fake.refreshCalls).toBe(2);
    expect(fake.refreshes).toBe(1);
    expect((await send({ recipient: { user_id: user }, message: { text: 'x' } })).error).toBe(-216);
    expect(fake.violations).toEqual([]);
  });

  it('records an OAuth call without the app secret or with wrong fields as violations', async () => {
    await refresh(
      { app_id: fake.appId, grant_type: 'refresh_token', refresh_token: 'x' },
      { secret_key: 'wrong' },
    );
    await refresh({ app_id: '1', grant_type: 'client_credentials', refresh_token: 'x', extra: 'y' });
    expect(fake.violations.join('\n')).toMatch(/secret_key is not the app secret/);
    expect(fake.violations.join('\n')).toMatch(/app_id "1"/);
    expect(fake.violations.join('\n')).toMatch(/grant_type "client_credentials"/);
    expect(fake.violations.join('\n')).toMatch(/form fields/);
    expect(fake.refreshes).toBe(0);
  });
});
