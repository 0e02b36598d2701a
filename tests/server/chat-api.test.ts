import type { FastifyInstance } from 'fastify';
import { createEngine } from '../../src/bot/engine';
import type { Reply } from '../../src/bot/types';
import { buildServer } from '../../src/server/build-server';
import { MemorySessionStore } from '../../src/sessions';
import { catalogue, expectWellFormed, MemoryEventLog, say } from '../bot/transcript-helpers';

interface Built {
  app: FastifyInstance;
  store: MemorySessionStore;
  events: MemoryEventLog;
}

function build(chatPerMinute?: number): Built {
  const store = new MemorySessionStore();
  const events = new MemoryEventLog();
  const engine = createEngine({ catalogue, store, events, salt: 'test' });
  const app = buildServer({ catalogue, engine, ...(chatPerMinute ? { chatPerMinute } : {}) });
  return { app, store, events };
}

let built: Built;
beforeEach(() => {
  built = build();
});
afterEach(async () => {
  await built.app.close();
  await built.store.close();
  jest.restoreAllMocks();
});

function chat(app: FastifyInstance, body: unknown) {
  return app.inject({ method: 'POST', url: '/api/chat', payload: body as Record<string, unknown> });
}

/** A 200 answer's messages, checked like every transcript's replies. */
function messagesOf(res: { statusCode: number; json(): unknown }): Reply[] {
  expect(res.statusCode).toBe(200);
  const body = res.json() as { messages: Reply[] };
  expect(Object.keys(body)).toEqual(['messages']);
  expectWellFormed(body.messages);
  return body.messages;
}

function expectJsonError(
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string },
  status: number,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/application\/json/);
  const body = res.json() as { error: unknown; message: unknown };
  expect(typeof body.error).toBe('string');
  expect(typeof body.message).toBe('string');
  // Never a stack trace or an exception's text.
  expect(res.body).not.toMatch(/at .*\.(js|ts):\d+|Error:/);
  return body;
}

describe('POST /api/chat', () => {
  it('answers a typed text with the bot messages', async () => {
    const messages = messagesOf(await chat(built.app, { user: 'web-user-1', text: 'xin chào' }));
    expect(messages.map((m) => m.text)).toEqual([
      `${say('greeting')}\n${say('what_i_do')}`,
      say('menu_prompt'),
    ]);
    expect(messages[1]!.buttons!.at(-1)).toEqual({ label: say('button_staff'), action: 'staff' });
  });

  it('answers a pressed button (a global action)', async () => {
    const messages = messagesOf(await chat(built.app, { user: 'web-user-1', action: 'center' }));
    expect(messages.map((m) => m.text)).toEqual([say('center_info')]);
    expect(messages[0]!.text).toContain(catalogue.center.address.text);
  });

  it('continues one user\'s conversation across requests: a clarification, then "1", then a button token', async () => {
    const first = messagesOf(await chat(built.app, { user: 'u-42', text: 'sổ đỏ' }));
    expect(first[0]!.text.split('\n')[0]).toBe(say('clarify'));
    const option = first[0]!.buttons![0]!;

    const picked = messagesOf(await chat(built.app, { user: 'u-42', text: '1' }));
    expect(picked.at(-1)!.text.split('\n')[0]).toBe(option.label);
    expect(built.events.stored.filter((e) => e.type !== 'question')).toEqual([
      expect.objectContaining({ type: 'clarify_chosen', channel: 'web', text: 'sổ đỏ' }),
    ]);

    const steps = picked.at(-1)!.buttons!.find((b) => b.label === say('section_steps'))!;
    const section = messagesOf(await chat(built.app, { user: 'u-42', action: steps.action }));
    expect(section[0]!.text.startsWith(`${say('section_steps')} — ${option.label}`)).toBe(true);

    // Another user cannot use that token, nor does "1" mean anything in their conversation.
    const other = messagesOf(await chat(built.app, { user: 'u-43', action: steps.action }));
    expect(other.map((m) => m.text)).toEqual([say('expired_action')]);
  });

  it('answers a redelivered messageId once', async () => {
    const body = { user: 'u-7', text: 'thời tiết hôm nay thế nào', messageId: 'web-msg-1' };
    expect(messagesOf(await chat(built.app, body)).length).toBeGreaterThan(0);
    expect(messagesOf(await chat(built.app, body))).toEqual([]);
    expect(built.events.stored.filter((e) => e.type === 'unanswered')).toHaveLength(1);
  });

  it('rejects malformed JSON with a 400 JSON error', async () => {
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/chat',
      headers: { 'content-type': 'application/json' },
      payload: '{"user": "a", "text": ',
    });
    expectJsonError(res, 400);
  });

  it.each([
    ['no user', { text: 'xin chào' }],
    ['an empty user', { user: '', text: 'xin chào' }],
    ['a user with spaces', { user: 'nguyen van a', text: 'xin chào' }],
    ['a user id too long', { user: 'u'.repeat(129), text: 'xin chào' }],
    ['a numeric user', { user: 42, text: 'xin chào' }],
    ['both text and action', { user: 'u1', text: 'xin chào', action: 'menu' }],
    ['neither text nor action', { user: 'u1' }],
    ['an unknown field', { user: 'u1', text: 'xin chào', admin: true }],
    ['an empty action', { user: 'u1', action: '' }],
    ['an action over 64 characters', { user: 'u1', action: 'a'.repeat(65) }],
    ['a text over 10,000 characters', { user: 'u1', text: 'a'.repeat(10_001) }],
    ['a JSON array', [{ user: 'u1', text: 'xin chào' }]],
  ])('rejects %s with 400', async (_name, body) => {
    const res = await chat(built.app, body);
    expect(expectJsonError(res, 400).error).toBe('bad_request');
  });

  it('takes a text of 10,000 Vietnamese letters (30 KB of UTF-8)', async () => {
    const text = 'ặ'.repeat(10_000);
    expect(Buffer.byteLength(JSON.stringify({ user: 'u1', text }))).toBeGreaterThan(29 * 1024);
    const messages = messagesOf(await chat(built.app, { user: 'u1', text }));
    expect(messages[0]!.text).toBe(say('too_long', { max: 2000 }));
  });

  it('rejects a body over 64 KB with 413 payload_too_large', async () => {
    const body = { user: 'u1', text: 'a'.repeat(9000), padding: 'x'.repeat(64 * 1024) };
    const res = await chat(built.app, body);
    expect(expectJsonError(res, 413).error).toBe('payload_too_large');
  });

  it("answers in data/messages.yaml's words: a bad request, and too many messages", async () => {
    expect(expectJsonError(await chat(built.app, { text: 'xin chào' }), 400).message).toBe(
      say('api_bad_request'),
    );
    const limited = build(1);
    try {
      jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-01T02:00:10Z'));
      messagesOf(await chat(limited.app, { user: 'busy', text: 'menu' }));
      expect(expectJsonError(await chat(limited.app, { user: 'busy', text: 'menu' }), 429).message).toBe(
        say('api_rate_limited'),
      );
    } finally {
      await limited.app.close();
      await limited.store.close();
    }
  });

  it("builds the engine from a factory given the server's logger", async () => {
    const store = new MemorySessionStore();
    store.update = () => Promise.reject(new Error('store down'));
    const logs: unknown[] = [];
    const app = buildServer({
      catalogue,
      engine: (log) => {
        expect(typeof log.error).toBe('function');
        return createEngine({
          catalogue,
          store,
          log: { error: (obj, msg) => (log.error(obj, msg), logs.push(obj)) },
        });
      },
    });
    try {
      const messages = messagesOf(await chat(app, { user: 'u1', text: 'xin chào' }));
      expect(messages.map((m) => m.text)).toEqual([`${say('internal_error')}\n${say('contact')}`]);
      expect(logs).toEqual([expect.objectContaining({ err: { name: 'Error', message: 'store down' } })]);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('limits each user to chatPerMinute messages: the 4th of 3 gets 429, other users are not affected', async () => {
    const limited = build(3);
    try {
      // One fixed minute: the limiter's window does not roll over in the middle of the test.
      jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-01T02:00:10Z'));
      for (let i = 0; i < 3; i++) messagesOf(await chat(limited.app, { user: 'busy', text: 'menu' }));
      const res = await chat(limited.app, { user: 'busy', text: 'menu' });
      expect(expectJsonError(res, 429).error).toBe('rate_limited');
      messagesOf(await chat(limited.app, { user: 'calm', text: 'menu' }));
      // The next minute the user may write again.
      jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-01T02:01:10Z'));
      messagesOf(await chat(limited.app, { user: 'busy', text: 'menu' }));
    } finally {
      await limited.app.close();
      await limited.store.close();
    }
  });

  it('keeps /healthz and the catalogue API working next to the chat', async () => {
    await chat(built.app, { user: 'u1', text: 'xin chào' });
    const health = await built.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const center = await built.app.inject({ method: 'GET', url: '/api/center' });
    expect(center.json().name).toBe(catalogue.center.name);
  });

  it('has no chat route when built without an engine', async () => {
    const app = buildServer({ catalogue });
    try {
      const res = await chat(app, { user: 'u1', text: 'xin chào' });
      expect(res.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('question records', () => {
  it('records each question the matcher read: decision, aspect and what was answered or offered — no text', async () => {
    const store = new MemorySessionStore();
    const events = new MemoryEventLog();
    const app = buildServer({ catalogue, engine: createEngine({ catalogue, store, events, salt: 'test' }) });
    const ask = (text: string) =>
      app.inject({ method: 'POST', url: '/api/chat', payload: { user: 'records-q', text } });
    await ask('sổ đỏ');
    await ask('giá vàng hôm nay');
    await ask('làm lại căn cước bị mất cần giấy tờ gì');
    const questions = events.stored.filter((e) => e.type === 'question');
    expect(questions.map((q) => q.type === 'question' && q.decision)).toEqual([
      'clarify',
      'fallback',
      'answer',
    ]);
    const [clarified, missed, answered] = questions as Extract<
      (typeof questions)[number],
      { type: 'question' }
    >[];
    expect(clarified!.refs.length).toBeGreaterThanOrEqual(2);
    expect(missed!.refs).toEqual([]);
    expect(answered!.refs).toHaveLength(1);
    expect(answered!.aspect).toBe('documents');
    expect(JSON.stringify(questions)).not.toMatch(/sổ đỏ|vàng|căn cước/);
    await app.close();
    await store.close();
  });
});
