import { createMatcher } from '../../src/search/matcher';
import {
  catalogue,
  createHarness,
  labels,
  licence,
  menuLabels,
  openLicenceGuide,
  say,
  texts,
  titleOf,
  type Harness,
} from './transcript-helpers';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

describe('ratings', () => {
  it('carry the decision of when they were asked, and count once: a second press is an old button', async () => {
    const u = h.user();
    await u.send('sổ đỏ');
    const chosen = u.lastButtons()[0]!.label;
    const id = catalogue.procedures.find((p) => titleOf(p) === chosen)!.id;
    await u.press(chosen);
    await u.press(say('section_documents'));
    await u.press(say('section_fee'));
    const partly = u.button(say('rating_partly')).action;
    const yes = u.button(say('rating_yes')).action;
    // A confident question in between: the rating is still about the guide reached by the clarification.
    await openLicenceGuide(u);
    await u.action(partly);
    expect(h.events.ofType('rating')).toEqual([
      expect.objectContaining({ level: 2, procedure: id, decision: 'clarify' }),
    ]);

    expect(texts(await u.action(partly))).toEqual([say('expired_action')]);
    expect(texts(await u.action(yes))).toEqual([say('expired_action')]);
    expect(h.events.ofType('rating')).toHaveLength(1);
  });

  it('a guide reached by a suggestion after a fallback is rated with decision "fallback"', async () => {
    const question = 'giấy này xin ở đâu';
    const outcome = createMatcher(catalogue).match(question);
    expect(outcome.decision).toBe('fallback');
    const u = h.user();
    const replies = await u.send(question);
    expect(replies[1]!.text).toBe(say('fallback_suggest'));
    const suggested = replies[1]!.buttons![0]!;
    const id = outcome.results.find((r) => r.title === suggested.label)!.id;
    await u.action(suggested.action);
    await u.press(say('section_fee'));
    await u.press(say('section_time'));
    await u.press(say('rating_yes'));
    expect(h.events.ofType('rating')).toEqual([
      expect.objectContaining({ level: 3, procedure: id, decision: 'fallback' }),
    ]);
  });
});

describe('buttons of an older clarification', () => {
  it('a candidate still opens its guide but is not recorded as the choice of the newer question', async () => {
    const u = h.user();
    await u.send('sổ đỏ');
    const oldPick = u.lastButtons()[0]!;
    const oldNone = u.button(say('clarify_none')).action;
    await u.send('bằng lái');
    expect(u.last[0]!.text.split('\n')[0]).toBe(say('clarify'));

    const opened = await u.action(oldPick.action);
    expect(opened.at(-1)!.text.split('\n')[0]).toBe(oldPick.label);
    expect(h.events.ofType('clarify_chosen')).toEqual([]);
    expect(texts(await u.action(oldNone))).toEqual([say('expired_action')]);
    expect(h.events.ofType('clarify_chosen')).toEqual([]);
  });

  it('the current clarification is recorded with its own question', async () => {
    const u = h.user();
    await u.send('sổ đỏ');
    await u.send('bằng lái');
    const pick = u.lastButtons()[1]!;
    await u.action(pick.action);
    expect(h.events.ofType('clarify_chosen')).toEqual([
      expect.objectContaining({ text: 'bằng lái', chosen: expect.any(String) }),
    ]);
    expect(h.events.ofType('clarify_chosen')[0]!.offered).toContain(
      h.events.ofType('clarify_chosen')[0]!.chosen,
    );
  });
});

describe('numbers typed for buttons', () => {
  it('"2" half an hour after the menu, with no flow, presses nothing: the button is old', async () => {
    const u = h.user();
    await u.send('menu');
    h.advanceMinutes(31);
    const replies = await u.send('2');
    expect(texts(replies)).toEqual([say('expired_action')]);
    expect(labels(replies[0])).toEqual(menuLabels());
  });

  it.each(['57', 'số 9'])('"%s" with no such button is an old button, not a question', async (typed) => {
    const u = h.user();
    await u.send('/start');
    expect(texts(await u.send(typed))).toEqual([say('expired_action')]);
    expect(h.events.ofType('unanswered')).toEqual([]);
  });
});

describe('button tokens', () => {
  it("the guide card's buttons stay valid after many section views", async () => {
    const u = h.user();
    const card = (await openLicenceGuide(u)).at(-1)!;
    const steps = card.buttons!.find((b) => b.label === say('section_steps'))!;
    for (let i = 0; i < 30; i++) await u.press(say(i % 2 ? 'section_fee' : 'section_time'));
    // The same buttons come back with the same tokens.
    expect(u.button(say('section_steps')).action).toBe(steps.action);
    const replies = await u.action(steps.action);
    expect(replies[0]!.text.startsWith(`${say('section_steps')} — ${titleOf(licence)}`)).toBe(true);
  });
});

describe('fields and the menu', () => {
  it('a field of more than 10 guides pages with "Xem thêm", and every page has the menu button', async () => {
    const field = catalogue.fields.find((f) => f.id === 'cong-an')!;
    const inField = catalogue.procedures.filter((p) => p.field === field.id);
    expect(inField.length).toBeGreaterThan(10);
    const u = h.user();
    await u.send('menu');
    const first = await u.press(field.name);
    expect(labels(first[0])).toEqual([
      ...inField.slice(0, 10).map(titleOf),
      say('field_more'),
      say('button_menu'),
    ]);
    const second = await u.press(say('field_more'));
    expect(texts(second)).toEqual([say('field_pick', { field: field.name })]);
    expect(labels(second[0])).toEqual([...inField.slice(10, 20).map(titleOf), say('button_menu')]);
    const card = await u.press(titleOf(inField[10]!));
    expect(card.at(-1)!.text.split('\n')[0]).toBe(titleOf(inField[10]!));
  });

  it('the main menu shows every field marked menu: true', async () => {
    const everyField = { ...catalogue, fields: catalogue.fields.map((f) => ({ ...f, menu: true })) };
    expect(menuLabels(everyField).length).toBeGreaterThan(8 + 2);
    await h.close();
    h = createHarness({ catalogue: everyField });
    const replies = await h.user().send('menu');
    expect(labels(replies[0])).toEqual(menuLabels(everyField));
  });
});
