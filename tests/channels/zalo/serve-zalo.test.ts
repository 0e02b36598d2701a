import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { say } from '../../bot/transcript-helpers';
import { FakeZalo } from './fake-zalo';
import { userId, zaloEnv } from './harness';

/** `npm start` with ZALO_APP_ID, as an operator runs it (the compiled CLI: `npm run build` first). */
const root = path.join(__dirname, '..', '..', '..');
const cli = path.join(root, 'bin', 'motcua.js');

/** The compiled Zalo channel must be as new as its sources, or this would test old code. */
function checkBuilt(): void {
  const built = path.join(root, 'dist', 'channels', 'zalo');
  const sources = path.join(root, 'src', 'channels', 'zalo');
  if (!fs.existsSync(path.join(built, 'zalo-channel.js')))
    throw new Error('dist/ has no Zalo channel: run `npm run build` before these tests');
  for (const file of fs.readdirSync(sources).filter((f) => f.endsWith('.ts'))) {
    const compiled = path.join(built, file.replace(/\.ts$/, '.js'));
    if (
      !fs.existsSync(compiled) ||
      fs.statSync(compiled).mtimeMs < fs.statSync(path.join(sources, file)).mtimeMs
    )
      throw new Error(
        `dist/channels/zalo/${file.replace(/\.ts$/, '.js')} is older than its source: run \`npm run build\``,
      );
  }
}

/** Environment of the spawned server: nothing inherited that would turn another channel or Redis on. */
function baseEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env))
    if (name.startsWith('ZALO_') || name.startsWith('TELEGRAM_')) delete env[name];
  return {
    ...env,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    REDIS_URL: '',
    EVENTS_FILE: path.join(dir, 'events.jsonl'),
    ZALO_TOKEN_FILE: path.join(dir, 'zalo-tokens.json'),
  };
}

interface Served {
  child: ChildProcess;
  origin: string;
  output: () => string;
}

async function serve(env: NodeJS.ProcessEnv): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve'], { cwd: root, env });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const origin = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const port = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (port) resolve(`http://127.0.0.1:${port[1]}`);
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`motcua serve exited with ${code}: ${out}`)));
  });
  return { child, origin, output: () => out };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

describe('npm start with ZALO_APP_ID', () => {
  let fake: FakeZalo;
  let dir: string;
  beforeAll(() => {
    checkBuilt();
  });
  beforeEach(async () => {
    fake = await FakeZalo.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-zalo-'));
  });
  afterEach(async () => {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the signed webhook and answers through the OA API, refreshing the token on -216', async () => {
    const served = await serve({ ...baseEnv(dir), ...zaloEnv(fake) });
    try {
      expect(served.output()).toContain('zalo: webhook route served');
      const webhook = `${served.origin}/zalo/webhook`;
      expect(await fake.deliver(webhook, '{}', 'none')).toBe(200);
      expect(await fake.deliver(webhook, fake.textEvent(userId(600), 'menu'), 'wrong')).toBe(401);
      const user = userId(601);
      expect(await fake.deliver(webhook, fake.textEvent(user, 'menu'))).toBe(200);
      await fake.waitFor(() => fake.sentTo(user).length === 1, 'the menu');
      expect(fake.sentTo(user)[0]!.text.startsWith(say('menu_prompt'))).toBe(true);
      fake.expireAccessToken();
      expect(await fake.deliver(webhook, fake.textEvent(user, 'trợ giúp'))).toBe(200);
      await fake.waitFor(() => fake.sentTo(user).length === 2, 'the help, after a refresh');
      expect(fake.refreshCalls).toBe(1);
      expect(fake.violations).toEqual([]);
    } finally {
      expect(await stop(served.child)).toBe(0);
    }
    const output = served.output();
    expect(output).toContain('zalo: access token refreshed');
    expect(output).toContain('webhook call refused');
    for (const secret of [fake.appSecret, fake.oaSecretKey, ...fake.issuedTokens])
      expect(output).not.toContain(secret);
    expect(output).not.toContain(userId(601));
  });

  it('refuses to start when ZALO_APP_ID is set without a token pair: exit 1, naming the variables', async () => {
    const env = { ...baseEnv(dir), ...zaloEnv(fake) };
    delete env.ZALO_ACCESS_TOKEN;
    delete env.ZALO_REFRESH_TOKEN;
    const child = spawn(process.execPath, [cli, 'serve'], { cwd: root, env });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(out).toMatch(/ZALO_ACCESS_TOKEN.*ZALO_REFRESH_TOKEN/);
    expect(out).not.toContain(fake.appSecret);
    expect(out).not.toContain(fake.oaSecretKey);
    // It never listened.
    expect(out).not.toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('refuses to start with a wrong Zalo setting: exit 2, every problem listed', async () => {
    const env = { ...baseEnv(dir), ZALO_APP_ID: fake.appId, ZALO_BUTTONS: 'maybe' };
    const child = spawn(process.execPath, [cli, 'serve'], { cwd: root, env });
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    for (const name of ['ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY', 'ZALO_BUTTONS']) expect(err).toContain(name);
  });
});
