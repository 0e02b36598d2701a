import { sections } from '../../src/flows/guide';
import path from 'node:path';
import { createEngine, type Engine } from '../../src/bot/engine';
import { createSay } from '../../src/bot/say';
import type { Button, Reply } from '../../src/bot/types';
import type { Catalogue } from '../../src/content/catalogue';
import { loadCatalogueOrThrow } from '../../src/content/loader';
import type { MessageKey, Procedure } from '../../src/content/schema';
import type { BotEvent, EventLog, StoredEvent } from '../../src/events/event-log';
import { MemorySessionStore } from '../../src/sessions';
import type { SessionStore } from '../../src/sessions';

/** The real content of the project: the transcripts run against what citizens will see. */
export const catalogue: Catalogue = loadCatalogueOrThrow([path.join(__dirname, '..', '..', 'data')]);

const messages = catalogue.messages;
if (!messages) throw new Error('data/messages.yaml is missing');

/** A sentence of data/messages.yaml, filled as the bot fills it (center profile and the given values). */
export const say: (key: MessageKey, vars?: Record<string, string | number>) => string = createSay(
  messages,
  catalogue.center,
);

export function procedure(id: string): Procedure {
  const p = catalogue.procedureById.get(id);
  if (!p) throw new Error(`no procedure "${id}" in data/`);
  return p;
}

export const titleOf = (p: Procedure) => p.plain_title ?? p.title;

/** A test double of our own EventLog interface: keeps what `record()` receives. */
export class MemoryEventLog implements EventLog {
  readonly stored: StoredEvent[] = [];

  async record(event: BotEvent): Promise<void> {
    this.stored.push({ ...event, at: new Date().toISOString() });
  }

  async read(from?: string, to?: string): Promise<StoredEvent[]> {
    return this.stored.filter((e) => (!from || e.at >= from) && (!to || e.at <= to));
  }

  async close(): Promise<void> {}

  ofType<T extends BotEvent['type']>(type: T): Extract<StoredEvent, { type: T }>[] {
    return this.stored.filter((e): e is Extract<StoredEvent, { type: T }> => e.type === type);
  }
}

/** Tokens that mean the same in every session. */
export const GLOBAL_TOKENS = ['menu', 'help', 'staff', 'center', 'cancel'];

/** What every reply of every transcript must satisfy. */
export function expectWellFormed(replies: Reply[]): void {
  expect(Array.isArray(replies)).toBe(true);
  for (const reply of replies) {
    expect(typeof reply.text).toBe('string');
    expect(reply.text.trim()).not.toBe('');
    for (const bad of ['undefined', '[object', 'NaN', 'null']) expect(reply.text).not.toContain(bad);
    // Every placeholder of messages.yaml and of FAQ answers is filled; content never uses braces.
    expect(reply.text).not.toMatch(/[{}]/);
    for (const b of reply.buttons ?? []) {
      expect(b.label.trim()).not.toBe('');
      expect(b.label).not.toMatch(/undefined|\[object|NaN|[{}]/);
      expect(b.action.length).toBeGreaterThan(0);
      // Telegram's callback_data: at most 64 bytes.
      expect(Buffer.byteLength(b.action, 'utf8')).toBeLessThanOrEqual(64);
    }
    for (const l of reply.links ?? []) {
      expect(l.label.trim()).not.toBe('');
      expect(l.url).toMatch(/^https?:\/\/\S+$/);
    }
  }
}

export interface HarnessOptions {
  /** The store to use; a MemorySessionStore on the harness clock by default. */
  store?: SessionStore;
  /** The content; the project's data/ by default. */
  catalogue?: Catalogue;
}

/** An engine on real content, with a clock the test moves, an in-memory store and event log. */
export function createHarness(options: HarnessOptions = {}) {
  const clock = { now: Date.parse('2026-12-01T02:00:00Z') };
  const store = options.store ?? new MemorySessionStore({ now: () => clock.now });
  const events = new MemoryEventLog();
  const engine: Engine = createEngine({
    catalogue: options.catalogue ?? catalogue,
    store,
    events,
    now: () => clock.now,
    salt: 'test-salt',
  });
  const conversations: Conversation[] = [];
  const current = { engine };
  return {
    clock,
    store,
    events,
    get engine() {
      return current.engine;
    },
    /** Another engine on the same store and clock, e.g. after staff edited the content. */
    restartWith(next: Catalogue): void {
      const engine = createEngine({
        catalogue: next,
        store,
        events,
        now: () => clock.now,
        salt: 'test-salt',
      });
      current.engine = engine;
      for (const c of conversations) c.engine = engine;
    },
    /** A citizen talking to the bot on one channel. */
    user(id = 'citizen-1', channel = 'web'): Conversation {
      const conversation = new Conversation(current.engine, channel, id);
      conversations.push(conversation);
      return conversation;
    },
    advanceMinutes(minutes: number): void {
      clock.now += minutes * 60 * 1000;
    },
    async close(): Promise<void> {
      await store.close();
    },
  };
}
export type Harness = ReturnType<typeof createHarness>;

export class Conversation {
  /** The replies to the last message sent. */
  last: Reply[] = [];

  constructor(
    public engine: Engine,
    readonly channel: string,
    readonly user: string,
  ) {}

  /** Types a message. */
  async send(text: string, messageId?: string): Promise<Reply[]> {
    return this.deliver({ text, ...(messageId ? { messageId } : {}) });
  }

  /** Presses a button by its token (global or from a reply). */
  async action(token: string, messageId?: string): Promise<Reply[]> {
    return this.deliver({ action: token, ...(messageId ? { messageId } : {}) });
  }

  /** Presses the button with this label among the last replies (the last such button). */
  async press(label: string): Promise<Reply[]> {
    return this.action(this.button(label).action);
  }

  /** The button with this label among the last replies. */
  button(label: string): Button {
    const found = this.last
      .flatMap((r) => r.buttons ?? [])
      .reverse()
      .find((b) => b.label === label);
    if (!found) {
      const labels = this.last.flatMap((r) => (r.buttons ?? []).map((b) => b.label));
      throw new Error(`no button "${label}" in the last replies; buttons: ${JSON.stringify(labels)}`);
    }
    return found;
  }

  /** The buttons of the last reply that has buttons (what a typed number refers to). */
  lastButtons(): Button[] {
    return [...this.last].reverse().find((r) => r.buttons?.length)?.buttons ?? [];
  }

  async deliver(message: { text?: string; action?: string; messageId?: string }): Promise<Reply[]> {
    const replies = await this.engine.handle({ channel: this.channel, user: this.user, ...message });
    expectWellFormed(replies);
    this.last = replies;
    return replies;
  }
}

export const labels = (reply: Reply | undefined) => (reply?.buttons ?? []).map((b) => b.label);
export const texts = (replies: Reply[]) => replies.map((r) => r.text);
export const allText = (replies: Reply[]) => texts(replies).join('\n');

/** The labels of the section buttons under a guide, in order, then "check my documents" and menu. */
export const sectionKeys = sections;
export const guideButtonLabels = () => [
  ...sectionKeys.map((s) => say(`section_${s}`)),
  say('section_checklist'),
  say('button_menu'),
];

/** The catalogue with one procedure replaced, as after staff edited its file. */
export function withProcedure(changed: Procedure): Catalogue {
  return {
    ...catalogue,
    procedures: catalogue.procedures.map((p) => (p.id === changed.id ? changed : p)),
    procedureById: new Map(
      [...catalogue.procedureById].map(([id, p]) => [id, id === changed.id ? changed : p]),
    ),
  };
}

/** Driving licence renewal: done by the police (not at the Center), with questions and conditional documents. */
export const licence = procedure('doi-giay-phep-lai-xe');
export const [classQuestion, nationalityQuestion] = licence.questions;
const doc = (group: number, item: number) => licence.documents[group]!.items[item]!;
export const applicationForm = doc(0, 0);
export const licenceCopy = doc(0, 1);
export const otherPapers = doc(0, 2);
export const healthCertificate = doc(1, 0);
export const passport = doc(2, 0);
export const option = (q: typeof classQuestion, value: string) =>
  q!.options.find((o) => o.value === value)!.label;
export const asksFor = (d: { name: string }) => say('checklist_document', { document: d.name });

/** Opens the licence guide by a question typed without diacritics. */
export async function openLicenceGuide(u: Conversation): Promise<Reply[]> {
  const replies = await u.send('doi giay phep lai xe');
  expect(replies.at(-1)!.text.startsWith(titleOf(licence))).toBe(true);
  return replies;
}

/** Guide, checklist, both questions answered (car licence, Vietnamese citizen): the first document is asked. */
export async function licenceChecklistAtFirstDocument(u: Conversation) {
  await openLicenceGuide(u);
  const checklistButton = u.button(say('section_checklist'));
  await u.action(checklistButton.action);
  await u.press(option(classQuestion, 'o_to_hang_khac'));
  const replies = await u.press(option(nationalityQuestion, 'viet_nam'));
  expect(texts(replies)).toEqual([asksFor(applicationForm)]);
  return { checklistButton };
}

/** The main menu as data/fields.yaml defines it: the fields marked `menu: true` that have a guide, then center and staff. */
export const menuLabels = (from = catalogue) => {
  const used = new Set(from.procedures.map((p) => p.field));
  return [
    ...from.fields.filter((f) => f.menu && used.has(f.id)).map((f) => f.name),
    say('button_center'),
    say('button_staff'),
  ];
};
