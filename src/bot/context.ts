import type { Catalogue } from '../content/catalogue';
import type { BotEvent } from '../events/event-log';
import type { Matcher, MatchOutcome } from '../search/matcher';
import type { Say } from './say';
import { registerAction, type Action, type SessionState } from './session-state';
import type { Button } from './types';

/** Buttons that mean the same in every session: menu, help, staff, center info, cancel. */
export const globalActions = ['menu', 'help', 'staff', 'center', 'cancel'] as const;
export type GlobalAction = (typeof globalActions)[number];

/** What a flow works with while handling one message. */
export interface FlowContext {
  catalogue: Catalogue;
  matcher: Matcher;
  say: Say;
  /** The user's session, changed in place; the engine writes it back. */
  state: SessionState;
  now: number;
  channel: string;
  /** A hash of channel and user: what records keep instead of the user's id. */
  userKey: string;
  /** Records for staff, written after the session is saved. */
  events: BotEvent[];
  /** The matcher's outcome when the message was a question (for metrics and the log line). */
  matched?: Pick<MatchOutcome, 'decision' | 'aspect'>;
}

/** A button: a global one keeps its fixed token, any other gets a fresh token in this session. */
export function button(ctx: FlowContext, label: string, action: Action | GlobalAction): Button {
  return { label, action: typeof action === 'string' ? action : registerAction(ctx.state, action) };
}
