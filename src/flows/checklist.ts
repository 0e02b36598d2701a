import crypto from 'node:crypto';
import { button, type FlowContext } from '../bot/context';
import type { Checklist } from '../bot/session-state';
import type { Button, Reply } from '../bot/types';
import type { MessageKey, Procedure } from '../content/schema';
import { foldVietnamese } from '../text/fold';
import { placeText } from './place';
import { askRatingOnce } from './satisfaction';
import { readYesNo } from './yes-no';

type Condition = Record<string, string | string[]> | undefined;

/** Whether every question named in `when` was answered with one of the listed values. */
function holds(when: Condition, answers: Record<string, string>): boolean {
  return Object.entries(when ?? {}).every(([q, expected]) =>
    (Array.isArray(expected) ? expected : [expected]).includes(answers[q] ?? ''),
  );
}

/** The next question to ask: the first whose own condition holds and that is not answered yet. */
function nextQuestion(p: Procedure, answers: Record<string, string>) {
  return p.questions.find((q) => !(q.id in answers) && holds(q.when, answers));
}

/** The documents this case needs, as "group.item" keys. */
function documentsFor(p: Procedure, answers: Record<string, string>): string[] {
  return p.documents.flatMap((g, gi) =>
    holds(g.when, answers) ? g.items.flatMap((d, di) => (holds(d.when, answers) ? [`${gi}.${di}`] : [])) : [],
  );
}

function documentAt(p: Procedure, key: string) {
  const [g, d] = key.split('.').map(Number);
  return p.documents[g!]?.items[d!];
}

const pendingDocument = (list: Checklist) =>
  list.documents?.find((k) => !list.have.includes(k) && !list.missing.includes(k));

const fingerprints = new WeakMap<Procedure, string>();

/**
 * A short hash of what a checklist's keys point into — the procedure's questions and documents — kept with
 * the checklist: when staff edit them, "0.3" may be another document, so the checklist starts again.
 */
export function fingerprintOf(p: Procedure): string {
  let fp = fingerprints.get(p);
  if (fp === undefined) {
    const json = JSON.stringify([p.questions, p.documents]);
    fp = crypto.createHash('sha256').update(json).digest('base64url').slice(0, 10);
    fingerprints.set(p, fp);
  }
  return fp;
}

const titleOf = (p: Procedure) => p.plain_title ?? p.title;

/** The checklist is the current flow, and it moved now. */
function touch(ctx: FlowContext, p: Procedure, list: Checklist): void {
  list.updatedAt = ctx.now;
  ctx.state.flow = { kind: 'checklist', p: p.id };
  ctx.state.flowAt = ctx.now;
}

/** A new checklist, introduced by `notice` (the first one, or "the procedure changed, again from the start"). */
function begin(ctx: FlowContext, p: Procedure, notice: MessageKey): Reply[] {
  const list: Checklist = {
    fp: fingerprintOf(p),
    answers: {},
    documents: null,
    have: [],
    missing: [],
    done: false,
    updatedAt: ctx.now,
  };
  ctx.state.checklists[p.id] = list;
  touch(ctx, p, list);
  return [{ text: ctx.say(notice, { procedure: titleOf(p) }) }, ...nextStep(ctx, p, list)];
}

/** Back to an unfinished checklist: where we were, with "see the summary" once documents are being ticked. */
function resume(ctx: FlowContext, p: Procedure, list: Checklist): Reply[] {
  touch(ctx, p, list);
  const notice: Reply = { text: ctx.say('checklist_resume', { procedure: titleOf(p) }) };
  if (list.documents) notice.buttons = [summaryButton(ctx, p)];
  return [notice, ...nextStep(ctx, p, list)];
}

export const summaryButton = (ctx: FlowContext, p: Procedure): Button =>
  button(ctx, ctx.say('checklist_show_summary'), { t: 'summary', p: p.id });

/**
 * The checklist a button of content fingerprint `fp` may change, or the replies when it may not: none kept
 * (start one), one from before the content changed (start again, saying why), a button from before the
 * change or of a finished checklist (where we are).
 */
function checklistFor(ctx: FlowContext, p: Procedure, fp: string): Checklist | Reply[] {
  const list = ctx.state.checklists[p.id];
  if (!list || list.done || list.fp !== fingerprintOf(p)) return startChecklist(ctx, p);
  return fp === list.fp ? list : resume(ctx, p, list);
}

/** Start (or resume) a personal checklist for a procedure; a finished one shows its summary. */
export function startChecklist(ctx: FlowContext, p: Procedure): Reply[] {
  const list = ctx.state.checklists[p.id];
  if (!list) return begin(ctx, p, 'checklist_intro');
  if (list.fp !== fingerprintOf(p)) return begin(ctx, p, 'checklist_changed');
  if (list.done) return summary(ctx, p);
  return resume(ctx, p, list);
}

/** Whether the procedure has a finished checklist on its current content (its summary can be shown). */
export function hasFinishedChecklist(ctx: FlowContext, p: Procedure): boolean {
  const list = ctx.state.checklists[p.id];
  return list !== undefined && list.done && list.fp === fingerprintOf(p);
}

/** The next question, or the next document to tick, or the summary. */
function nextStep(ctx: FlowContext, p: Procedure, list: Checklist): Reply[] {
  const question = nextQuestion(p, list.answers);
  if (question) {
    return [
      {
        text: question.text,
        buttons: question.options.map((o) =>
          button(ctx, o.label, { t: 'answer', p: p.id, fp: list.fp, q: question.id, v: o.value }),
        ),
      },
    ];
  }
  if (!list.documents) {
    list.documents = documentsFor(p, list.answers);
    // A changed answer may drop documents: what was ticked for them no longer counts.
    const needed = new Set(list.documents);
    list.have = list.have.filter((k) => needed.has(k));
    list.missing = list.missing.filter((k) => needed.has(k));
  }
  const pending = pendingDocument(list);
  if (pending === undefined) return finish(ctx, p, list);
  const doc = documentAt(p, pending);
  // Keys come from this content (the fingerprint matched), so this does not happen; if it does, start again.
  if (!doc) return begin(ctx, p, 'checklist_changed');
  const { fp } = list;
  const buttons = [
    button(ctx, ctx.say('checklist_have'), { t: 'doc', p: p.id, fp, k: pending, has: true }),
    button(ctx, ctx.say('checklist_missing'), { t: 'doc', p: p.id, fp, k: pending, has: false }),
  ];
  if (doc.form) buttons.push(button(ctx, ctx.say('checklist_form'), { t: 'form', p: p.id, fp, k: pending }));
  return [{ text: ctx.say('checklist_document', { document: doc.name }), buttons }];
}

function finish(ctx: FlowContext, p: Procedure, list: Checklist): Reply[] {
  list.done = true;
  list.updatedAt = ctx.now;
  ctx.state.flow = null;
  return [...summary(ctx, p), ...askRatingOnce(ctx, p.id)];
}

/** A question of the checklist answered (button, typed number or option label). */
export function answerQuestion(
  ctx: FlowContext,
  p: Procedure,
  fp: string,
  questionId: string,
  value: string,
): Reply[] {
  const list = checklistFor(ctx, p, fp);
  if (Array.isArray(list)) return list;
  const question = p.questions.find((q) => q.id === questionId);
  if (!question?.options.some((o) => o.value === value)) return resume(ctx, p, list);
  list.answers[questionId] = value;
  list.documents = null;
  touch(ctx, p, list);
  return nextStep(ctx, p, list);
}

/** "Có rồi" / "Chưa có" for one document. */
export function tickDocument(ctx: FlowContext, p: Procedure, fp: string, key: string, has: boolean): Reply[] {
  const list = checklistFor(ctx, p, fp);
  if (Array.isArray(list)) return list;
  if (!list.documents?.includes(key)) return resume(ctx, p, list);
  list.have = list.have.filter((k) => k !== key);
  list.missing = list.missing.filter((k) => k !== key);
  (has ? list.have : list.missing).push(key);
  touch(ctx, p, list);
  return nextStep(ctx, p, list);
}

/** "Xem mẫu": the form's name and link, then the same document asked again (the checklist stays the flow). */
export function showForm(ctx: FlowContext, p: Procedure, fp: string, key: string): Reply[] {
  const list = checklistFor(ctx, p, fp);
  if (Array.isArray(list)) return list;
  const form = documentAt(p, key)?.form;
  const reply: Reply = form
    ? { text: form.name, links: form.url ? [{ label: form.name, url: form.url }] : [] }
    : { text: ctx.say('no_forms') };
  touch(ctx, p, list);
  return [reply, ...nextStep(ctx, p, list)];
}

/**
 * What they have, what is missing, which forms, where to submit. Asked again later (the guide's and the
 * resume message's "Xem lại tóm tắt"), an unfinished checklist also lists what is still to be asked.
 */
export function summary(ctx: FlowContext, p: Procedure): Reply[] {
  const list = ctx.state.checklists[p.id];
  if (!list?.documents || list.fp !== fingerprintOf(p)) return startChecklist(ctx, p);
  const name = (k: string) => documentAt(p, k)?.name ?? k;
  const lines = [ctx.say('checklist_summary', { procedure: titleOf(p) })];
  if (list.documents.length === 0) lines.push(ctx.say('checklist_no_documents'));
  if (list.have.length)
    lines.push(ctx.say('checklist_summary_have'), ...list.have.map((k) => `✓ ${name(k)}`));
  if (list.missing.length)
    lines.push(ctx.say('checklist_summary_missing'), ...list.missing.map((k) => `• ${name(k)}`));
  const unasked = list.documents.filter((k) => !list.have.includes(k) && !list.missing.includes(k));
  if (unasked.length) lines.push(ctx.say('checklist_summary_pending'), ...unasked.map((k) => `• ${name(k)}`));
  else if (!list.missing.length && list.documents.length) lines.push(ctx.say('checklist_all_ready'));
  const forms = [...new Set(list.documents.flatMap((k) => documentAt(p, k)?.form?.name ?? []))];
  if (forms.length) lines.push(`${ctx.say('section_forms')}: ${forms.join('; ')}`);
  lines.push(placeText(ctx, p));
  return [
    {
      text: lines.join('\n'),
      links: p.source_url ? [{ label: ctx.say('guide_official'), url: p.source_url }] : [],
      buttons: [
        list.done
          ? button(ctx, ctx.say('section_documents'), { t: 'section', p: p.id, s: 'documents' })
          : button(ctx, ctx.say('checklist_continue'), { t: 'checklist', p: p.id }),
        button(ctx, ctx.say('button_start_over'), { t: 'restart', p: p.id }),
        button(ctx, ctx.say('button_menu'), 'menu'),
      ],
    },
  ];
}

/**
 * A typed reply inside a checklist: an option's label (or "có"/"không" for a Có/Không question), a yes or
 * no for a document; null when it is not one.
 */
export function typedChecklistInput(ctx: FlowContext, p: Procedure, text: string): Reply[] | null {
  const list = ctx.state.checklists[p.id];
  if (!list || list.done || list.fp !== fingerprintOf(p)) return null;
  const question = nextQuestion(p, list.answers);
  if (question) {
    const folded = foldVietnamese(text);
    const reply = readYesNo(ctx.say, text);
    const option =
      question.options.find((o) => foldVietnamese(o.label) === folded) ??
      (reply === null
        ? undefined
        : onlyOne(question.options.filter((o) => readYesNo(ctx.say, o.label) === reply)));
    return option ? answerQuestion(ctx, p, list.fp, question.id, option.value) : null;
  }
  const pending = pendingDocument(list);
  const reply = readYesNo(ctx.say, text);
  if (pending === undefined || reply === null) return null;
  return tickDocument(ctx, p, list.fp, pending, reply === 'yes');
}

const onlyOne = <T>(items: T[]): T | undefined => (items.length === 1 ? items[0] : undefined);

/**
 * Typed text inside an unfinished checklist that is neither an answer nor a question the bot knows: the
 * pending question or document again, with a hint how to answer. Null when there is no such checklist.
 */
export function repeatStep(ctx: FlowContext, p: Procedure): Reply[] | null {
  const list = ctx.state.checklists[p.id];
  if (!list || list.done) return null;
  if (list.fp !== fingerprintOf(p)) return startChecklist(ctx, p);
  touch(ctx, p, list);
  const hint = nextQuestion(p, list.answers)
    ? ctx.say('checklist_hint_question')
    : ctx.say('checklist_hint_document', {
        have: ctx.say('checklist_have'),
        missing: ctx.say('checklist_missing'),
      });
  return [{ text: hint }, ...nextStep(ctx, p, list)];
}

/** Restart a checklist from the beginning (the "bắt đầu lại" button on the summary). */
export function restartChecklist(ctx: FlowContext, p: Procedure): Reply[] {
  delete ctx.state.checklists[p.id];
  return startChecklist(ctx, p);
}
