import crypto from 'node:crypto';
import { z } from 'zod';

/**
 * A user's conversation, as kept in the session store: small, validated JSON. A session written by another
 * version (or broken) is not trusted: the engine starts afresh and says so politely.
 */
export const SESSION_VERSION = 1;

/** What a button does, resolved from its token on the server. */
export const actionSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('guide'), p: z.string() }),
  z.object({ t: z.literal('section'), p: z.string(), s: z.string() }),
  z.object({ t: z.literal('checklist'), p: z.string() }),
  z.object({ t: z.literal('restart'), p: z.string() }),
  z.object({ t: z.literal('answer'), p: z.string(), q: z.string(), v: z.string() }),
  z.object({ t: z.literal('doc'), p: z.string(), k: z.string(), has: z.boolean() }),
  z.object({ t: z.literal('form'), p: z.string(), k: z.string() }),
  z.object({ t: z.literal('summary'), p: z.string() }),
  z.object({ t: z.literal('pick'), ref: z.string() }),
  z.object({ t: z.literal('none') }),
  z.object({
    t: z.literal('rate'),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    /** The procedure (or "faq:<id>") the question was asked about. */
    p: z.string().nullable(),
  }),
  z.object({ t: z.literal('faq'), id: z.string() }),
  z.object({ t: z.literal('field'), f: z.string() }),
]);
export type Action = z.infer<typeof actionSchema>;

const checklistSchema = z.object({
  answers: z.record(z.string(), z.string()),
  /** Keys ("group.item") of the documents this case needs, once all questions are answered. */
  documents: z.array(z.string()).nullable(),
  have: z.array(z.string()),
  missing: z.array(z.string()),
  done: z.boolean(),
});
export type Checklist = z.infer<typeof checklistSchema>;

const flowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('guide'), p: z.string(), viewed: z.number() }),
  z.object({ kind: z.literal('checklist'), p: z.string() }),
  z.object({ kind: z.literal('clarify'), question: z.string(), options: z.array(z.string()) }),
  z.object({ kind: z.literal('rating_comment'), p: z.string().nullable(), level: z.number() }),
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
  flow: flowSchema.nullable(),
  /** When the flow last moved (ms): an idle flow expires, a checklist is kept longer. */
  flowAt: z.number(),
  checklists: z.record(z.string(), checklistSchema),
  /** Procedures (or "faq") already rated in this session: the question is not asked twice. */
  rated: z.array(z.string()),
  /** What led to the current guide: recorded with a rating. */
  decision: z.enum(['answer', 'clarify', 'fallback']).nullable(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export function freshState(now: number): SessionState {
  return {
    v: SESSION_VERSION,
    nonce: crypto.randomBytes(4).toString('base64url'),
    next: 0,
    actions: {},
    lastButtons: [],
    flow: null,
    flowAt: now,
    checklists: {},
    rated: [],
    decision: null,
  };
}

/** How many button tokens a session remembers: older buttons answer "this button is old". */
const MAX_ACTIONS = 80;

/** A new token for an action: `<nonce>.<n>`, well under Telegram's 64 bytes. */
export function registerAction(state: SessionState, action: Action): string {
  const token = `${state.nonce}.${(state.next++).toString(36)}`;
  state.actions[token] = action;
  const tokens = Object.keys(state.actions);
  for (const old of tokens.slice(0, Math.max(0, tokens.length - MAX_ACTIONS))) delete state.actions[old];
  return token;
}
