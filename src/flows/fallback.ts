import { button, type FlowContext } from '../bot/context';
import type { Reply } from '../bot/types';
import type { MatchResult } from '../search/matcher';
import { menu } from './welcome';
import { refOf } from './clarify';

/** Close procedures are suggested only above this score: below it they are noise, not suggestions. */
const SUGGEST_MIN_SCORE = 0.25;

/**
 * Nothing plausible: apologise, suggest close procedures (or the fields), give hotline and hours, and record
 * the question as unanswered for staff.
 */
export function fallback(ctx: FlowContext, question: string, results: readonly MatchResult[]): Reply[] {
  ctx.events.push({
    type: 'unanswered',
    channel: ctx.channel,
    userKey: ctx.userKey,
    text: question,
    closest: results.slice(0, 3).map(refOf),
  });
  ctx.state.flow = null;
  const close = results.filter((r) => r.score >= SUGGEST_MIN_SCORE).slice(0, 3);
  const replies: Reply[] = [{ text: `${ctx.say('fallback')}\n${ctx.say('contact')}` }];
  if (close.length > 0) {
    replies.push({
      text: ctx.say('fallback_suggest'),
      buttons: [
        ...close.map((r) => button(ctx, r.title, { t: 'suggest', ref: refOf(r) })),
        button(ctx, ctx.say('button_menu'), 'menu'),
        button(ctx, ctx.say('button_staff'), 'staff'),
      ],
    });
  } else {
    const m = menu(ctx);
    replies.push({ ...m, text: ctx.say('fallback_fields') });
  }
  return replies;
}
