import { button, type FlowContext } from '../bot/context';
import type { Reply } from '../bot/types';
import type { MatchResult } from '../search/matcher';

/** A result as the engine refers to it: a procedure's id, or "faq:<id>". */
export const refOf = (r: MatchResult) => (r.kind === 'faq' ? `faq:${r.id}` : r.id);

/** "Bạn muốn hỏi thủ tục nào?" with the candidates as buttons and "không phải các thủ tục trên". */
export function offerChoices(ctx: FlowContext, question: string, results: readonly MatchResult[]): Reply[] {
  const options = results.slice(0, 5);
  ctx.state.flow = { kind: 'clarify', question, options: options.map(refOf) };
  ctx.state.flowAt = ctx.now;
  return [
    {
      text: [ctx.say('clarify'), ...options.map((r, i) => `${i + 1}. ${r.title}`)].join('\n'),
      buttons: [
        ...options.map((r) => button(ctx, r.title, { t: 'pick', ref: refOf(r) })),
        button(ctx, ctx.say('clarify_none'), { t: 'none' }),
      ],
    },
  ];
}

/** Record which candidate was chosen (null: none of them) for staff. */
export function recordChoice(ctx: FlowContext, chosen: string | null): void {
  const flow = ctx.state.flow;
  if (flow?.kind !== 'clarify') return;
  ctx.events.push({
    type: 'clarify_chosen',
    channel: ctx.channel,
    userKey: ctx.userKey,
    text: flow.question,
    offered: flow.options,
    chosen,
  });
}

export function noneOfThese(ctx: FlowContext): Reply[] {
  recordChoice(ctx, null);
  ctx.state.flow = null;
  return [{ text: ctx.say('clarify_none_reply'), buttons: [button(ctx, ctx.say('button_staff'), 'staff')] }];
}
