import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { say } from '../../bot/transcript-helpers';
import { FakeBotApi } from './fake-bot-api';

/** `npm start` with TELEGRAM_BOT_TOKEN, as an operator runs it, against the fake Bot API. */
const root = path.join(__dirname, '..', '..', '..');
const SECRET = 'serve_test-secret';

interface Served {
  child: ChildProcess;
  url: string;
  /** Everything the process printed (stdout and stderr, the logs included). */
  output: () => string;
}

async function serve(fake: FakeBotApi, env: Record<string, string>): Promise<Served> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-telegram-'));
  const child = spawn(process.execPath, [path.join(root, 'bin', 'motcua.js'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      REDIS_URL: '',
      EVENTS_FILE: path.join(dir, 'events.jsonl'),
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      ...env,
    },
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const port = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (port) resolve(`http://127.0.0.1:${port[1]}`);
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`motcua serve exited with ${code}: ${out}`)));
  });
  return { child, url, output: () => out };
}

async function stop(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const code = await exited;
  return { code, ms: Date.now() - started };
}

describe('npm start with TELEGRAM_BOT_TOKEN', () => {
  let fake: FakeBotApi;
  beforeEach(async () => {
    fake = await FakeBotApi.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('polls without a URL, answers, says to run one instance, and stops at once on SIGTERM', async () => {
    const served = await serve(fake, {});
    try {
      await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 'a poll');
      expect(served.output()).toMatch(/long polling/);
      expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
      const chat = fake.privateChat(6001);
      fake.push(fake.textUpdate(chat, '/start'));
      await fake.waitFor(() => fake.sentTo(chat.id).length >= 2, 'the greeting and menu');
      expect(fake.sentTo(chat.id)[0]!.text.startsWith(say('greeting'))).toBe(true);
    } finally {
      // The long poll (50 s) is held open: SIGTERM must end it, not wait for it.
      const { code, ms } = await stop(served.child);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(5000);
    }
    expect(served.output()).toMatch(/only ONE instance/);
    expect(served.output()).not.toContain(fake.token.split(':')[1]);
  });

  it('with a webhook URL sets the webhook at start and serves the route with the secret', async () => {
    const served = await serve(fake, {
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.invalid/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    });
    try {
      await fake.waitFor(() => fake.webhook !== null, 'setWebhook');
      expect(fake.webhook).toEqual({
        url: 'https://bot.example.invalid/telegram/webhook',
        secret_token: SECRET,
        allowed_updates: ['message', 'edited_message', 'callback_query'],
      });
      const chat = fake.privateChat(6002);
      expect(await fake.deliver(fake.textUpdate(chat, 'menu'), served.url, 'wrong')).toBe(403);
      expect(await fake.deliver(fake.textUpdate(chat, 'menu'), served.url)).toBe(200);
      await fake.waitFor(() => fake.sentTo(chat.id).length === 1, 'the menu');
    } finally {
      expect((await stop(served.child)).code).toBe(0);
    }
    expect(served.output()).not.toContain(SECRET);
    expect(served.output()).not.toContain(fake.token.split(':')[1]);
  });

  it('refuses to start with a wrong setting, naming the variable', async () => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'motcua.js'), 'serve'], {
      cwd: root,
      env: { ...process.env, PORT: '0', TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_MODE: 'webhook' },
    });
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('TELEGRAM_WEBHOOK_SECRET');
  });

  it('`motcua telegram setup` sets the webhook and the command menu once, from a script', async () => {
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(root, 'bin', 'motcua.js'), 'telegram', 'setup'], {
          cwd: root,
          env: { ...process.env, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...env },
        });
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.once('exit', (code) => resolve({ code, out }));
      });
    const webhook = await run({
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.invalid',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    });
    expect(webhook.code).toBe(0);
    expect(fake.webhook).toMatchObject({
      url: 'https://bot.example.invalid/telegram/webhook',
      secret_token: SECRET,
    });
    expect(fake.commands.map((c) => c.command)).toEqual(['start', 'help', 'menu', 'cancel']);
    expect(webhook.out).not.toContain(SECRET);

    const polling = await run({ TELEGRAM_MODE: 'polling' });
    expect(polling.code).toBe(0);
    expect(fake.webhook).toBeNull();

    fake.failNext('setMyCommands', { code: 400, description: 'Bad Request: BOT_COMMAND_INVALID' });
    const failed = await run({ TELEGRAM_MODE: 'polling' });
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('setMyCommands');
    expect(failed.out).not.toContain(fake.token.split(':')[1]);
  });
});
