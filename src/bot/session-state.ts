import crypto from 'node:crypto';
import { z } from 'zod';

/**
 * A user's conversation, as kept in the session store: small, validated JSON. A session written by another
 * version (or broken) is not trusted: the engine starts afresh and says so politely.
 */
export const SESSION_VERSION = 2;

/** What led to a guide: a confident match, a clarification, or a suggestion after a fallback. */
export const decisionSchema = z.enum(['answer', 'clarify', 'fallback']);
export type Decision = z.infer<typeof decisionSchema>;

const level = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** What a button does, resolved from its token on the server. */
export const actionSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('guide'), p: z.string() }),
  z.object({ t: z.literal('section'), p: z.string(), s: z.string() }),
  z.object({ t: z.literal('checklist'), p: z.string() }),
  z.object({ t: z.literal('restart'), p: z.string() }),
  /** Checklist buttons carry the fingerprint of the content they were made from (see `Checklist.fp`). */
  z.object({ t: z.literal('answer'), p: z.string(), fp: z.string(), q: z.string(), v: z.string() }),
  z.object({ t: z.literal('doc'), p: z.string(), fp: z.string(), k: z.string(), has: z.boolean() }),
  z.object({ t: z.literal('form'), p: z.string(), fp: z.string(), k: z.string() }),
  z.object({ t: z.literal('summary'), p: z.string() }),
  /** A candidate of clarification `c` (a procedure id or "faq:<id>"). */
  z.object({ t: z.literal('pick'), ref: z.string(), c: z.string() }),
  /** A close procedure suggested after a fallback. */
  z.object({ t: z.literal('suggest'), ref: z.string() }),
  /** "None of these" of clarification `c`. */
  z.object({ t: z.literal('none'), c: z.string() }),
  z.object({
    t: z.literal('rate'),
    level,
    /** The procedure the question was asked about. */
    p: z.string(),
    /** What led to the guide or checklist, when the question was asked. */
    d: decisionSchema.nullable(),
  }),
  z.object({ t: z.literal('faq'), id: z.string() }),
  /** A field's guides, from the `from`-th on. */
  z.object({ t: z.literal('field'), f: z.string(), from: z.number().int().nonnegative() }),
]);
export type Action = z.infer<typeof actionSchema>;

const checklistSchema = z.object({
  /**
   * A hash of the procedure's questions and documents when the checklist started: answers and documents
   * are kept by id and position ("0.3"), which mean something else once staff edit the procedure.
   */
  fp: z.string(),
  answers: z.record(z.string(), z.string()),
  /** Keys ("group.item") of the documents this case needs, once all questions are answered. */
  documents: z.array(z.string()).nullable(),
  have: z.array(z.string()),
  missing: z.array(z.string()),
  done: z.boolean(),
  /** When it last changed (ms): beyond MAX_CHECKLISTS the least recently updated one is dropped. */
  updatedAt: z.number(),
});
export type Checklist = z.infer<typeof checklistSchema>;

const flowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('guide'), p: z.string(), viewed: z.number() }),
  z.object({ kind: z.literal('checklist'), p: z.string() }),
  /** `id` ties the clarification's buttons to it: a button of an older one records nothing. */
  z.object({
    kind: z.literal('clarify'),
    id: z.string(),
    question: z.string(),
    options: z.array(z.string()),
  }),
  z.object({ kind: z.literal('rating_comment'), p: z.string(), level }),
]);
export type Flow = z.infer<typeof flowSchema>;

export const sessionStateSchema = z.object({
  v: z.literal(SESSION_VERSION),
  /** Random per session: action tokens of another session (or an old one) are not found. */
  nonce: z.string(),
  next: z.number().int(),
  actions: z.record(z.string(), actionSchema),
  /** Tokens of the last message's buttons, in order: "2" typed means the second. */
  lastButtons: z.array(z.string()),
  /** When those buttons were sent (ms): a number typed long after does not press an old button. */
  buttonsAt: z.number(),
  flow: flowSchema.nullable(),
  /** When the flow last moved (ms): an idle flow expires, a checklist is kept longer. */
  flowAt: z.number(),
  checklists: z.record(z.string(), checklistSchema),
  /** Procedures whose satisfaction question was asked in this session (oldest first): not asked twice. */
  rated: z.array(z.string()),
  /** What led to the current guide: put into the rating buttons when the question is asked. */
  decision: decisionSchema.nullable(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export function freshState(now: number): SessionState {
  return {
    v: SESSION_VERSION,
    nonce: crypto.randomBytes(4).toString('base64url'),
    next: 0,
    actions: {},
    lastButtons: [],
    buttonsAt: now,
    flow: null,
    flowAt: now,
    checklists: {},
    rated: [],
    decision: null,
  };
}

/** How many button tokens a session remembers: older buttons answer "this button is old". */
const MAX_ACTIONS = 80;
/** Checklists kept per session; a citizen rarely prepares more than a few procedures at once. */
export const MAX_CHECKLISTS = 10;
/** Procedures remembered as rated; past it the oldest may be asked about again. */
export const MAX_RATED = 50;

/** JSON of an action with its keys sorted: two equal actions compare equal whatever their key order. */
const canonical = (action: Action) => JSON.stringify(action, Object.keys(action).sort());

/**
 * The token of an action: the one already registered for an equal action (so the buttons of a guide card
 * stay valid however many sections are viewed after it), else a new `<nonce>.<n>`, well under Telegram's
 * 64 bytes.
 */
export function registerAction(state: SessionState, action: Action): string {
  const wanted = canonical(action);
  let token = Object.keys(state.actions).find((t) => canonical(state.actions[t]!) === wanted);
  if (token !== undefined)
    delete state.actions[token]; // re-added below: now the most recent
  else token = `${state.nonce}.${(state.next++).toString(36)}`;
  state.actions[token] = action;
  const tokens = Object.keys(state.actions);
  for (const old of tokens.slice(0, Math.max(0, tokens.length - MAX_ACTIONS))) delete state.actions[old];
  return token;
}

/** Keeps a session small however long it lives: the most recent checklists and ratings only. */
export function boundSession(state: SessionState): void {
  const byAge = Object.entries(state.checklists).sort(([, a], [, b]) => a.updatedAt - b.updatedAt);
  for (const [id] of byAge.slice(0, Math.max(0, byAge.length - MAX_CHECKLISTS))) delete state.checklists[id];
  if (state.rated.length > MAX_RATED) state.rated = state.rated.slice(-MAX_RATED);
}
