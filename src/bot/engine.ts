import crypto from 'node:crypto';
import type { Catalogue } from '../content/catalogue';
import type { BotEvent, EventLog } from '../events/event-log';
import { hashUserKey } from '../privacy/mask';
import { createMatcher, type Matcher, type MatchOutcome } from '../search/matcher';
import type { SessionStore } from '../sessions/session-store';
import { foldVietnamese } from '../text/fold';
import {
  answerQuestion,
  repeatStep,
  restartChecklist,
  showForm,
  startChecklist,
  summary,
  tickDocument,
  typedChecklistInput,
} from '../flows/checklist';
import { noneOfThese, offerChoices, recordChoice, refOf } from '../flows/clarify';
import { fallback } from '../flows/fallback';
import { faqAnswer } from '../flows/faq';
import { guideCard, sections, showSection, type Section } from '../flows/guide';
import { rate, ratingComment } from '../flows/satisfaction';
import { centerInfo, fieldProcedures, help, menu, staffRequest, welcome } from '../flows/welcome';
import { globalActions, type FlowContext, type GlobalAction } from './context';
import { readCommand } from './commands';
import { loggable } from './loggable-error';
import { createSay } from './say';
import {
  boundSession,
  freshState,
  sessionStateSchema,
  type Action,
  type SessionState,
} from './session-state';
import type { IncomingMessage, Reply } from './types';

/** The longest message the engine reads; longer ones are cut (and the citizen told). */
export const MAX_TEXT_CHARS = 2000;
/** An idle flow (a guide, a clarification) is forgotten after this; checklists are kept longer. */
const FLOW_IDLE_MS = 30 * 60 * 1000;
/** A typed number presses a button of the last message only this long: later "2" is not a press of old. */
const BUTTONS_MS = 30 * 60 * 1000;
const SESSION_TTL_SECONDS = 30 * 60;
const CHECKLIST_TTL_SECONDS = 7 * 24 * 3600;

/** Where the engine reports a message it could not handle (fastify's and pino's loggers fit). */
export interface EngineLog {
  error(obj: object, msg: string): void;
}

export interface EngineOptions {
  catalogue: Catalogue;
  store: SessionStore;
  /** Built from the catalogue when not given. */
  matcher?: Matcher;
  events?: EventLog;
  /**
   * Salt of the user hash kept in records and logs (USER_HASH_SALT). Random per process when absent: then
   * the records of two processes, or of one before and after a restart, do not link.
   */
  salt?: string;
  log?: EngineLog;
  now?: () => number;
  /** Told about every message once handled (metrics, the log line); must not throw. */
  observe?: (handled: HandledMessage) => void;
}

/** What happened to one message, without its text: for metrics and the one log line per message. */
export interface HandledMessage {
  channel: string;
  /** The salted hash of the user (never the channel's id). */
  userKey: string;
  input: 'text' | 'action' | 'not_text';
  /** The matcher's decision and aspect when the message was a question; null otherwise. */
  decision: MatchOutcome['decision'] | null;
  aspect: MatchOutcome['aspect'];
  replies: number;
  /** Ratings given with this message (1 = không, 2 = một phần, 3 = có). */
  ratings: (1 | 2 | 3)[];
  /** A redelivered message, answered before. */
  duplicate: boolean;
  /** The engine failed and apologised. */
  failed: boolean;
  ms: number;
}

/** The bot, independent of any chat app: a message in, replies out. */
export interface Engine {
  handle(message: IncomingMessage): Promise<Reply[]>;
  /**
   * Forgets a user's conversation (a Zalo user who unfollows), in turn with their messages under way. A
   * failure (Redis away) is logged, not thrown: the session expires by itself.
   */
  forget(channel: string, user: string): Promise<void>;
}

export function createEngine(options: EngineOptions): Engine {
  const { catalogue, store, events } = options;
  if (!catalogue.messages) {
    throw new Error('thiếu tệp messages.yaml: bot không có câu nào để nói (xem data/messages.yaml)');
  }
  const matcher = options.matcher ?? createMatcher(catalogue);
  const say = createSay(catalogue.messages, catalogue.center);
  const salt = options.salt ?? crypto.randomBytes(16).toString('hex');
  const now = options.now ?? Date.now;

  return {
    async handle(message) {
      const started = performance.now();
      const userKey = hashUserKey(message.channel, message.user, salt);
      const handled: HandledMessage = {
        channel: message.channel,
        userKey,
        input: message.notText ? 'not_text' : message.action !== undefined ? 'action' : 'text',
        decision: null,
        aspect: null,
        replies: 0,
        ratings: [],
        duplicate: false,
        failed: false,
        ms: 0,
      };
      const replies = await handleMessage(message, userKey, handled);
      handled.replies = replies.length;
      handled.ms = performance.now() - started;
      try {
        options.observe?.(handled);
      } catch {
        // metrics must never cost a citizen an answer
      }
      return replies;
    },

    async forget(channel, user) {
      try {
        await store.delete(`${channel}:${user}`);
      } catch (error: unknown) {
        const userKey = hashUserKey(channel, user, salt);
        options.log?.error(
          { err: loggable(error, { channel, user }, userKey), channel, user: userKey },
          'session not forgotten',
        );
      }
    },
  };

  async function handleMessage(
    message: IncomingMessage,
    userKey: string,
    handled: HandledMessage,
  ): Promise<Reply[]> {
    try {
      const outcome = await store.update(
        `${message.channel}:${message.user}`,
        (stored) => {
          const notices: Reply[] = [];
          const t = now();
          let state: SessionState;
          const parsed = sessionStateSchema.safeParse(stored);
          if (parsed.success) state = parsed.data;
          else {
            state = freshState(t);
            // A session from an older version (or broken): start again, politely, never crash.
            if (stored !== null) notices.push({ text: say('session_restarted') });
          }
          if (state.flow && t - state.flowAt > FLOW_IDLE_MS) state.flow = null;
          const ctx: FlowContext = {
            catalogue,
            matcher,
            say,
            state,
            now: t,
            channel: message.channel,
            userKey,
            events: [],
          };
          const replies = [...notices, ...route(ctx, message)];
          // Typed numbers press the buttons of this turn, numbered across its replies in order (the
          // terminal and Zalo show them so).
          state.lastButtons = replies.flatMap((r) => r.buttons?.map((b) => b.action) ?? []);
          state.buttonsAt = t;
          boundSession(state);
          handled.decision = ctx.matched?.decision ?? null;
          handled.aspect = ctx.matched?.aspect ?? null;
          handled.ratings = ctx.events.flatMap((e) => (e.type === 'rating' ? [e.level] : []));
          const keepsChecklist = Object.keys(state.checklists).length > 0;
          return {
            session: state,
            ttlSeconds: keepsChecklist ? CHECKLIST_TTL_SECONDS : SESSION_TTL_SECONDS,
            result: { replies, events: ctx.events },
          };
        },
        message.messageId ? { messageId: message.messageId } : undefined,
      );
      if (outcome.duplicate) {
        handled.duplicate = true;
        return [];
      }
      await recordAll(events, outcome.result.events);
      return outcome.result.replies;
    } catch (error: unknown) {
      handled.failed = true;
      options.log?.error(
        { err: loggable(error, message, userKey), channel: message.channel, user: userKey },
        'message not handled',
      );
      return [{ text: `${say('internal_error')}\n${say('contact')}` }];
    }
  }
}

async function recordAll(events: EventLog | undefined, list: BotEvent[]): Promise<void> {
  for (const event of list) await events?.record(event);
}

function route(ctx: FlowContext, message: IncomingMessage): Reply[] {
  if (message.notText) return [{ text: ctx.say('text_only') }];
  if (message.action !== undefined) return pressed(ctx, message.action);
  let text = (message.text ?? '').replace(/\s+/g, ' ').trim();
  const notices: Reply[] = [];
  if (text.length > MAX_TEXT_CHARS) {
    text = text.slice(0, MAX_TEXT_CHARS);
    notices.push({ text: ctx.say('too_long', { max: MAX_TEXT_CHARS }) });
  }
  return [...notices, ...typed(ctx, text)];
}

function isGlobal(token: string): token is GlobalAction {
  return (globalActions as readonly string[]).includes(token);
}

/** A button pressed: a global one, or a token of this session; anything else is an old or foreign button. */
function pressed(ctx: FlowContext, token: string): Reply[] {
  if (isGlobal(token)) return globalAction(ctx, token, '');
  const action = Object.hasOwn(ctx.state.actions, token) ? ctx.state.actions[token] : undefined;
  return action ? act(ctx, action) : expired(ctx);
}

function expired(ctx: FlowContext): Reply[] {
  return [{ text: ctx.say('expired_action'), buttons: menu(ctx).buttons }];
}

function globalAction(ctx: FlowContext, action: GlobalAction | 'start', text: string): Reply[] {
  switch (action) {
    case 'start':
      ctx.state.flow = null;
      return welcome(ctx);
    case 'menu':
      ctx.state.flow = null;
      return [menu(ctx)];
    case 'help':
      return help(ctx);
    case 'staff':
      ctx.state.flow = null;
      return staffRequest(ctx, text);
    case 'center':
      return centerInfo(ctx);
    case 'cancel':
      ctx.state.flow = null;
      return [{ text: ctx.say('cancelled'), buttons: menu(ctx).buttons }];
  }
}

function act(ctx: FlowContext, action: Action): Reply[] {
  const needsProcedure = 'p' in action && action.t !== 'rate'; // a rating's "p" is only recorded
  const procedure = needsProcedure ? ctx.catalogue.procedureById.get(action.p) : undefined;
  // Content may have changed since the button was sent: a procedure that is gone is an old button.
  if (needsProcedure && !procedure) return expired(ctx);
  switch (action.t) {
    case 'guide':
      ctx.state.decision = null; // opened from a menu or a follow-up, not from a match
      return guideCard(ctx, procedure!, null);
    case 'section':
      return (sections as readonly string[]).includes(action.s)
        ? showSection(ctx, procedure!, action.s as Section)
        : expired(ctx);
    case 'checklist':
      return startChecklist(ctx, procedure!);
    case 'restart':
      return restartChecklist(ctx, procedure!);
    case 'answer':
      return answerQuestion(ctx, procedure!, action.fp, action.q, action.v);
    case 'doc':
      return tickDocument(ctx, procedure!, action.fp, action.k, action.has);
    case 'form':
      return showForm(ctx, procedure!, action.fp, action.k);
    case 'summary':
      return summary(ctx, procedure!);
    case 'pick':
      // A candidate of an older clarification still opens its guide, but is not recorded as that choice.
      recordChoice(ctx, action.c, action.ref);
      ctx.state.decision = 'clarify';
      return open(ctx, action.ref);
    case 'suggest':
      ctx.state.decision = 'fallback';
      return open(ctx, action.ref);
    case 'none':
      return noneOfThese(ctx, action.c) ?? expired(ctx);
    case 'rate':
      return rate(ctx, action);
    case 'faq':
      ctx.state.decision = null;
      return open(ctx, `faq:${action.id}`);
    case 'field':
      return fieldProcedures(ctx, action.f, action.from);
  }
}

/** Open a procedure guide or an FAQ answer by its reference. */
function open(ctx: FlowContext, ref: string, aspect: Parameters<typeof guideCard>[2] = null): Reply[] {
  if (ref.startsWith('faq:')) {
    const faq = ctx.catalogue.faqById.get(ref.slice(4));
    return faq ? faqAnswer(ctx, faq) : expired(ctx);
  }
  const procedure = ctx.catalogue.procedureById.get(ref);
  return procedure ? guideCard(ctx, procedure, aspect) : expired(ctx);
}

/** A typed message: a command, a number for a button, an answer inside the current flow, or a new question. */
function typed(ctx: FlowContext, text: string): Reply[] {
  // Telegram-style commands ("/cancel", "/start@MotcuaBot") before folding, which drops "/" and "@".
  const slash = /^\/(\w+)(?:@\w+)?$/.exec(text);
  const slashCommand = slash && readCommand(`/${slash[1]!.toLowerCase()}`);
  if (slashCommand && slashCommand !== 'thanks') return globalAction(ctx, slashCommand, text);
  const folded = foldVietnamese(text);
  if (!folded) return [menu(ctx)];
  const command = readCommand(folded);
  if (command === 'thanks') return [{ text: ctx.say('thanks_reply'), buttons: menu(ctx).buttons }];
  if (command) return globalAction(ctx, command, text);

  // "2", "số 2": a button of the last message. A number with no such button (or one sent long ago) is an
  // old button too, not a question for the matcher.
  const number = /^(?:so |cai |cai so |cai thu |thu |chon |chon so )?([1-9]\d?)$/.exec(folded);
  if (number) {
    const isRecent = ctx.now - ctx.state.buttonsAt <= BUTTONS_MS;
    const token = isRecent ? ctx.state.lastButtons[Number(number[1]) - 1] : undefined;
    return token ? pressed(ctx, token) : expired(ctx);
  }

  const flow = ctx.state.flow;
  const checklist = flow?.kind === 'checklist' ? ctx.catalogue.procedureById.get(flow.p) : undefined;
  if (checklist) {
    const replies = typedChecklistInput(ctx, checklist, text);
    if (replies) return replies;
  }
  const outcome = ctx.matcher.match(text);
  ctx.matched = { decision: outcome.decision, aspect: outcome.aspect };
  ctx.events.push({
    type: 'question',
    channel: ctx.channel,
    userKey: ctx.userKey,
    decision: outcome.decision,
    aspect: outcome.aspect,
    refs:
      outcome.decision === 'fallback'
        ? []
        : outcome.results.slice(0, outcome.decision === 'answer' ? 1 : 5).map(refOf),
  });
  // After a low rating the next text is the comment — unless it is plainly a new question: a confident match
  // that asks something of it ("làm sổ đỏ lần đầu cần giấy tờ gì"); a remark naming a place is a comment.
  const isQuestion = outcome.decision === 'answer' && outcome.aspect !== null;
  if (flow?.kind === 'rating_comment' && !isQuestion) return ratingComment(ctx, flow, text);
  // Inside a checklist, text that is neither an answer nor a question the bot knows asks the step again.
  const repeated = checklist && outcome.decision === 'fallback' ? repeatStep(ctx, checklist) : null;
  if (repeated) return repeated;
  if (flow?.kind === 'clarify' && outcome.decision !== 'fallback') {
    // "sang tên": a typed answer naming one of the offered procedures picks it.
    const first = outcome.results[0];
    if (first && recordChoice(ctx, flow.id, refOf(first))) {
      ctx.state.decision = 'clarify';
      return open(ctx, refOf(first), outcome.aspect);
    }
  }
  // Anything else is a new question, even inside a flow.
  switch (outcome.decision) {
    case 'answer':
      ctx.state.decision = 'answer';
      return open(ctx, refOf(outcome.results[0]!), outcome.aspect);
    case 'clarify':
      ctx.state.decision = 'clarify';
      return offerChoices(ctx, text, outcome.results);
    case 'fallback':
      return fallback(ctx, text, outcome.results);
  }
}
