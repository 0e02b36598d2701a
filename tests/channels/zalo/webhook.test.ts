import { catalogue, say, titleOf } from '../../bot/transcript-helpers';
import { numberList } from '../../../src/channels/zalo/render';
import { choices, numberOf, startTestOa, userId, type TestOa } from './harness';

/** Zalo → our webhook → engine → POST /v3.0/oa/message/cs on the fake, end to end. */
describe('Zalo webhook against the fake OA API', () => {
  let oa: TestOa;
  beforeAll(async () => {
    oa = await startTestOa();
  });
  afterEach(() => {
    expect(oa.fake.violations).toEqual([]);
    oa.fake.clearFailures();
  });
  afterAll(async () => {
    await oa.close();
  });

  const texts = (user: string) => oa.fake.sentTo(user).map((m) => m.text);
  const hint = (last: number) => say('number_hint', { numbers: numberList(1, last, say('number_or')) });

  it('answers an event signed "mac=<hex>", bare hex or upper-case hex', async () => {
    for (const [i, variant] of (['mac', 'bare', 'upper'] as const).entries()) {
      const user = userId(100 + i);
      expect(await oa.deliver(oa.fake.textEvent(user, 'menu'), variant)).toBe(200);
      expect(texts(user)).toHaveLength(1);
      expect(texts(user)[0]!.startsWith(say('menu_prompt'))).toBe(true);
    }
  });

  it('checks the signature over the raw bytes as sent, not a re-serialisation', async () => {
    const user = userId(103);
    const event = oa.fake.textEvent(user, 'menu');
    // Zalo's own spacing and escapes: JSON.stringify of the parsed event would differ byte for byte.
    const raw = JSON.stringify(event, null, 2).replace('"menu"', '"m\\u0065nu"');
    expect(await oa.deliver(raw)).toBe(200);
    expect(texts(user)).toHaveLength(1);
  });

  it('refuses a wrong or missing signature with 401 and processes nothing', async () => {
    const user = userId(104);
    const refusedBefore = oa.log.with('warn', 'webhook call refused').length;
    expect(await oa.deliver(oa.fake.textEvent(user, 'menu'), 'wrong')).toBe(401);
    expect(await oa.deliver(oa.fake.textEvent(user, 'menu'), 'none')).toBe(401);
    // A good signature on other bytes: the body was changed on the way.
    const event = oa.fake.textEvent(user, 'menu');
    const response = await fetch(oa.webhook, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-zevent-signature': `mac=${oa.fake.sign(JSON.stringify(event), event.timestamp)}`,
      },
      body: JSON.stringify({ ...event, message: { ...event.message, text: 'gặp cán bộ' } }),
    });
    expect(response.status).toBe(401);
    await oa.channel.idle();
    expect(oa.fake.callsTo(user)).toEqual([]);
    expect(await oa.store.get(`zalo:${user}`)).toBeNull();
    expect(oa.log.with('warn', 'webhook call refused').length - refusedBefore).toBe(3);
  });

  it('answers the unsigned {} of the console with 200 and does nothing', async () => {
    const calls = oa.fake.sendCalls.length;
    const entries = oa.log.entries.length;
    expect(await oa.deliver('{}', 'none')).toBe(200);
    expect(oa.fake.sendCalls.length).toBe(calls);
    expect(oa.log.entries.length).toBe(entries);
    // Only the empty object passes unsigned: any event needs the signature.
    expect(await oa.deliver(JSON.stringify({ event_name: 'user_send_text' }), 'none')).toBe(401);
  });

  it('takes the timestamp from X-ZEvent-Timestamp when the body has none, and refuses a body that is not JSON', async () => {
    const user = userId(118);
    oa.fake.userWrote(user);
    const { timestamp, ...event } = oa.fake.textEvent(user, 'menu');
    const raw = JSON.stringify(event);
    const post = (body: string, headers: Record<string, string>) =>
      fetch(oa.webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const signature = `mac=${oa.fake.sign(raw, timestamp)}`;
    expect((await post(raw, { 'x-zevent-signature': signature })).status).toBe(401);
    expect(
      (await post(raw, { 'x-zevent-signature': signature, 'x-zevent-timestamp': timestamp })).status,
    ).toBe(200);
    await oa.channel.idle();
    expect(texts(user)).toHaveLength(1);
    expect((await post('{"event_name":', { 'x-zevent-signature': signature })).status).toBe(400);
    expect((await post('[]', { 'x-zevent-signature': signature })).status).toBe(400);
  });

  it('refuses a well-signed event whose timestamp is hours old (a replay) or far in the future', async () => {
    const user = userId(119);
    oa.fake.userWrote(user);
    const old = { ...oa.fake.textEvent(user, 'menu'), timestamp: String(Date.now() - 7 * 3600 * 1000) };
    expect(await oa.deliver(old)).toBe(401);
    const ahead = { ...oa.fake.textEvent(user, 'menu'), timestamp: String(Date.now() + 3600 * 1000) };
    expect(await oa.deliver(ahead)).toBe(401);
    const unfollow = {
      ...oa.fake.followEvent(user, 'unfollow'),
      timestamp: String(Date.now() - 24 * 3600 * 1000),
    };
    expect(await oa.deliver(unfollow)).toBe(401);
    // A retry two hours after the first try is still taken.
    const retried = { ...oa.fake.textEvent(user, 'menu'), timestamp: String(Date.now() - 2 * 3600 * 1000) };
    expect(await oa.deliver(retried)).toBe(200);
    await oa.channel.idle();
    expect(texts(user)).toHaveLength(1);
    expect(oa.log.with('warn', /too old/)).toHaveLength(3);
  });

  it('answers the same msg_id delivered twice once', async () => {
    const user = userId(105);
    const event = oa.fake.textEvent(user, 'trợ giúp');
    expect(await oa.deliver(event)).toBe(200);
    const once = texts(user);
    expect(once.length).toBeGreaterThan(0);
    expect(await oa.deliver(event)).toBe(200);
    // Two deliveries at once (Zalo retrying while the first is handled).
    const again = oa.fake.textEvent(user, 'menu');
    await Promise.all([oa.fake.deliver(oa.webhook, again), oa.fake.deliver(oa.webhook, again)]);
    await oa.channel.idle();
    expect(texts(user)).toEqual([...once, texts(user).at(-1)]);
    expect(texts(user)).toHaveLength(once.length + 1);
  });

  it('walks a conversation through numbered menus: follow → field → guide → section', async () => {
    const user = userId(106);
    expect(await oa.deliver(oa.fake.followEvent(user))).toBe(200);
    const [greeting, menu] = texts(user);
    expect(texts(user)).toHaveLength(2);
    expect(greeting).toBe(`${say('greeting')}\n${say('what_i_do')}`);
    const menuChoices = choices(menu!);
    expect(menuChoices.map((c) => c.number)).toEqual(menuChoices.map((_, i) => i + 1));
    expect(menuChoices.map((c) => c.label)).toEqual(
      expect.arrayContaining(['Tư pháp và hộ tịch', say('button_center'), say('button_staff')]),
    );
    expect(menu!.startsWith(say('menu_prompt'))).toBe(true);
    expect(menu!.endsWith(hint(menuChoices.length))).toBe(true);
    expect(menu).toMatch(/Bạn gõ .+ để chọn nhé\.$/);
    // No buttons unless ZALO_BUTTONS is on.
    expect(oa.fake.sentTo(user).every((m) => m.buttons === undefined)).toBe(true);

    const field = catalogue.fields.find((f) => f.name === 'Tư pháp và hộ tịch')!;
    const procedures = catalogue.procedures.filter((p) => p.field === field.id);
    let count = texts(user).length;
    await oa.deliver(oa.fake.textEvent(user, numberOf(menu!, field.name)));
    const list = texts(user).slice(count);
    expect(list).toHaveLength(1);
    expect(list[0]!.startsWith(say('field_pick', { field: field.name }))).toBe(true);
    expect(choices(list[0]!)[0]!.label).toBe(titleOf(procedures[0]!));
    expect(list[0]!.endsWith(hint(choices(list[0]!).length))).toBe(true);

    count = texts(user).length;
    await oa.deliver(oa.fake.textEvent(user, '1'));
    const card = texts(user).slice(count).join('\n\n');
    expect(card.startsWith(titleOf(procedures[0]!))).toBe(true);
    const sectionChoices = choices(card);
    expect(card.endsWith(hint(sectionChoices.length))).toBe(true);
    // The official record's link is written out (Zalo makes it clickable).
    if (procedures[0]!.source_url)
      expect(card).toContain(`→ ${say('guide_official')}: ${procedures[0]!.source_url}`);

    count = texts(user).length;
    await oa.deliver(oa.fake.textEvent(user, `số ${numberOf(card, say('section_documents'))}`));
    const section = texts(user).slice(count).join('\n\n');
    expect(section).toContain(procedures[0]!.documents[0]!.items[0]!.name);
    expect(oa.fake.callsTo(user).every((c) => c.outcome === 0)).toBe(true);
  });

  it('answers a sticker, a photo, a file, a location or a voice message with the polite "text only", once', async () => {
    const user = userId(107);
    const sticker = oa.fake.attachmentEvent(user, 'sticker');
    await oa.deliver(sticker);
    await oa.deliver(sticker);
    for (const kind of ['image', 'file', 'location', 'audio'] as const)
      await oa.deliver(oa.fake.attachmentEvent(user, kind));
    expect(texts(user)).toEqual(Array(5).fill(say('text_only')));
  });

  it('forgets the conversation when the user unfollows, and sends nothing', async () => {
    const user = userId(108);
    await oa.deliver(oa.fake.followEvent(user));
    await oa.deliver(oa.fake.textEvent(user, '1'));
    expect(await oa.store.get(`zalo:${user}`)).not.toBeNull();
    const sent = texts(user).length;
    expect(await oa.deliver(oa.fake.followEvent(user, 'unfollow'))).toBe(200);
    expect(await oa.store.get(`zalo:${user}`)).toBeNull();
    expect(texts(user)).toHaveLength(sent);
  });

  it('welcomes every follow once, a second follow later again', async () => {
    const user = userId(109);
    const follow = oa.fake.followEvent(user);
    await oa.deliver(follow);
    await oa.deliver(follow); // redelivered
    expect(texts(user)).toHaveLength(2);
    await oa.deliver(oa.fake.followEvent(user));
    expect(texts(user)).toHaveLength(4);
  });

  it('ignores numeric ids: a 19-digit number has already lost its digits', async () => {
    const user = userId(110);
    const event = oa.fake.textEvent(user, 'menu');
    const numericSender = JSON.stringify(event).replace(`"id":"${user}"`, `"id":${user}`);
    expect(numericSender).toContain(`"id":${user}`);
    expect(await oa.deliver(numericSender)).toBe(200);
    const numericFollower = JSON.stringify(oa.fake.followEvent(user)).replace(`"${user}"`, user);
    expect(await oa.deliver(numericFollower)).toBe(200);
    expect(oa.fake.callsTo(user)).toEqual([]);
    expect(oa.fake.sendCalls.every((c) => c.userId !== null)).toBe(true);
  });

  it('ignores delivery and read receipts and the OA’s own echoes', async () => {
    const user = userId(111);
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    const [message] = oa.fake.sentTo(user);
    const calls = oa.fake.sendCalls.length;
    expect(await oa.deliver(oa.fake.receivedEvent(user, message!.message_id))).toBe(200);
    expect(await oa.deliver(oa.fake.seenEvent(user, [message!.message_id]))).toBe(200);
    expect(await oa.deliver(oa.fake.echoEvent(user, message!.text))).toBe(200);
    expect(oa.fake.sendCalls.length).toBe(calls);
  });

  it('gives up at -230 (no message for 7 days): no retry, logged, the turn stops', async () => {
    const user = userId(112);
    oa.fake.failNext({ error: -230 });
    await oa.deliver(oa.fake.followEvent(user)); // two messages: greeting and menu
    expect(oa.fake.callsTo(user).map((c) => c.outcome)).toEqual([-230]);
    const logged = oa.log.with('info', 'out of reach');
    expect(logged.at(-1)!.obj).toMatchObject({ code: -230 });
    // The user id is personal data: logged as a salted hash.
    expect(oa.log.text()).not.toContain(user);
  });

  it('also stops at -213 (not a follower) and -232, without retrying', async () => {
    const user = userId(113);
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    oa.fake.failNext({ error: -213 });
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    oa.fake.failNext({ error: -232 });
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    expect(oa.fake.callsTo(user).map((c) => c.outcome)).toEqual([0, -213, -232]);
  });

  it('retries -32 with growing waits and delivers; gives up after the bounded attempts', async () => {
    const user = userId(115);
    oa.fake.failNext({ error: -32 }, 2);
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    const calls = oa.fake.callsTo(user);
    expect(calls.map((c) => c.outcome)).toEqual([-32, -32, 0]);
    // backoffMs 5: waits of 5 and 10 ms at least (doubling).
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(4);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(9);
    expect(texts(user)).toHaveLength(1);
    expect(oa.log.with('warn', 'retrying').length).toBeGreaterThanOrEqual(2);

    oa.fake.failNext({ error: -32 }, 10);
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    expect(
      oa.fake
        .callsTo(user)
        .slice(3)
        .map((c) => c.outcome),
    ).toEqual([-32, -32, -32, -32]);
    expect(texts(user)).toHaveLength(1);
    expect(oa.log.with('error', 'message not sent').at(-1)!.obj).toMatchObject({
      error: expect.stringMatching(/^-32/),
    });
  });

  it('retries an HTTP 503 (the service did not take the message) and sends', async () => {
    const user = userId(116);
    oa.fake.failNext({ status: 503 });
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    expect(oa.fake.callsTo(user).map((c) => c.outcome)).toEqual(['http', 0]);
  });

  it('does not repeat a message after a 502/504 (a gateway may answer after Zalo took it): no answer twice', async () => {
    const user = userId(120);
    oa.fake.failNext({ status: 502 });
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    expect(oa.fake.callsTo(user).map((c) => c.outcome)).toEqual(['http']);
    expect(oa.log.with('error', /may not have been sent/).length).toBeGreaterThan(0);
  });

  it('does not retry other errors (-201), and logs them', async () => {
    const user = userId(117);
    oa.fake.failNext({ error: -201 });
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    expect(oa.fake.callsTo(user).map((c) => c.outcome)).toEqual([-201]);
    expect(oa.log.with('error', 'message not sent').at(-1)!.obj).toMatchObject({
      error: expect.stringMatching(/^-201/),
    });
  });

  it('never writes a token or a secret to the log', () => {
    expect(oa.log.entries.length).toBeGreaterThan(0);
    const text = oa.log.text();
    for (const secret of [oa.fake.appSecret, oa.fake.oaSecretKey, ...oa.fake.issuedTokens])
      expect(text).not.toContain(secret);
  });
});

describe('a stalled Zalo API', () => {
  it('gives up after the timeout and does not send again (the message may have arrived)', async () => {
    const oa = await startTestOa({ timeoutMs: 300 });
    try {
      const user = userId(150);
      oa.fake.failNext({ stall: true });
      const started = Date.now();
      expect(await oa.deliver(oa.fake.textEvent(user, 'menu'))).toBe(200);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(oa.fake.callsTo(user).map((c) => c.outcome)).toEqual(['stalled']);
      expect(oa.log.with('error', 'may not have been sent')).toHaveLength(1);
      // The next message goes through.
      await oa.deliver(oa.fake.textEvent(user, 'menu'));
      expect(oa.fake.sentTo(user)).toHaveLength(1);
      expect(oa.fake.violations).toEqual([]);
    } finally {
      await oa.close();
    }
  });

  it('answers the webhook at once even while the API is slow', async () => {
    const oa = await startTestOa({ timeoutMs: 800 });
    try {
      const user = userId(151);
      oa.fake.failNext({ stall: true });
      const started = Date.now();
      expect(await oa.fake.deliver(oa.webhook, oa.fake.textEvent(user, 'menu'))).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
      await oa.channel.idle();
    } finally {
      await oa.close();
    }
  });
});
