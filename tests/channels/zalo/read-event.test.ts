import { readEvent } from '../../../src/channels/zalo/read-event';
import { FakeZalo } from './fake-zalo';

/** Webhook events → what they ask of the bot (channels.md A8.1–A8.3). */
describe('reading Zalo webhook events', () => {
  let fake: FakeZalo;
  beforeAll(async () => {
    fake = await FakeZalo.start();
  });
  afterAll(async () => {
    await fake.close();
  });
  const user = '6142494823000000001';

  it('reads a text with its sender and msg_id, as strings', () => {
    const event = fake.textEvent(user, 'Thủ tục cấp đổi CCCD?', 'cb31dff1c39642cc1b83');
    expect(readEvent(event)).toEqual({
      kind: 'text',
      userId: user,
      messageId: 'cb31dff1c39642cc1b83',
      text: 'Thủ tục cấp đổi CCCD?',
    });
  });

  it('reads "#<token>" as a button press, from user_send_text or user_click_button (text or payload)', () => {
    expect(readEvent(fake.textEvent(user, '#Ab-_9.1f', 'm1'))).toEqual({
      kind: 'action',
      userId: user,
      messageId: 'm1',
      action: 'Ab-_9.1f',
    });
    expect(readEvent(fake.clickEvent(user, '#menu', 'm2'))).toMatchObject({ kind: 'action', action: 'menu' });
    const clickWithText = { ...fake.clickEvent(user, '', 'm3'), message: { msg_id: 'm3', text: '#help' } };
    expect(readEvent(clickWithText)).toMatchObject({ kind: 'action', action: 'help' });
  });

  it('reads a hashtag as text when our buttons are off (ZALO_BUTTONS=off): "#CCCD" is a question', () => {
    expect(readEvent(fake.textEvent(user, '#CCCD', 'm7'), { actions: false })).toMatchObject({
      kind: 'text',
      text: '#CCCD',
    });
    expect(readEvent(fake.textEvent(user, '#CCCD', 'm8'), { actions: true })).toMatchObject({
      kind: 'action',
    });
  });

  it('reads a "#" that is not a token as text ("#1 ở đâu", a bare "#")', () => {
    expect(readEvent(fake.textEvent(user, '#1 ở đâu', 'm4'))).toMatchObject({
      kind: 'text',
      text: '#1 ở đâu',
    });
    expect(readEvent(fake.textEvent(user, '#', 'm5'))).toMatchObject({ kind: 'text', text: '#' });
    expect(readEvent(fake.textEvent(user, `#${'a'.repeat(65)}`, 'm6'))).toMatchObject({ kind: 'text' });
  });

  it('reads every attachment event as not text', () => {
    for (const kind of ['image', 'gif', 'sticker', 'audio', 'video', 'file', 'link', 'location'] as const)
      expect(readEvent(fake.attachmentEvent(user, kind))).toMatchObject({ kind: 'not_text', userId: user });
    const card = { ...fake.textEvent(user, 'x', 'm7'), event_name: 'user_send_business_card' };
    expect(readEvent(card)).toMatchObject({ kind: 'not_text' });
  });

  it('reads follow (with its timestamp) and unfollow from the follower envelope', () => {
    const follow = fake.followEvent(user);
    expect(readEvent(follow)).toEqual({ kind: 'follow', userId: user, timestamp: follow.timestamp });
    expect(readEvent(fake.followEvent(user, 'unfollow'))).toEqual({ kind: 'unfollow', userId: user });
  });

  it('ignores receipts, echoes, anonymous chats, unknown events and malformed envelopes', () => {
    const ignored = [
      fake.receivedEvent(user, 'abc'),
      fake.seenEvent(user, ['abc', 'def']),
      fake.echoEvent(user, 'Xin chào'),
      { ...fake.textEvent(user, 'x'), event_name: 'oa_send_image' },
      { ...fake.textEvent(user, 'x'), event_name: 'anonymous_send_text' },
      { ...fake.textEvent(user, 'x'), event_name: 'user_submit_info' },
      {},
      { event_name: 42 },
      null,
      'user_send_text',
    ];
    for (const event of ignored) expect(readEvent(event)).toMatchObject({ kind: 'ignore' });
  });

  it('ignores an id that is a number, empty or absurdly long, and a message without msg_id', () => {
    const event = fake.textEvent(user, 'menu', 'm8');
    expect(readEvent({ ...event, sender: { id: Number(user) } })).toMatchObject({ kind: 'ignore' });
    expect(readEvent({ ...event, sender: { id: '' } })).toMatchObject({ kind: 'ignore' });
    expect(readEvent({ ...event, sender: { id: '1'.repeat(65) } })).toMatchObject({ kind: 'ignore' });
    expect(readEvent({ ...event, message: { msg_id: 12345, text: 'menu' } })).toMatchObject({
      kind: 'ignore',
    });
    expect(readEvent({ ...event, message: { text: 'menu' } })).toMatchObject({ kind: 'ignore' });
    expect(readEvent({ ...fake.followEvent(user), follower: { id: Number(user) } })).toMatchObject({
      kind: 'ignore',
    });
    expect(readEvent({ ...event, sender: undefined })).toMatchObject({ kind: 'ignore' });
  });

  it('reads a user_send_text without a text as not text', () => {
    expect(readEvent({ ...fake.textEvent(user, 'x', 'm9'), message: { msg_id: 'm9' } })).toMatchObject({
      kind: 'not_text',
    });
  });
});
