import { button, type FlowContext } from '../bot/context';
import type { Reply } from '../bot/types';

/** The fields staff put on the main menu (`menu: true` in data/fields.yaml) that have at least one guide. */
function menuFields(ctx: FlowContext) {
  const used = new Set(ctx.catalogue.procedures.map((p) => p.field));
  return ctx.catalogue.fields.filter((f) => f.menu && used.has(f.id));
}

/** Greeting, what the bot does, the main fields as buttons, center info and staff. */
export function welcome(ctx: FlowContext): Reply[] {
  const { say } = ctx;
  return [{ text: `${say('greeting')}\n${say('what_i_do')}` }, menu(ctx)];
}

export function menu(ctx: FlowContext): Reply {
  const { say } = ctx;
  return {
    text: say('menu_prompt'),
    buttons: [
      ...menuFields(ctx).map((f) => button(ctx, f.name, { t: 'field', f: f.id, from: 0 })),
      button(ctx, say('button_center'), 'center'),
      button(ctx, say('button_staff'), 'staff'),
    ],
  };
}

/** Guides listed per message: more would be a wall of buttons on a phone. */
const PAGE_SIZE = 10;

/** The guides of one field as buttons, `PAGE_SIZE` at a time from `from`, with "Xem thêm" and menu. */
export function fieldProcedures(ctx: FlowContext, fieldId: string, from = 0): Reply[] {
  const field = ctx.catalogue.fields.find((f) => f.id === fieldId);
  const name = field?.name ?? fieldId;
  const procedures = ctx.catalogue.procedures.filter((p) => p.field === fieldId);
  const menuButton = button(ctx, ctx.say('button_menu'), 'menu');
  if (procedures.length === 0)
    return [{ text: ctx.say('field_empty', { field: name }), buttons: [menuButton] }];
  // Content may have shrunk since a "Xem thêm" button was sent: show the last page then.
  const start = Math.min(from, Math.floor((procedures.length - 1) / PAGE_SIZE) * PAGE_SIZE);
  const page = procedures.slice(start, start + PAGE_SIZE);
  const more = start + PAGE_SIZE < procedures.length;
  return [
    {
      text: ctx.say('field_pick', { field: name }),
      buttons: [
        ...page.map((p) => button(ctx, p.plain_title ?? p.title, { t: 'guide', p: p.id })),
        ...(more
          ? [button(ctx, ctx.say('field_more'), { t: 'field', f: fieldId, from: start + PAGE_SIZE })]
          : []),
        menuButton,
      ],
    },
  ];
}

export function help(ctx: FlowContext): Reply[] {
  return [{ text: ctx.say('help'), buttons: [button(ctx, ctx.say('button_menu'), 'menu')] }];
}

export function centerInfo(ctx: FlowContext): Reply[] {
  const links =
    ctx.catalogue.center.map_url && ctx.catalogue.center.confirmed.includes('map_url')
      ? [{ label: ctx.catalogue.center.name, url: ctx.catalogue.center.map_url }]
      : [];
  return [{ text: ctx.say('center_info'), links, buttons: [button(ctx, ctx.say('button_menu'), 'menu')] }];
}

/** "gặp cán bộ": recorded for staff; live handoff comes with a later issue. */
export function staffRequest(ctx: FlowContext, text: string): Reply[] {
  ctx.events.push({ type: 'staff_request', channel: ctx.channel, userKey: ctx.userKey, text });
  return [{ text: ctx.say('staff_request'), buttons: [button(ctx, ctx.say('button_menu'), 'menu')] }];
}
