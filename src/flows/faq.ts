import { button, type FlowContext } from '../bot/context';
import type { Reply } from '../bot/types';
import { fillCenterPlaceholders } from '../content/center-text';
import type { FaqEntry } from '../content/schema';
import { splitLong } from './split-long';

/** An FAQ answer, with the center's details filled in and its follow-ups as buttons. */
export function faqAnswer(ctx: FlowContext, faq: FaqEntry): Reply[] {
  ctx.state.flow = null;
  const text = fillCenterPlaceholders(faq.answer, ctx.catalogue.center, ctx.say('unconfirmed'));
  const parts = splitLong(text).map((t): Reply => ({ text: t }));
  const last = parts[parts.length - 1]!;
  last.links = faq.links;
  last.buttons = [
    ...faq.follow_ups.map((f) =>
      button(ctx, f.label, f.procedure ? { t: 'guide', p: f.procedure } : { t: 'faq', id: f.faq ?? '' }),
    ),
    button(ctx, ctx.say('button_menu'), 'menu'),
  ];
  return parts;
}
