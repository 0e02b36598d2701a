import { freshState, type SessionState } from '../../src/bot/session-state';
import { fingerprintOf } from '../../src/flows/checklist';
import type { SessionValue } from '../../src/sessions';
import {
  allText,
  applicationForm,
  asksFor,
  catalogue,
  classQuestion,
  createHarness,
  healthCertificate,
  labels,
  licence,
  licenceChecklistAtFirstDocument,
  licenceCopy,
  nationalityQuestion,
  openLicenceGuide,
  option,
  otherPapers,
  procedure,
  say,
  texts,
  titleOf,
  withProcedure,
  type Harness,
} from './transcript-helpers';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

const hintForDocument = () =>
  say('checklist_hint_document', { have: say('checklist_have'), missing: say('checklist_missing') });

describe('a checklist kept while staff edit the procedure', () => {
  /** The licence guide with its first group cut to the application form: "0.1" and "0.2" are gone. */
  function shortened() {
    const changed = structuredClone(licence);
    changed.documents[0]!.items = changed.documents[0]!.items.slice(0, 1);
    return changed;
  }

  it('restarts politely when an old "Có rồi" button points at a document that is gone', async () => {
    const u = h.user();
    await licenceChecklistAtFirstDocument(u);
    await u.press(say('checklist_have')); // the copy of the licence ("0.1") is asked now
    const oldHave = u.button(say('checklist_have')).action;
    h.restartWith(withProcedure(shortened()));

    const replies = await u.action(oldHave);
    expect(texts(replies)).toEqual([
      say('checklist_changed', { procedure: titleOf(licence) }),
      classQuestion!.text,
    ]);
    expect(allText(replies)).not.toContain(say('internal_error'));
    // The new checklist runs on the new content to its end.
    await u.press(option(classQuestion, 'o_to_hang_khac'));
    expect(texts(await u.press(option(nationalityQuestion, 'viet_nam')))).toEqual([asksFor(applicationForm)]);
    expect(texts(await u.send('có rồi'))).toEqual([asksFor(healthCertificate)]);
    const end = await u.send('chưa có');
    expect(end[0]!.text).toContain(`✓ ${applicationForm.name}`);
    expect(end[0]!.text).not.toContain(licenceCopy.name);
  });

  it.each([
    ['the guide\'s "check my documents" button', 'button'],
    ['a typed "có rồi"', 'typed'],
  ])('restarts politely when resumed by %s', async (_name, how) => {
    const u = h.user();
    const { checklistButton } = await licenceChecklistAtFirstDocument(u);
    await u.press(say('checklist_have'));
    h.restartWith(withProcedure(shortened()));
    const replies = how === 'button' ? await u.action(checklistButton.action) : await u.send('có rồi');
    expect(texts(replies)).toEqual([
      say('checklist_changed', { procedure: titleOf(licence) }),
      classQuestion!.text,
    ]);
  });

  it('a fingerprint of questions and documents only: the same content gives the same one', () => {
    const same = structuredClone(licence);
    same.summary = 'tóm tắt khác';
    expect(fingerprintOf(same)).toBe(fingerprintOf(licence));
    expect(fingerprintOf(shortened())).not.toBe(fingerprintOf(licence));
  });
});

describe('natural yes and no inside a checklist', () => {
  it('ticks "mình có rồi", "có bản sao rồi", "chưa có ạ"; asks again after "chưa biết", recording nothing', async () => {
    const u = h.user();
    await licenceChecklistAtFirstDocument(u);
    expect(texts(await u.send('mình có rồi'))).toEqual([asksFor(licenceCopy)]);
    expect(texts(await u.send('có bản sao rồi nhé'))).toEqual([asksFor(otherPapers)]);

    const unsure = await u.send('chưa biết');
    expect(texts(unsure)).toEqual([hintForDocument(), asksFor(otherPapers)]);
    expect(labels(unsure[1])).toEqual([say('checklist_have'), say('checklist_missing')]);
    expect(texts(await u.send('asdfgh qwerty'))).toEqual([hintForDocument(), asksFor(otherPapers)]);
    expect(h.events.ofType('unanswered')).toEqual([]);

    expect(texts(await u.send('chưa có ạ'))).toEqual([asksFor(healthCertificate)]);
    const end = await u.send('Dạ có rồi.');
    expect(end[0]!.text.split('\n')).toEqual(
      expect.arrayContaining([`✓ ${applicationForm.name}`, `✓ ${licenceCopy.name}`, `• ${otherPapers.name}`]),
    );
    expect(end[0]!.text).toContain(`✓ ${healthCertificate.name}`);
  });

  it('a question about the document is not a tick: it starts a new match', async () => {
    const u = h.user();
    await licenceChecklistAtFirstDocument(u);
    const replies = await u.send('lam so do lan dau can giay to gi');
    expect(replies.at(-1)!.text.split('\n')[0]).toBe(titleOf(procedure('cap-so-do-lan-dau')));
  });

  it('a Có/Không question takes "không ạ"; an unknown reply asks the question again', async () => {
    const residence = procedure('dang-ky-tam-tru');
    const u = h.user();
    await u.send('đăng ký tạm trú');
    await u.press(say('section_checklist'));
    await u.press(residence.questions[0]!.options[0]!.label);
    const minor = await u.press(residence.questions[1]!.options[0]!.label);
    const minorQuestion = residence.questions.find((q) => q.id === 'chua_thanh_nien')!;
    expect(texts(minor)).toEqual([minorQuestion.text]);
    expect(texts(await u.send('zzz'))).toEqual([say('checklist_hint_question'), minorQuestion.text]);
    expect(texts(await u.send('không ạ'))).toEqual([asksFor(residence.documents[0]!.items[0]!)]);
  });
});

describe('the summary, asked again', () => {
  it('the guide of a finished checklist offers "Xem lại tóm tắt"', async () => {
    const u = h.user();
    await licenceChecklistAtFirstDocument(u);
    for (let i = 0; i < 4; i++) await u.send('co roi');
    const summaryText = u.last[0]!.text;
    const card = (await openLicenceGuide(u)).at(-1)!;
    expect(labels(card)).toContain(say('checklist_show_summary'));
    const again = await u.press(say('checklist_show_summary'));
    expect(texts(again)).toEqual([summaryText]);
  });

  it('the resume message offers it too: the summary so far, with what is still to be asked', async () => {
    const u = h.user();
    const { checklistButton } = await licenceChecklistAtFirstDocument(u);
    await u.press(say('checklist_have'));
    await u.send('giờ làm việc');
    const resumed = await u.action(checklistButton.action);
    expect(labels(resumed[0])).toEqual([say('checklist_show_summary')]);
    const sofar = await u.press(say('checklist_show_summary'));
    expect(sofar[0]!.text.split('\n')).toEqual(
      expect.arrayContaining([
        say('checklist_summary_have'),
        `✓ ${applicationForm.name}`,
        say('checklist_summary_pending'),
        `• ${licenceCopy.name}`,
      ]),
    );
    expect(labels(sofar[0])).toEqual([
      say('checklist_continue'),
      say('button_start_over'),
      say('button_menu'),
    ]);
    expect(texts(await u.press(say('checklist_continue')))).toEqual([
      say('checklist_resume', { procedure: titleOf(licence) }),
      asksFor(licenceCopy),
    ]);
  });

  it('"Xem mẫu" pressed after leaving the checklist makes it the flow again: "có rồi" then ticks', async () => {
    const u = h.user();
    await licenceChecklistAtFirstDocument(u);
    const form = u.button(say('checklist_form')).action;
    await u.send('giờ làm việc');
    const shown = await u.action(form);
    expect(texts(shown)).toEqual([applicationForm.form!.name, asksFor(applicationForm)]);
    expect(texts(await u.send('có rồi'))).toEqual([asksFor(licenceCopy)]);
  });
});

describe('a session stays small', () => {
  it('keeps the 10 most recently updated checklists and the last 50 rated procedures', async () => {
    const state: SessionState = freshState(h.clock.now);
    const procedures = catalogue.procedures.slice(0, 10 + 2);
    procedures.forEach((p, i) => {
      state.checklists[p.id] = {
        fp: fingerprintOf(p),
        answers: {},
        documents: null,
        have: [],
        missing: [],
        done: false,
        updatedAt: h.clock.now - (i + 1) * 60_000, // the first is the most recent
      };
    });
    state.rated = Array.from({ length: 50 + 10 }, (_, i) => `rated-${i}`);
    await h.store.update('web:citizen-1', () => ({
      session: state as unknown as SessionValue,
      ttlSeconds: 600,
      result: null,
    }));
    await h.user().send('menu');
    const saved = (await h.store.get('web:citizen-1')) as unknown as SessionState;
    expect(Object.keys(saved.checklists).sort()).toEqual(
      procedures
        .slice(0, 10)
        .map((p) => p.id)
        .sort(),
    );
    expect(saved.rated).toEqual(state.rated.slice(-50));
  });
});
