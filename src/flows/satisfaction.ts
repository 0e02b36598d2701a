import { button, type FlowContext } from '../bot/context';
import type { Action, Flow } from '../bot/session-state';
import type { Reply } from '../bot/types';

/**
 * "Thông tin này có giúp ích cho bạn không?" — asked when a guide or checklist ends, once per procedure in a
 * session (not after every message). The buttons carry what led there, as it is now: a rating given later,
 * after other questions, is still recorded with it.
 */
export function askRatingOnce(ctx: FlowContext, procedure: string): Reply[] {
  if (ctx.state.rated.includes(procedure)) return [];
  ctx.state.rated.push(procedure);
  const { say } = ctx;
  const d = ctx.state.decision;
  return [
    {
      text: say('rating_question'),
      buttons: [
        button(ctx, say('rating_yes'), { t: 'rate', level: 3, p: procedure, d }),
        button(ctx, say('rating_partly'), { t: 'rate', level: 2, p: procedure, d }),
        button(ctx, say('rating_no'), { t: 'rate', level: 1, p: procedure, d }),
      ],
    },
  ];
}

/**
 * A rating: recorded with the procedure, channel and the decision that led there; a low one asks why. The
 * question's buttons are forgotten: one rating per question, a second press is an old button.
 */
export function rate(ctx: FlowContext, action: Extract<Action, { t: 'rate' }>): Reply[] {
  const { level, p: procedure } = action;
  for (const [token, other] of Object.entries(ctx.state.actions))
    if (other.t === 'rate' && other.p === procedure) delete ctx.state.actions[token];
  ctx.events.push({
    type: 'rating',
    channel: ctx.channel,
    userKey: ctx.userKey,
    level,
    procedure,
    decision: action.d,
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
export function ratingComment(
  ctx: FlowContext,
  flow: Extract<Flow, { kind: 'rating_comment' }>,
  text: string,
): Reply[] {
  ctx.events.push({
    type: 'rating_comment',
    channel: ctx.channel,
    userKey: ctx.userKey,
    level: flow.level,
    procedure: flow.p,
    comment: text,
  });
  ctx.state.flow = null;
  return [{ text: ctx.say('rating_comment_thanks'), buttons: [button(ctx, ctx.say('button_menu'), 'menu')] }];
}
