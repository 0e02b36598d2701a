import type { FlowContext } from '../../src/bot/context';
import { freshState, type SessionState } from '../../src/bot/session-state';
import type { Reply } from '../../src/bot/types';
import { fillCenterPlaceholders } from '../../src/content/center-text';
import { faqAnswer } from '../../src/flows/faq';
import { guideCard, sectionReplies } from '../../src/flows/guide';
import type { SessionValue, SessionWrite } from '../../src/sessions';
import { MemorySessionStore } from '../../src/sessions';
import {
  allText,
  applicationForm,
  asksFor,
  catalogue,
  classQuestion,
  Conversation,
  createHarness,
  expectWellFormed,
  GLOBAL_TOKENS,
  guideButtonLabels,
  healthCertificate,
  labels,
  licence,
  licenceChecklistAtFirstDocument,
  licenceCopy,
  menuLabels,
  nationalityQuestion,
  openLicenceGuide,
  option,
  otherPapers,
  passport,
  procedure,
  say,
  sectionKeys,
  texts,
  titleOf,
  type Harness,
} from './transcript-helpers';

const sectionTitle = (key: (typeof sectionKeys)[number], p = licence) =>
  `${say(`section_${key}`)} — ${titleOf(p)}`;
let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

describe('welcome', () => {
  it.each(['/start', 'bắt đầu', 'Bắt đầu!', 'xin chào'])(
    '"%s" greets with the fields, center and staff buttons',
    async (text) => {
      const u = h.user();
      const replies = await u.send(text);
      expect(replies).toHaveLength(2);
      expect(replies[0]!.text).toBe(`${say('greeting')}\n${say('what_i_do')}`);
      expect(replies[0]!.text).toContain(catalogue.center.name);
      expect(replies[1]!.text).toBe(say('menu_prompt'));
      expect(labels(replies[1])).toEqual(menuLabels());
      const buttons = replies[1]!.buttons!;
      expect(buttons.at(-2)).toEqual({ label: say('button_center'), action: 'center' });
      expect(buttons.at(-1)).toEqual({ label: say('button_staff'), action: 'staff' });
    },
  );

  it('a field button lists its guides, and a guide button opens the card (at the Center: no warning)', async () => {
    const u = h.user();
    await u.send('/start');
    const field = catalogue.fields.find((f) => f.id === 'dat-dai')!;
    const fieldReplies = await u.press(field.name);
    const inField = catalogue.procedures.filter((p) => p.field === 'dat-dai');
    expect(texts(fieldReplies)).toEqual([say('field_pick', { field: field.name })]);
    expect(inField.length).toBeLessThanOrEqual(10);
    expect(labels(fieldReplies[0])).toEqual([...inField.map(titleOf), say('button_menu')]);

    const atCenter = inField.find((p) => p.venue.kind === 'center')!;
    const card = (await u.press(titleOf(atCenter))).at(-1)!;
    expect(card.text.split('\n')[0]).toBe(titleOf(atCenter));
    expect(card.text).toContain(
      say('guide_place_center', { department: atCenter.venue.department ?? '', text: atCenter.venue.text }),
    );
    expect(card.text).not.toContain('KHÔNG làm tại Trung tâm');
    expect(labels(card)).toEqual(guideButtonLabels());
  });

  it('"cảm ơn" is thanked, with the menu buttons', async () => {
    const replies = await h.user().send('cảm ơn bạn');
    expect(texts(replies)).toEqual([say('thanks_reply')]);
    expect(labels(replies[0])).toEqual(menuLabels());
  });
});

describe('global commands, typed or pressed, in every flow', () => {
  type Context = 'guide' | 'checklist' | 'clarify';
  const menuButton = () => [say('button_menu')];
  const commands: {
    name: string;
    send: (u: Conversation) => Promise<Reply[]>;
    leaves: boolean;
    text: () => string;
    buttons: () => string[];
    staffText?: string;
  }[] = [
    {
      name: 'typed "menu"',
      send: (u) => u.send('menu'),
      leaves: true,
      text: () => say('menu_prompt'),
      buttons: menuLabels,
    },
    {
      name: "action 'menu'",
      send: (u) => u.action('menu'),
      leaves: true,
      text: () => say('menu_prompt'),
      buttons: menuLabels,
    },
    {
      name: 'typed "hủy"',
      send: (u) => u.send('hủy'),
      leaves: true,
      text: () => say('cancelled'),
      buttons: menuLabels,
    },
    {
      name: "action 'cancel'",
      send: (u) => u.action('cancel'),
      leaves: true,
      text: () => say('cancelled'),
      buttons: menuLabels,
    },
    {
      name: 'typed "gặp cán bộ"',
      send: (u) => u.send('gặp cán bộ'),
      leaves: true,
      text: () => say('staff_request'),
      buttons: menuButton,
      staffText: 'gặp cán bộ',
    },
    {
      name: "action 'staff'",
      send: (u) => u.action('staff'),
      leaves: true,
      text: () => say('staff_request'),
      buttons: menuButton,
      staffText: '',
    },
    {
      name: 'typed "trợ giúp"',
      send: (u) => u.send('trợ giúp'),
      leaves: false,
      text: () => say('help'),
      buttons: menuButton,
    },
    {
      name: "action 'help'",
      send: (u) => u.action('help'),
      leaves: false,
      text: () => say('help'),
      buttons: menuButton,
    },
    {
      name: "action 'center'",
      send: (u) => u.action('center'),
      leaves: false,
      text: () => say('center_info'),
      buttons: menuButton,
    },
  ];
  const cases = (['guide', 'checklist', 'clarify'] as Context[]).flatMap((context) =>
    commands.map((command) => [context, command.name, command] as const),
  );

  it.each(cases)('inside a %s: %s', async (context, _name, command) => {
    const u = h.user();
    let checklistButton: { action: string } | undefined;
    if (context === 'guide') await openLicenceGuide(u);
    if (context === 'checklist') ({ checklistButton } = await licenceChecklistAtFirstDocument(u));
    if (context === 'clarify') await u.send('sổ đỏ');

    const replies = await command.send(u);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBe(command.text());
    expect(labels(replies[0])).toEqual(command.buttons());
    if (command.name.includes('center')) expect(replies[0]!.text).toContain(catalogue.center.address.text);
    const staff = h.events.ofType('staff_request');
    if (command.staffText === undefined) expect(staff).toEqual([]);
    else expect(staff).toEqual([expect.objectContaining({ channel: 'web', text: command.staffText })]);

    if (context === 'guide' && command.leaves) {
      // "2" now refers to the new buttons, not to the guide's second section.
      const next = await u.send('2');
      expect(next.some((r) => r.text.startsWith(sectionTitle('steps')))).toBe(false);
    }
    if (context === 'clarify' && command.leaves) {
      // Naming one of the offered procedures is a new question now: no clarification is recorded.
      await u.send('tach thua');
      expect(h.events.ofType('clarify_chosen')).toEqual([]);
    }
    if (context === 'checklist') {
      if (command.leaves) {
        // "có rồi" no longer ticks a document…
        const typed = await u.send('co roi');
        expect(allText(typed)).not.toContain(asksFor(licenceCopy));
      }
      // …and the checklist button resumes where it was, nothing lost.
      const resumed = await u.action(checklistButton!.action);
      expect(texts(resumed)).toEqual([
        say('checklist_resume', { procedure: titleOf(licence) }),
        asksFor(applicationForm),
      ]);
    }
  });
});

describe('guides', () => {
  it('a question without diacritics gets the card: where (not at the Center), time, fee, online, official link', async () => {
    expect(licence.venue.kind).not.toBe('center');
    const replies = await openLicenceGuide(h.user());
    expect(replies).toHaveLength(1);
    const card = replies[0]!;
    expect(card.text).toContain(
      say('guide_place_elsewhere', { place: licence.venue.place!, text: licence.venue.text }),
    );
    expect(card.text).toContain('KHÔNG làm tại Trung tâm');
    expect(card.text).toContain(
      say('guide_time', { time: '5 ngày làm việc (kể từ ngày nhận đủ hồ sơ hợp lệ)' }),
    );
    expect(card.text).toContain('135.000 đồng');
    expect(card.text).toContain(say('guide_online', { level: say('online_partial') }));
    expect(card.text).toContain(say('guide_checked', { date: licence.checked_at, by: licence.checked_by }));
    expect(card.links).toEqual([{ label: say('guide_official'), url: licence.source_url }]);
    expect(labels(card)).toEqual(guideButtonLabels());
    expect(card.buttons!.at(-1)!.action).toBe('menu');
  });

  it('the aspect asked is answered first: "... het bn tien" starts with the fee', async () => {
    const replies = await h.user().send('doi gplx het bn tien');
    expect(replies.length).toBeGreaterThanOrEqual(2);
    expect(replies[0]!.text.startsWith(sectionTitle('fee'))).toBe(true);
    expect(replies[0]!.text).toContain('135.000 đồng/lần');
    expect(replies.at(-1)!.text.startsWith(titleOf(licence))).toBe(true);
    expect(labels(replies.at(-1))).toEqual(guideButtonLabels());
  });

  it('"... can giay to gi" starts with the documents', async () => {
    const replies = await h.user().send('doi bang lai can giay to gi');
    expect(replies[0]!.text.startsWith(sectionTitle('documents'))).toBe(true);
    expect(replies.at(-1)!.text.startsWith(titleOf(licence))).toBe(true);
  });

  const sectionContent: Record<(typeof sectionKeys)[number], () => string> = {
    documents: () => `• ${applicationForm.name} — 1 bản chính`,
    steps: () => `1. ${licence.steps[0]}`,
    fee: () => 'Lệ phí cấp giấy phép lái xe 135.000 đồng/lần',
    time: () => '5 ngày làm việc',
    place: () => say('guide_place_elsewhere', { place: licence.venue.place!, text: licence.venue.text }),
    online: () => say('guide_online', { level: say('online_partial') }),
    forms: () => `• ${applicationForm.form!.name}`,
    legal: () => `${licence.legal_basis[0]!.title} (${licence.legal_basis[0]!.code})`,
    result: () => `• ${licence.result[0]}`,
  };

  it.each(sectionKeys)('the "%s" button gives that section, with the buttons again', async (key) => {
    const u = h.user();
    await openLicenceGuide(u);
    const replies = await u.press(say(`section_${key}`));
    expect(replies[0]!.text.startsWith(`${sectionTitle(key)}\n`)).toBe(true);
    expect(allText(replies)).toContain(sectionContent[key]());
    expect(labels(replies.at(-1))).toEqual(guideButtonLabels());
    // The first section viewed does not ask for a rating yet.
    expect(texts(replies)).not.toContain(say('rating_question'));
    if (key === 'online')
      expect(replies.at(-1)!.links).toEqual([{ label: say('section_online'), url: licence.online.url }]);
    if (key === 'documents') {
      // Conditional documents are listed with their case.
      expect(replies[0]!.text).toContain(`${licence.documents[1]!.case}:\n• ${healthCertificate.name}`);
    }
  });

  it.each(['2', 'số 2', 'cái thứ 2', 'Chọn số 2'])(
    'typing "%s" presses the second button of the last message',
    async (typed) => {
      const u = h.user();
      await openLicenceGuide(u);
      expect(u.lastButtons()[1]!.label).toBe(say('section_steps'));
      const replies = await u.send(typed);
      expect(replies[0]!.text.startsWith(sectionTitle('steps'))).toBe(true);
    },
  );
});

describe('clarification', () => {
  async function clarify(u: Conversation) {
    const replies = await u.send('sổ đỏ');
    expect(replies).toHaveLength(1);
    const [first, ...rest] = replies[0]!.text.split('\n');
    expect(first).toBe(say('clarify'));
    const buttons = replies[0]!.buttons!;
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    expect(buttons.at(-1)!.label).toBe(say('clarify_none'));
    const options = buttons.slice(0, -1).map((b) => b.label);
    expect(rest).toEqual(options.map((label, i) => `${i + 1}. ${label}`));
    const ids = options.map((label) => catalogue.procedures.find((p) => titleOf(p) === label)?.id);
    expect(ids.every(Boolean)).toBe(true);
    return { options, ids: ids as string[] };
  }

  it('"sổ đỏ" offers the candidates as buttons, and the button opens the chosen guide', async () => {
    const u = h.user();
    const { options, ids } = await clarify(u);
    const replies = await u.press(options[1]!);
    expect(replies.at(-1)!.text.split('\n')[0]).toBe(options[1]);
    expect(labels(replies.at(-1))).toEqual(guideButtonLabels());
    expect(h.events.ofType('clarify_chosen')).toEqual([
      expect.objectContaining({ text: 'sổ đỏ', offered: ids, chosen: ids[1] }),
    ]);
  });

  it('a typed number picks that candidate', async () => {
    const u = h.user();
    const { options, ids } = await clarify(u);
    const replies = await u.send('số 3');
    expect(replies.at(-1)!.text.split('\n')[0]).toBe(options[2]);
    expect(h.events.ofType('clarify_chosen')).toEqual([expect.objectContaining({ chosen: ids[2] })]);
  });

  it('a typed text naming one candidate picks it', async () => {
    const u = h.user();
    const { ids } = await clarify(u);
    expect(ids).toContain('tach-thua-hop-thua');
    const replies = await u.send('tách thửa');
    expect(replies.at(-1)!.text.split('\n')[0]).toBe(titleOf(procedure('tach-thua-hop-thua')));
    expect(h.events.ofType('clarify_chosen')).toEqual([
      expect.objectContaining({ text: 'sổ đỏ', chosen: 'tach-thua-hop-thua' }),
    ]);
  });

  it('"none of these" apologises, offers staff, and records chosen: null', async () => {
    const u = h.user();
    const { ids } = await clarify(u);
    const replies = await u.press(say('clarify_none'));
    expect(replies).toEqual([
      { text: say('clarify_none_reply'), buttons: [{ label: say('button_staff'), action: 'staff' }] },
    ]);
    expect(h.events.ofType('clarify_chosen')).toEqual([
      expect.objectContaining({ channel: 'web', text: 'sổ đỏ', offered: ids, chosen: null }),
    ]);
  });
});

describe('fallback and FAQ', () => {
  it('an unknown question gets an apology with the contact, fields, and an unanswered record', async () => {
    const replies = await h.user().send('thời tiết hôm nay thế nào');
    expect(replies[0]!.text).toBe(`${say('fallback')}\n${say('contact')}`);
    expect(replies[0]!.text).toContain(catalogue.center.address.text);
    expect(replies).toHaveLength(2);
    expect(replies[1]!.buttons!.length).toBeGreaterThan(0);
    expect(labels(replies[1])).toContain(say('button_staff'));
    const unanswered = h.events.ofType('unanswered');
    expect(unanswered).toEqual([
      expect.objectContaining({ channel: 'web', text: 'thời tiết hôm nay thế nào' }),
    ]);
    // Records keep a hash, never the channel's user id.
    expect(unanswered[0]!.userKey).toMatch(/^[0-9a-f]{16}$/);
    expect(unanswered[0]!.userKey).not.toContain('citizen');
  });

  it('"giờ làm việc" gets the FAQ answer, every placeholder filled, with its follow-ups as buttons', async () => {
    const u = h.user();
    const faq = catalogue.faqById.get('gio-lam-viec')!;
    const replies = await u.send('giờ làm việc');
    expect(allText(replies)).toBe(fillCenterPlaceholders(faq.answer, catalogue.center, say('unconfirmed')));
    expect(allText(replies)).toContain(catalogue.center.name);
    expect(allText(replies)).toContain(catalogue.center.portals.national!);
    expect(labels(replies.at(-1))).toEqual([...faq.follow_ups.map((f) => f.label), say('button_menu')]);

    const address = catalogue.faqById.get('dia-chi-trung-tam')!;
    const next = await u.press('Địa chỉ Trung tâm');
    expect(allText(next)).toBe(fillCenterPlaceholders(address.answer, catalogue.center, say('unconfirmed')));
    expect(allText(next)).toContain(catalogue.center.address.text);
  });

  it('every guide card, section and FAQ answer of data/ renders without holes', () => {
    const state: SessionState = freshState(Date.parse('2026-12-01T02:00:00Z'));
    const ctx: FlowContext = {
      catalogue,
      matcher: {
        match: () => ({ decision: 'fallback', results: [], aspect: null }),
      } as unknown as FlowContext['matcher'],
      say,
      state,
      now: state.flowAt,
      channel: 'test',
      userKey: 'x',
      events: [],
    };
    for (const p of catalogue.procedures) {
      const card = guideCard(ctx, p, null);
      expectWellFormed(card);
      expect(card.at(-1)!.text.split('\n')[0]).toBe(titleOf(p));
      for (const key of sectionKeys) expectWellFormed(sectionReplies(ctx, p, key));
      state.actions = {};
    }
    for (const faq of catalogue.faq) expectWellFormed(faqAnswer(ctx, faq));
  });
});

describe('personal checklist', () => {
  it('questions by buttons, documents by buttons and typed words, then the summary and the rating question', async () => {
    const u = h.user();
    await openLicenceGuide(u);
    const intro = await u.press(say('section_checklist'));
    expect(texts(intro)).toEqual([
      say('checklist_intro', { procedure: titleOf(licence) }),
      classQuestion!.text,
    ]);
    expect(labels(intro[1])).toEqual(classQuestion!.options.map((o) => o.label));

    const second = await u.press(option(classQuestion, 'o_to_hang_khac'));
    expect(texts(second)).toEqual([nationalityQuestion!.text]);
    const first = await u.press(option(nationalityQuestion, 'viet_nam'));
    expect(texts(first)).toEqual([asksFor(applicationForm)]);
    // The application has a form: "Xem mẫu".
    expect(labels(first[0])).toEqual([
      say('checklist_have'),
      say('checklist_missing'),
      say('checklist_form'),
    ]);

    expect(texts(await u.press(say('checklist_have')))).toEqual([asksFor(licenceCopy)]);
    expect(labels(u.last[0])).toEqual([say('checklist_have'), say('checklist_missing')]);
    expect(texts(await u.send('co roi'))).toEqual([asksFor(otherPapers)]);
    // The car licence needs the health certificate; a Vietnamese citizen no passport.
    expect(texts(await u.send('chua'))).toEqual([asksFor(healthCertificate)]);
    const end = await u.press(say('checklist_missing'));

    expect(texts(end)).toHaveLength(2);
    expect(end[0]!.text.split('\n')).toEqual([
      say('checklist_summary', { procedure: titleOf(licence) }),
      say('checklist_summary_have'),
      `✓ ${applicationForm.name}`,
      `✓ ${licenceCopy.name}`,
      say('checklist_summary_missing'),
      `• ${otherPapers.name}`,
      `• ${healthCertificate.name}`,
      `${say('section_forms')}: ${applicationForm.form!.name}`,
      say('guide_place_elsewhere', { place: licence.venue.place!, text: licence.venue.text }),
    ]);
    expect(allText(end)).not.toContain(passport.name);
    expect(end[0]!.links).toEqual([{ label: say('guide_official'), url: licence.source_url }]);
    expect(labels(end[0])).toEqual([say('section_documents'), say('button_start_over'), say('button_menu')]);
    expect(end[1]!.text).toBe(say('rating_question'));
    expect(labels(end[1])).toEqual([say('rating_yes'), say('rating_partly'), say('rating_no')]);
  });

  it('answers typed without diacritics, "Xem mẫu", and "Bắt đầu lại" on the summary', async () => {
    const u = h.user();
    await openLicenceGuide(u);
    await u.press(say('section_checklist'));
    // A motorbike licence of a foreigner: no health certificate, but the passport.
    expect(texts(await u.send('Hang A1 A hoac B1 (xe may)'))).toEqual([nationalityQuestion!.text]);
    expect(texts(await u.send('nguoi nuoc ngoai hoac nguoi viet nam dinh cu o nuoc ngoai'))).toEqual([
      asksFor(applicationForm),
    ]);

    const form = await u.press(say('checklist_form'));
    expect(form[0]!.text).toBe(applicationForm.form!.name);
    expect(texts(form).slice(1)).toEqual([asksFor(applicationForm)]);

    await u.send('có rồi');
    await u.send('rồi');
    await u.send('không');
    const end = await u.send('chưa có');
    expect(end[0]!.text).toContain(`✓ ${licenceCopy.name}`);
    expect(end[0]!.text).toContain(`• ${passport.name}`);
    expect(end[0]!.text).not.toContain(healthCertificate.name);

    const again = await u.press(say('button_start_over'));
    expect(texts(again)).toEqual([
      say('checklist_intro', { procedure: titleOf(licence) }),
      classQuestion!.text,
    ]);
  });

  it('a new question leaves the checklist; its button resumes it, and once done shows the summary again', async () => {
    const u = h.user();
    const { checklistButton } = await licenceChecklistAtFirstDocument(u);
    await u.press(say('checklist_have'));

    // Free text that is a question starts a new match, even inside a checklist.
    const other = await u.send('sổ đỏ');
    expect(other[0]!.text.split('\n')[0]).toBe(say('clarify'));
    const faq = await u.send('giờ làm việc');
    expect(allText(faq)).toContain(catalogue.center.name);

    const resumed = await u.action(checklistButton.action);
    expect(texts(resumed)).toEqual([
      say('checklist_resume', { procedure: titleOf(licence) }),
      asksFor(licenceCopy),
    ]);
    await u.send('co');
    await u.send('co');
    const end = await u.send('co roi');
    expect(end[0]!.text).toContain(say('checklist_all_ready'));
    expect(end[1]!.text).toBe(say('rating_question'));

    // Later, the same button shows the summary again; the rating is not asked twice.
    await u.send('menu');
    const summaryAgain = await u.action(checklistButton.action);
    expect(summaryAgain).toHaveLength(1);
    expect(summaryAgain[0]!.text).toBe(end[0]!.text);
  });

  it('a new question inside a checklist starts a new match even when it looks like a procedure', async () => {
    const u = h.user();
    await licenceChecklistAtFirstDocument(u);
    const replies = await u.send('lam so do lan dau can giay to gi');
    expect(replies.at(-1)!.text.split('\n')[0]).toBe(titleOf(procedure('cap-so-do-lan-dau')));
    expect(replies[0]!.text.startsWith(sectionTitle('documents', procedure('cap-so-do-lan-dau')))).toBe(true);
  });
});

describe('satisfaction', () => {
  it('after a checklist: asked once, a low rating asks why, the comment is recorded with procedure and decision', async () => {
    const u = h.user();
    await licenceChecklistAtFirstDocument(u);
    for (let i = 0; i < 4; i++) await u.send('co roi');
    const restart = u.button(say('button_start_over'));
    expect(u.last[1]!.text).toBe(say('rating_question'));

    const low = await u.press(say('rating_no'));
    expect(texts(low)).toEqual([say('rating_ask_comment')]);
    expect(h.events.ofType('rating')).toEqual([
      expect.objectContaining({ level: 1, procedure: licence.id, decision: 'answer' }),
    ]);
    const thanks = await u.send('Cần ghi rõ công an xã nào nhận hồ sơ');
    expect(texts(thanks)).toEqual([say('rating_comment_thanks')]);
    // The comment is its own record: the rating itself is counted once.
    expect(h.events.ofType('rating')).toHaveLength(1);
    expect(h.events.ofType('rating_comment')).toEqual([
      expect.objectContaining({
        level: 1,
        procedure: licence.id,
        comment: 'Cần ghi rõ công an xã nào nhận hồ sơ',
      }),
    ]);

    // The same procedure again: no second question, neither after the checklist nor after sections.
    await u.action(restart.action);
    await u.press(option(classQuestion, 'xe_may'));
    await u.press(option(nationalityQuestion, 'viet_nam'));
    let end: Reply[] = [];
    for (let i = 0; i < 3; i++) end = await u.send('chua');
    expect(end[0]!.text.startsWith(say('checklist_summary', { procedure: titleOf(licence) }))).toBe(true);
    expect(texts(end)).not.toContain(say('rating_question'));
    await openLicenceGuide(u);
    await u.press(say('section_fee'));
    expect(texts(await u.press(say('section_time')))).not.toContain(say('rating_question'));
  });

  it('after two sections of a guide: asked once; "yes" thanks and records level 3', async () => {
    const u = h.user();
    await openLicenceGuide(u);
    expect(texts(await u.press(say('section_fee')))).not.toContain(say('rating_question'));
    const second = await u.press(say('section_time'));
    expect(second.at(-1)!.text).toBe(say('rating_question'));
    const thanks = await u.press(say('rating_yes'));
    expect(thanks).toEqual([
      { text: say('rating_thanks'), buttons: [{ label: say('button_menu'), action: 'menu' }] },
    ]);
    expect(h.events.ofType('rating')).toEqual([
      expect.objectContaining({ level: 3, procedure: licence.id, decision: 'answer' }),
    ]);
    expect(h.events.ofType('rating')[0]).not.toHaveProperty('comment');
    await openLicenceGuide(u);
    await u.press(say('section_place'));
    expect(texts(await u.press(say('section_result')))).not.toContain(say('rating_question'));
  });

  it('a guide reached through a clarification is rated with decision "clarify"', async () => {
    const u = h.user();
    await u.send('sổ đỏ');
    const chosen = u.lastButtons()[0]!.label;
    const id = catalogue.procedures.find((p) => titleOf(p) === chosen)!.id;
    await u.press(chosen);
    await u.press(say('section_documents'));
    await u.press(say('section_fee'));
    await u.press(say('rating_partly'));
    expect(h.events.ofType('rating')).toEqual([
      expect.objectContaining({ level: 2, procedure: id, decision: 'clarify' }),
    ]);
  });
});

describe('expiry and stored sessions', () => {
  it('a clarification idle for 31 minutes is forgotten: "1" no longer picks the old candidate', async () => {
    const u = h.user();
    await u.send('sổ đỏ');
    const firstOption = u.lastButtons()[0]!.label;
    h.advanceMinutes(31);
    const replies = await u.send('1');
    expect(replies.some((r) => r.text.split('\n')[0] === firstOption)).toBe(false);
    expect(h.events.ofType('clarify_chosen')).toEqual([]);
  });

  it('…while after 29 minutes "1" still picks it', async () => {
    const u = h.user();
    await u.send('sổ đỏ');
    const firstOption = u.lastButtons()[0]!.label;
    h.advanceMinutes(29);
    const replies = await u.send('1');
    expect(replies.at(-1)!.text.split('\n')[0]).toBe(firstOption);
  });

  it.each([
    [31, false],
    [29, true],
  ])(
    'with a checklist kept, a clarification idle %i minutes is remembered: %s',
    async (minutes, remembered) => {
      const u = h.user();
      await licenceChecklistAtFirstDocument(u);
      await u.send('sổ đỏ');
      h.advanceMinutes(minutes);
      // The session lives on (a checklist is kept for days) but the idle clarification is forgotten:
      // naming a candidate is then a new question, not a choice.
      const replies = await u.send('tách thửa');
      expect(replies.at(-1)!.text.split('\n')[0]).toBe(titleOf(procedure('tach-thua-hop-thua')));
      expect(h.events.ofType('clarify_chosen')).toHaveLength(remembered ? 1 : 0);
    },
  );

  it('a checklist is kept for days: its button resumes it the next day', async () => {
    const u = h.user();
    const { checklistButton } = await licenceChecklistAtFirstDocument(u);
    await u.press(say('checklist_missing'));
    h.advanceMinutes(24 * 60);
    const resumed = await u.action(checklistButton.action);
    expect(texts(resumed)).toEqual([
      say('checklist_resume', { procedure: titleOf(licence) }),
      asksFor(licenceCopy),
    ]);
  });

  it.each([
    ['a session of another version', { ...freshState(0), v: 999 }],
    ['a session of the wrong shape', { v: 1, nonce: 42, actions: 'garbage' }],
    ['an empty object', {}],
  ])('%s is restarted politely, without a crash', async (_name, stored) => {
    await h.store.update('web:citizen-1', () => ({
      session: stored as SessionValue,
      ttlSeconds: 600,
      result: null,
    }));
    const u = h.user();
    const replies = await u.send('/start');
    expect(texts(replies)).toEqual([
      say('session_restarted'),
      `${say('greeting')}\n${say('what_i_do')}`,
      say('menu_prompt'),
    ]);
    // Written back in the current version: the notice is not repeated.
    expect(texts(await u.send('menu'))).toEqual([say('menu_prompt')]);
  });

  it('a value that is not JSON at all (as a broken store could hand back) is restarted politely', async () => {
    class BrokenStore extends MemorySessionStore {
      broken = true;
      override update<T>(
        key: string,
        fn: (session: SessionValue | null) => Promise<SessionWrite<T>> | SessionWrite<T>,
        options?: { messageId?: string },
      ) {
        const broken = this.broken;
        this.broken = false;
        return super.update(
          key,
          (s) => fn(broken ? ('{"v":1,"nonce":' as unknown as SessionValue) : s),
          options,
        );
      }
    }
    await h.close();
    h = createHarness({ store: new BrokenStore() });
    const replies = await h.user().send('giờ làm việc');
    expect(replies[0]!.text).toBe(say('session_restarted'));
    expect(allText(replies)).toContain(catalogue.center.name);
  });
});

describe('bad input and old buttons', () => {
  it.each([
    ['empty text', ''],
    ['only spaces', '   \n\t '],
    ['only emoji', '😀🙏🏻👍'],
    ['control characters', '\u0000\u0001\u0007\u001b\u007f\u200b'],
  ])('%s gets the menu', async (_name, text) => {
    const replies = await h.user().send(text);
    expect(replies).toEqual([expect.objectContaining({ text: say('menu_prompt') })]);
    expect(labels(replies[0])).toEqual(menuLabels());
  });

  it('a message with neither text nor action gets the menu', async () => {
    const u = h.user();
    const replies = await u.deliver({});
    expect(texts(replies)).toEqual([say('menu_prompt')]);
  });

  it('a 100 KB message is read in part, with the too_long notice', async () => {
    const text = 'đổi bằng lái xe hết bao nhiêu tiền '.repeat(3000).slice(0, 100_000);
    expect(text.length).toBe(100_000);
    const started = Date.now();
    const replies = await h.user().send(text);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(replies[0]!.text).toBe(say('too_long', { max: 2000 }));
    expect(replies.length).toBeGreaterThan(1);
  });

  it('control characters around a question do not stop the answer', async () => {
    const replies = await h.user().send('\u0000doi\u0007 giay phep\u001b lai xe\u200b');
    expect(replies.length).toBeGreaterThan(0);
    expect(allText(replies)).not.toContain(say('internal_error'));
  });

  it('an HTML tag is not echoed back', async () => {
    const replies = await h.user().send('<script>alert("x")</script><img src=x onerror=alert(1)>');
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(r.text).not.toMatch(/<script|<img|onerror/i);
    expect(h.events.ofType('unanswered')).toHaveLength(1);
  });

  it.each(['zzzzzz.0', 'abc', '__proto__', 'constructor', 'toString', 'start', 'x'.repeat(64)])(
    'an unknown action token (%s) is an old button',
    async (token) => {
      const replies = await h.user().action(token);
      expect(texts(replies)).toEqual([say('expired_action')]);
      expect(labels(replies[0])).toEqual(menuLabels());
    },
  );

  it("a token from another user's session is an old button, and does not touch either session", async () => {
    const alice = h.user('alice');
    const bob = h.user('bob');
    await alice.send('sổ đỏ');
    const aliceToken = alice.lastButtons()[0]!;
    await bob.send('doi giay phep lai xe');
    const stolen = await bob.action(aliceToken.action);
    expect(texts(stolen)).toEqual([say('expired_action')]);
    expect(h.events.ofType('clarify_chosen')).toEqual([]);
    // The same token on another channel of the same user id is another session too.
    const telegram = h.user('alice', 'telegram');
    expect(texts(await telegram.action(aliceToken.action))).toEqual([say('expired_action')]);
    // Alice's own button still works.
    const own = await alice.action(aliceToken.action);
    expect(own.at(-1)!.text.split('\n')[0]).toBe(aliceToken.label);
  });

  it('the same messageId delivered twice is answered once, with one record', async () => {
    const u = h.user();
    const first = await u.send('thời tiết hôm nay thế nào', 'tg-1001');
    expect(first.length).toBeGreaterThan(0);
    expect(await u.send('thời tiết hôm nay thế nào', 'tg-1001')).toEqual([]);
    expect(h.events.ofType('unanswered')).toHaveLength(1);
    // Another id is another message.
    expect((await u.send('thời tiết hôm nay thế nào', 'tg-1002')).length).toBeGreaterThan(0);
    expect(h.events.ofType('unanswered')).toHaveLength(2);
  });

  it('a redelivered button press is applied once', async () => {
    const u = h.user();
    await licenceChecklistAtFirstDocument(u);
    const have = u.button(say('checklist_have')).action;
    expect(texts(await u.action(have, 'cb-1'))).toEqual([asksFor(licenceCopy)]);
    expect(await u.action(have, 'cb-1')).toEqual([]);
    expect(texts(await u.send('co roi'))).toEqual([asksFor(otherPapers)]);
  });

  it('global tokens are the same in every session; every other token is short and session-bound', async () => {
    const u = h.user();
    await u.send('/start');
    const tokens = u.last.flatMap((r) => r.buttons ?? []).map((b) => b.action);
    const own = tokens.filter((t) => !GLOBAL_TOKENS.includes(t));
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own).size).toBe(own.length);
    for (const t of own) expect(Buffer.byteLength(t)).toBeLessThanOrEqual(64);
  });
});

describe('messages that are not text', () => {
  it('answers that it reads only text, once per message id, without touching the flow', async () => {
    const u = h.user('sticker-fan', 'telegram');
    await u.send('doi giay phep lai xe');
    const sticker = { channel: 'telegram', user: 'sticker-fan', notText: true, messageId: 'tg:900' };
    expect(await h.engine.handle(sticker)).toEqual([{ text: say('text_only') }]);
    // Redelivered (to this or another instance sharing the store): answered once.
    expect(await h.engine.handle(sticker)).toEqual([]);
    // The guide is still the current flow: its section buttons still work.
    expect((await u.press(say('section_fee')))[0]!.text.startsWith(say('section_fee'))).toBe(true);
  });
});
