import type { Engine } from '../../../src/bot/engine';
import type { Reply } from '../../../src/bot/types';
import { say } from '../../bot/transcript-helpers';
import { choices, startTestOa, userId, type TestOa } from './harness';

/** ZALO_BUTTONS=on: menus also as `oa.query.hide` buttons, whose press comes back as the payload text. */
describe('Zalo with ZALO_BUTTONS on', () => {
  let oa: TestOa;
  beforeAll(async () => {
    oa = await startTestOa({ buttons: true });
  });
  afterEach(() => {
    expect(oa.fake.violations).toEqual([]);
    oa.fake.clearFailures();
  });
  afterAll(async () => {
    await oa.close();
  });

  async function menuFor(user: string) {
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    const menu = oa.fake.sentTo(user).at(-1)!;
    expect(menu.buttons).toBeDefined();
    return menu;
  }

  it('sends at most five oa.query.hide buttons, payload "#<token>", and keeps the numbered text', async () => {
    const menu = await menuFor(userId(200));
    const numbered = choices(menu.text);
    expect(numbered.length).toBeGreaterThan(5);
    expect(menu.buttons).toHaveLength(5);
    expect(menu.buttons!.map((b) => b.title)).toEqual(numbered.slice(0, 5).map((c) => c.label));
    for (const button of menu.buttons!) {
      expect(button.type).toBe('oa.query.hide');
      expect(button.payload).toMatch(/^#[A-Za-z0-9_.:-]{1,64}$/);
    }
    expect(menu.text).toMatch(/Bạn gõ .+ để chọn nhé\.$/);
  });

  it('takes a press arriving as user_send_text whose text is the payload', async () => {
    const user = userId(201);
    const menu = await menuFor(user);
    const first = menu.buttons![0]!;
    await oa.deliver(oa.fake.textEvent(user, first.payload));
    expect(
      oa.fake
        .sentTo(user)
        .at(-1)!
        .text.startsWith(say('field_pick', { field: first.title })),
    ).toBe(true);
  });

  it('takes a press arriving as a user_click_button event', async () => {
    const user = userId(202);
    const menu = await menuFor(user);
    const second = menu.buttons![1]!;
    await oa.deliver(oa.fake.clickEvent(user, second.payload));
    expect(
      oa.fake
        .sentTo(user)
        .at(-1)!
        .text.startsWith(say('field_pick', { field: second.title })),
    ).toBe(true);
  });

  it('still understands a typed number', async () => {
    const user = userId(203);
    const menu = await menuFor(user);
    await oa.deliver(oa.fake.textEvent(user, '3'));
    expect(
      oa.fake
        .sentTo(user)
        .at(-1)!
        .text.startsWith(say('field_pick', { field: menu.buttons![2]!.title })),
    ).toBe(true);
  });

  it('sends a message again without its buttons when Zalo refuses them (-233), and warns', async () => {
    const user = userId(204);
    oa.fake.failNext({ error: -233, buttonsOnly: true });
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    const calls = oa.fake.callsTo(user);
    expect(calls.map((c) => [c.outcome, c.hasButtons])).toEqual([
      [-233, true],
      [0, false],
    ]);
    expect(calls[1]!.text).toBe(calls[0]!.text);
    expect(oa.fake.sentTo(user)[0]!.buttons).toBeUndefined();
    expect(oa.log.with('warn', 'consider ZALO_BUTTONS=off')).toHaveLength(1);
  });

  it('does not resend without buttons when the refusal is not about the message (-230)', async () => {
    const user = userId(205);
    oa.fake.failNext({ error: -230 });
    await oa.deliver(oa.fake.textEvent(user, 'menu'));
    expect(oa.fake.callsTo(user).map((c) => c.outcome)).toEqual([-230]);
  });

  it('an old or foreign "#token" gets the "button is old" answer with the menu', async () => {
    const user = userId(206);
    await oa.deliver(oa.fake.textEvent(user, '#abcdEF.9'));
    expect(oa.fake.sentTo(user).at(-1)!.text.startsWith(say('expired_action'))).toBe(true);
  });
});

describe('Zalo buttons from a custom engine', () => {
  const replies: Reply[] = [];
  const engine: Engine = { handle: async () => replies, forget: async () => undefined };

  it('puts the buttons on the turn’s last message only, titles cut to 100 characters', async () => {
    const oa = await startTestOa({ buttons: true, engine });
    try {
      replies.splice(
        0,
        replies.length,
        { text: 'Thủ tục A', buttons: [{ label: 'Giấy tờ', action: 'n.1' }] },
        { text: 'Thủ tục B', buttons: [{ label: 'Đ'.repeat(150), action: 'n.2' }] },
        { text: 'Bạn cần gì thêm?' },
      );
      const user = userId(210);
      await oa.deliver(oa.fake.textEvent(user, 'xin chào'));
      const sent = oa.fake.sentTo(user);
      expect(sent).toHaveLength(3);
      expect(sent.slice(0, 2).every((m) => m.buttons === undefined)).toBe(true);
      expect(sent[2]!.buttons!.map((b) => [b.title.length, b.payload])).toEqual([
        [7, '#n.1'],
        [100, '#n.2'],
      ]);
      expect(oa.fake.violations).toEqual([]);
    } finally {
      await oa.close();
    }
  });
});
