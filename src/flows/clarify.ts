import crypto from 'node:crypto';
import { button, type FlowContext } from '../bot/context';
import type { Reply } from '../bot/types';
import type { MatchResult } from '../search/matcher';

/** A result as the engine refers to it: a procedure's id, or "faq:<id>". */
export const refOf = (r: MatchResult) => (r.kind === 'faq' ? `faq:${r.id}` : r.id);

/**
 * "Bạn muốn hỏi thủ tục nào?" with the candidates as buttons and "không phải các thủ tục trên". The
 * clarification gets an id that its buttons carry: a button of an older one is not recorded as its choice.
 */
export function offerChoices(ctx: FlowContext, question: string, results: readonly MatchResult[]): Reply[] {
  const options = results.slice(0, 5);
  const id = crypto.randomBytes(3).toString('base64url');
  ctx.state.flow = { kind: 'clarify', id, question, options: options.map(refOf) };
  ctx.state.flowAt = ctx.now;
  return [
    {
      text: [ctx.say('clarify'), ...options.map((r, i) => `${i + 1}. ${r.title}`)].join('\n'),
      buttons: [
        ...options.map((r) => button(ctx, r.title, { t: 'pick', ref: refOf(r), c: id })),
        button(ctx, ctx.say('clarify_none'), { t: 'none', c: id }),
      ],
    },
  ];
}

/**
 * Records which candidate of the current clarification was chosen (null: none of them) for staff — only
 * when `clarification` is the current one and `chosen` one of its candidates; says whether it recorded.
 */
export function recordChoice(ctx: FlowContext, clarification: string, chosen: string | null): boolean {
  const flow = ctx.state.flow;
  if (flow?.kind !== 'clarify' || flow.id !== clarification) return false;
  if (chosen !== null && !flow.options.includes(chosen)) return false;
  ctx.events.push({
    type: 'clarify_chosen',
    channel: ctx.channel,
    userKey: ctx.userKey,
    text: flow.question,
    offered: flow.options,
    chosen,
  });
  return true;
}

/** "Không phải các thủ tục trên": an apology and the staff button; a button of an older clarification is old. */
export function noneOfThese(ctx: FlowContext, clarification: string): Reply[] | null {
  if (!recordChoice(ctx, clarification, null)) return null;
  ctx.state.flow = null;
  return [{ text: ctx.say('clarify_none_reply'), buttons: [button(ctx, ctx.say('button_staff'), 'staff')] }];
}
