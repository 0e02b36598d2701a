import { button, type FlowContext } from '../bot/context';
import type { Checklist } from '../bot/session-state';
import type { Reply } from '../bot/types';
import type { Procedure } from '../content/schema';
import { foldVietnamese } from '../text/fold';
import { askRatingOnce } from './satisfaction';

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

export function documentAt(p: Procedure, key: string) {
  const [g, d] = key.split('.').map(Number);
  return p.documents[g!]?.items[d!];
}

/** Start (or resume) a personal checklist for a procedure. */
export function startChecklist(ctx: FlowContext, p: Procedure): Reply[] {
  const existing = ctx.state.checklists[p.id];
  ctx.state.flow = { kind: 'checklist', p: p.id };
  ctx.state.flowAt = ctx.now;
  if (existing?.done) return summary(ctx, p);
  if (existing)
    return [
      { text: ctx.say('checklist_resume', { procedure: p.plain_title ?? p.title }) },
      ...nextStep(ctx, p),
    ];
  ctx.state.checklists[p.id] = { answers: {}, documents: null, have: [], missing: [], done: false };
  return [{ text: ctx.say('checklist_intro', { procedure: p.plain_title ?? p.title }) }, ...nextStep(ctx, p)];
}

/** The next question, or the next document to tick, or the summary. */
function nextStep(ctx: FlowContext, p: Procedure): Reply[] {
  const list = ctx.state.checklists[p.id]!;
  const question = nextQuestion(p, list.answers);
  if (question) {
    return [
      {
        text: question.text,
        buttons: question.options.map((o) =>
          button(ctx, o.label, { t: 'answer', p: p.id, q: question.id, v: o.value }),
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
  const pending = list.documents.find((k) => !list.have.includes(k) && !list.missing.includes(k));
  if (pending === undefined) return finish(ctx, p, list);
  const doc = documentAt(p, pending)!;
  const buttons = [
    button(ctx, ctx.say('checklist_have'), { t: 'doc', p: p.id, k: pending, has: true }),
    button(ctx, ctx.say('checklist_missing'), { t: 'doc', p: p.id, k: pending, has: false }),
  ];
  if (doc.form) buttons.push(button(ctx, ctx.say('checklist_form'), { t: 'form', p: p.id, k: pending }));
  return [{ text: ctx.say('checklist_document', { document: doc.name }), buttons }];
}

function finish(ctx: FlowContext, p: Procedure, list: Checklist): Reply[] {
  list.done = true;
  ctx.state.flow = null;
  return [...summary(ctx, p), ...askRatingOnce(ctx, p.id)];
}

/** A question of the checklist answered (button, typed number or option label). */
export function answerQuestion(ctx: FlowContext, p: Procedure, questionId: string, value: string): Reply[] {
  const list = ctx.state.checklists[p.id];
  if (!list || list.done) return startChecklist(ctx, p);
  list.answers[questionId] = value;
  list.documents = null;
  ctx.state.flow = { kind: 'checklist', p: p.id };
  ctx.state.flowAt = ctx.now;
  return nextStep(ctx, p);
}

/** "Có rồi" / "Chưa có" for one document. */
export function tickDocument(ctx: FlowContext, p: Procedure, key: string, has: boolean): Reply[] {
  const list = ctx.state.checklists[p.id];
  if (!list || list.done || !documentAt(p, key)) return startChecklist(ctx, p);
  list.have = list.have.filter((k) => k !== key);
  list.missing = list.missing.filter((k) => k !== key);
  (has ? list.have : list.missing).push(key);
  ctx.state.flow = { kind: 'checklist', p: p.id };
  ctx.state.flowAt = ctx.now;
  return nextStep(ctx, p);
}

/** "Xem mẫu": the form's name and link, then the same document asked again. */
export function showForm(ctx: FlowContext, p: Procedure, key: string): Reply[] {
  const form = documentAt(p, key)?.form;
  const reply: Reply = form
    ? { text: form.name, links: form.url ? [{ label: form.name, url: form.url }] : [] }
    : { text: ctx.say('no_forms') };
  return [reply, ...nextStep(ctx, p)];
}

/** What they have, what is missing, which forms, where to submit. */
export function summary(ctx: FlowContext, p: Procedure): Reply[] {
  const list = ctx.state.checklists[p.id];
  if (!list?.documents) return startChecklist(ctx, p);
  const name = (k: string) => documentAt(p, k)?.name ?? k;
  const lines = [ctx.say('checklist_summary', { procedure: p.plain_title ?? p.title })];
  if (list.documents.length === 0) lines.push(ctx.say('checklist_no_documents'));
  if (list.have.length)
    lines.push(ctx.say('checklist_summary_have'), ...list.have.map((k) => `✓ ${name(k)}`));
  if (list.missing.length)
    lines.push(ctx.say('checklist_summary_missing'), ...list.missing.map((k) => `• ${name(k)}`));
  else if (list.documents.length) lines.push(ctx.say('checklist_all_ready'));
  const forms = [...new Set(list.documents.flatMap((k) => documentAt(p, k)?.form?.name ?? []))];
  if (forms.length) lines.push(`${ctx.say('section_forms')}: ${forms.join('; ')}`);
  const v = p.venue;
  lines.push(
    v.kind === 'center'
      ? ctx.say('guide_place_center', { department: v.department ?? '', text: v.text })
      : ctx.say('guide_place_elsewhere', { place: v.place ?? '', text: v.text }),
  );
  return [
    {
      text: lines.join('\n'),
      links: p.source_url ? [{ label: ctx.say('guide_official'), url: p.source_url }] : [],
      buttons: [
        button(ctx, ctx.say('section_documents'), { t: 'section', p: p.id, s: 'documents' }),
        button(ctx, ctx.say('button_start_over'), { t: 'restart', p: p.id }),
        button(ctx, ctx.say('button_menu'), 'menu'),
      ],
    },
  ];
}

/** A typed reply inside a checklist: an option's label, "có"/"chưa" for a document; null when it is not one. */
export function typedChecklistInput(ctx: FlowContext, p: Procedure, folded: string): Reply[] | null {
  const list = ctx.state.checklists[p.id];
  if (!list || list.done) return null;
  const question = nextQuestion(p, list.answers);
  if (question) {
    const option = question.options.find((o) => foldedLabel(o.label) === folded);
    return option ? answerQuestion(ctx, p, question.id, option.value) : null;
  }
  const pending = list.documents?.find((k) => !list.have.includes(k) && !list.missing.includes(k));
  if (pending === undefined) return null;
  if (/^(co|co roi|roi|da co|co a|co roi a)$/.test(folded)) return tickDocument(ctx, p, pending, true);
  if (/^(chua|chua co|khong|ko|k|chua a)$/.test(folded)) return tickDocument(ctx, p, pending, false);
  return null;
}

const foldedLabel = (label: string) =>
  foldVietnamese(label)
    .replace(/[^a-z0-9 ]/g, '')
    .trim();

/** Restart a checklist from the beginning (the "bắt đầu lại" button on the summary). */
export function restartChecklist(ctx: FlowContext, p: Procedure): Reply[] {
  delete ctx.state.checklists[p.id];
  return startChecklist(ctx, p);
}
