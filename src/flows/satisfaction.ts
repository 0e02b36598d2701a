import { button, type FlowContext } from '../bot/context';
import type { Reply } from '../bot/types';

/**
 * "Thông tin này có giúp ích cho bạn không?" — asked when a guide or checklist ends, once per procedure in a
 * session (not after every message). `subject` is a procedure id, or "faq:<id>".
 */
export function askRatingOnce(ctx: FlowContext, subject: string): Reply[] {
  if (ctx.state.rated.includes(subject)) return [];
  ctx.state.rated.push(subject);
  const { say } = ctx;
  return [
    {
      text: say('rating_question'),
      buttons: [
        button(ctx, say('rating_yes'), { t: 'rate', level: 3, p: subject }),
        button(ctx, say('rating_partly'), { t: 'rate', level: 2, p: subject }),
        button(ctx, say('rating_no'), { t: 'rate', level: 1, p: subject }),
      ],
    },
  ];
}

/** A rating: recorded with the procedure, channel and the decision that led there; a low one asks why. */
export function rate(ctx: FlowContext, level: 1 | 2 | 3, procedure: string | null): Reply[] {
  ctx.events.push({
    type: 'rating',
    channel: ctx.channel,
    userKey: ctx.userKey,
    level,
    procedure,
    decision: ctx.state.decision,
  });
  if (level === 3) {
    ctx.state.flow = null;
    return [{ text: ctx.say('rating_thanks'), buttons: [button(ctx, ctx.say('button_menu'), 'menu')] }];
  }
  ctx.state.flow = { kind: 'rating_comment', p: procedure, level };
  ctx.state.flowAt = ctx.now;
  return [{ text: ctx.say('rating_ask_comment'), buttons: [button(ctx, ctx.say('button_menu'), 'menu')] }];
}

/** The optional comment after a low rating. */
export function ratingComment(ctx: FlowContext, text: string): Reply[] {
  const flow = ctx.state.flow;
  if (flow?.kind !== 'rating_comment') return [];
  ctx.events.push({
    type: 'rating_comment',
    channel: ctx.channel,
    userKey: ctx.userKey,
    level: flow.level as 1 | 2 | 3,
    procedure: flow.p,
    comment: text,
  });
  ctx.state.flow = null;
  return [{ text: ctx.say('rating_comment_thanks'), buttons: [button(ctx, ctx.say('button_menu'), 'menu')] }];
}
