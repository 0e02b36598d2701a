import type { FlowContext } from '../bot/context';
import type { Procedure } from '../content/schema';

/** Where a procedure is done: the Center's counter, or — said clearly — the office to go to instead. */
export function placeText(ctx: FlowContext, p: Procedure): string {
  const v = p.venue;
  return v.kind === 'center'
    ? ctx.say('guide_place_center', { department: v.department ?? '', text: v.text })
    : ctx.say('guide_place_elsewhere', { place: v.place ?? '', text: v.text });
}
