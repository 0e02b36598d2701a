import { button, type FlowContext } from '../bot/context';
import type { Button, Link, Reply } from '../bot/types';
import { STALE_AFTER_DAYS } from '../content/file-checks';
import type { Procedure } from '../content/schema';
import type { Aspect } from '../search/aspect';
import { hasFinishedChecklist, summaryButton } from './checklist';
import { placeText } from './place';
import { splitLong } from './split-long';
import { askRatingOnce } from './satisfaction';

/** The sections a guide opens into; each is a button on the card. */
export const sections = [
  'documents',
  'steps',
  'fee',
  'time',
  'place',
  'online',
  'forms',
  'legal',
  'result',
] as const;
export type Section = (typeof sections)[number];

const vnd = (ctx: FlowContext, amount: number) =>
  ctx.say('guide_fee_amount', { amount: amount.toLocaleString('vi-VN') });

function feeText(ctx: FlowContext, fee: Procedure['channels'][number]['fee']): string {
  switch (fee.kind) {
    case 'free':
      return ctx.say('guide_fee_free');
    case 'amount':
      return ctx.say('guide_fee', {
        fee: `${fee.text ?? vnd(ctx, fee.amount_vnd ?? 0)} (${fee.source ?? ''})`,
      });
    case 'by_province':
      return ctx.say('guide_fee_by_province', { source: fee.source ?? '' });
    case 'unconfirmed':
      return ctx.say('guide_fee_unconfirmed', { text: fee.text ?? '' });
  }
}

function timeText(ctx: FlowContext, time: Procedure['channels'][number]['time']): string {
  if (!time) return ctx.say('guide_time_unconfirmed');
  const note = time.note ? ` (${time.note})` : '';
  return ctx.say('guide_time', { time: `${time.amount} ${ctx.say(`unit_${time.unit}`)}${note}` });
}

function onlineText(ctx: FlowContext, p: Procedure): string {
  const level = { toan_trinh: 'online_full', mot_phan: 'online_partial', none: 'online_none' } as const;
  const note = p.online.note ? `\n${p.online.note}` : '';
  return ctx.say('guide_online', { level: ctx.say(level[p.online.level]) }) + note;
}

/** One line per way of submitting, or a single line when they are all the same. */
function byChannel(
  ctx: FlowContext,
  p: Procedure,
  render: (c: Procedure['channels'][number]) => string,
): string {
  const lines = p.channels.map((c) => ({ name: ctx.say(`channel_${c.channel}`), text: render(c) }));
  if (lines.every((l) => l.text === lines[0]!.text)) return lines[0]!.text;
  return lines.map((l) => `${l.name}: ${l.text}`).join('\n');
}

const bullets = (items: readonly string[]) => items.map((i) => `• ${i}`).join('\n');

function documentLine(ctx: FlowContext, d: Procedure['documents'][number]['items'][number]): string {
  const counts =
    d.handling === 'show_only'
      ? ctx.say('document_show_only')
      : [
          d.originals ? ctx.say('document_originals', { count: d.originals }) : '',
          d.copies ? ctx.say('document_copies', { count: d.copies }) : '',
        ]
          .filter(Boolean)
          .join(d.handling === 'original_or_copy' ? ` ${ctx.say('document_or')} ` : ', ');
  return `• ${d.name}${counts ? ` — ${counts}` : ''}${d.note ? ` (${d.note})` : ''}`;
}

/** The forms of a guide: from its documents, each once. */
export function formsOf(p: Procedure) {
  const seen = new Map<string, { name: string; url?: string }>();
  for (const g of p.documents)
    for (const d of g.items) if (d.form && !seen.has(d.form.name)) seen.set(d.form.name, d.form);
  return [...seen.values()];
}

/** One section of a guide as messages (long ones split). */
export function sectionReplies(ctx: FlowContext, p: Procedure, section: Section): Reply[] {
  const { say } = ctx;
  const title = say(`section_${section}`);
  let body: string;
  let links: Link[] = [];
  switch (section) {
    case 'documents':
      body = p.documents
        .map((g) => `${g.case}:\n${g.items.map((d) => documentLine(ctx, d)).join('\n')}`)
        .join('\n\n');
      if (p.file_sets) body += `\n\n${say('document_file_sets', { count: p.file_sets })}`;
      break;
    case 'steps':
      body = p.steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
      break;
    case 'fee':
      body = byChannel(ctx, p, (c) => feeText(ctx, c.fee));
      break;
    case 'time':
      body = byChannel(ctx, p, (c) => timeText(ctx, c.time));
      break;
    case 'place':
      body = placeText(ctx, p);
      break;
    case 'online':
      body = onlineText(ctx, p);
      if (p.online.url) links = [{ label: say('section_online'), url: p.online.url }];
      break;
    case 'forms': {
      const forms = formsOf(p);
      body = forms.length ? bullets(forms.map((f) => f.name)) : say('no_forms');
      links = forms.filter((f) => f.url).map((f) => ({ label: f.name, url: f.url! }));
      break;
    }
    case 'legal':
      body = p.legal_basis.length
        ? bullets(p.legal_basis.map((l) => (l.code ? `${l.title} (${l.code})` : l.title)))
        : say('no_legal');
      break;
    case 'result':
      body = bullets(p.result);
      break;
  }
  const parts = splitLong(`${title} — ${p.plain_title ?? p.title}\n${body}`);
  return parts.map((text, i) => (i === parts.length - 1 && links.length ? { text, links } : { text }));
}

/**
 * The buttons under a guide: each section, "check my documents" (and "see the summary" when that checklist
 * is finished), menu.
 */
function sectionButtons(ctx: FlowContext, p: Procedure): Button[] {
  return [
    ...sections.map((s) => button(ctx, ctx.say(`section_${s}`), { t: 'section', p: p.id, s })),
    button(ctx, ctx.say('section_checklist'), { t: 'checklist', p: p.id }),
    ...(hasFinishedChecklist(ctx, p) ? [summaryButton(ctx, p)] : []),
    button(ctx, ctx.say('button_menu'), 'menu'),
  ];
}

function freshness(ctx: FlowContext, p: Procedure): string {
  const lines = [ctx.say('guide_checked', { date: p.checked_at, by: p.checked_by })];
  if (p.status === 'draft') lines.push(ctx.say('guide_draft'));
  const age = (ctx.now - Date.parse(p.checked_at)) / 86_400_000;
  if (age > STALE_AFTER_DAYS) lines.push(ctx.say('guide_stale'));
  return lines.join('\n');
}

/**
 * The short card of a confident match — name, where (and clearly when not at this Center), time, fee,
 * online — with the aspect the citizen asked answered first, then the section buttons.
 */
export function guideCard(ctx: FlowContext, p: Procedure, aspect: Aspect | null): Reply[] {
  ctx.state.flow = { kind: 'guide', p: p.id, viewed: 0 };
  ctx.state.flowAt = ctx.now;
  const first = p.channels[0]!;
  const card = [
    p.plain_title ?? p.title,
    p.summary ?? '',
    placeText(ctx, p),
    timeText(ctx, first.time),
    feeText(ctx, first.fee),
    onlineText(ctx, p),
    freshness(ctx, p),
  ]
    .filter(Boolean)
    .join('\n');
  const links: Link[] = p.source_url ? [{ label: ctx.say('guide_official'), url: p.source_url }] : [];
  const answered = aspect ? sectionReplies(ctx, p, aspect) : [];
  return [...answered, { text: card, links, buttons: sectionButtons(ctx, p) }];
}

/** A section button pressed: the section, and after a couple of them, the satisfaction question once. */
export function showSection(ctx: FlowContext, p: Procedure, section: Section): Reply[] {
  const flow = ctx.state.flow;
  const viewed = flow?.kind === 'guide' && flow.p === p.id ? flow.viewed + 1 : 1;
  ctx.state.flow = { kind: 'guide', p: p.id, viewed };
  ctx.state.flowAt = ctx.now;
  const replies = sectionReplies(ctx, p, section);
  const last = replies[replies.length - 1]!;
  last.buttons = sectionButtons(ctx, p);
  if (viewed >= 2) replies.push(...askRatingOnce(ctx, p.id));
  return replies;
}
