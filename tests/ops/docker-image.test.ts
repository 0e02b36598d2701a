import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { validate } from 'dockerfile-utils';
import { parse as parseYaml } from 'yaml';
import {
  dockerignore,
  execForm,
  instructionsOf,
  parseDockerfile,
  parseEnv,
  replayDockerfile,
  splitFlags,
  type ReplayedImage,
  type Stage,
} from './docker-build';

/**
 * Docker does not run on these machines: the Dockerfile is linted and read, docker-compose.yml is read, and
 * the image's build is replayed in a temporary directory (the COPY steps through .dockerignore, a clean
 * `npm ci --omit=dev --ignore-scripts` from the registry) and the result started as the image's CMD would.
 */
const root = path.join(__dirname, '..', '..');
const dockerfileText = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(dockerfileText);
const runtime = stages.at(-1)!;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The HEALTHCHECK's command, as an argv. */
function healthcheckCommand(stage: Stage): string[] {
  const [healthcheck] = instructionsOf(stage, 'HEALTHCHECK');
  const { rest } = splitFlags(healthcheck!.args);
  return execForm(rest.replace(/^CMD\s+/, ''));
}

/** The `npm ci` steps of a stage's RUN instructions. */
function npmCiSteps(stage: Stage): string[] {
  return instructionsOf(stage, 'RUN')
    .flatMap((r) => r.args.split('&&'))
    .map((s) => s.trim())
    .filter((s) => s.startsWith('npm ci'));
}

describe('Dockerfile', () => {
  it('passes the linter (dockerfile-utils) without errors or warnings', () => {
    const problems = validate(dockerfileText).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
  });

  it('is linted for real: the linter finds the mistakes of a bad Dockerfile', () => {
    const bad =
      'FROM node:20-slim AS build\nworkdir app\nHEALTHCHECK --interval=5 CMD true\nCOPY --frm=x a b\n';
    expect(validate(bad).length).toBeGreaterThanOrEqual(3);
  });

  it('builds in one stage and runs from a slim node:20 image in another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.image).toMatch(/^node:20-(bookworm-)?slim$/);
    expect(stages[0]!.name).toBe('build');
    expect(npmCiSteps(stages[0]!)).toHaveLength(1);
    expect(instructionsOf(stages[0]!, 'RUN').some((r) => /\bnpm run build\b/.test(r.args))).toBe(true);
    expect(instructionsOf(runtime, 'COPY').some((c) => /--from=build\s+\/app\/dist\b/.test(c.args))).toBe(
      true,
    );
  });

  it('installs only the production dependencies, without install scripts', () => {
    const [install, ...more] = npmCiSteps(runtime);
    expect(more).toEqual([]);
    expect(install!.split(/\s+/)).toEqual(expect.arrayContaining(['--omit=dev', '--ignore-scripts']));
    // --ignore-scripts is safe only while no production dependency needs its install script.
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }>;
    };
    const scripted = Object.entries(lock.packages)
      .filter(([name, p]) => name !== '' && p.hasInstallScript && !p.dev)
      .map(([name]) => name);
    expect(scripted).toEqual([]);
  });

  it('copies the compiled code, the launcher, the web chat, the schemas and the seed content', () => {
    const destinations = instructionsOf(runtime, 'COPY').map((c) =>
      splitFlags(c.args).rest.split(/\s+/).at(-1),
    );
    expect(destinations).toEqual(
      expect.arrayContaining(['./dist', './bin', './web', './schema', './data', './']),
    );
  });

  it('runs as the non-root node user, in production, on port 3000, with the serve command', () => {
    const users = instructionsOf(runtime, 'USER').map((u) => u.args.trim());
    expect(users.at(-1)).toBe('node');
    const env = Object.assign({}, ...instructionsOf(runtime, 'ENV').map((e) => parseEnv(e.args))) as Record<
      string,
      string
    >;
    expect(env.NODE_ENV).toBe('production');
    expect(instructionsOf(runtime, 'EXPOSE').map((e) => e.args.trim())).toEqual(['3000']);
    expect(execForm(instructionsOf(runtime, 'CMD').at(-1)!.args)).toEqual(['node', 'bin/motcua.js', 'serve']);
    // The events file (var/events.jsonl under the WORKDIR) must be writable by that user.
    expect(instructionsOf(runtime, 'WORKDIR').map((w) => w.args.trim())).toEqual(['/app']);
    expect(
      instructionsOf(runtime, 'RUN').some((r) => /chown\s+node(:node)?\s+\/app\/var\b/.test(r.args)),
    ).toBe(true);
  });

  it('checks /healthz with node itself (no curl or wget in the slim image)', () => {
    const command = healthcheckCommand(runtime);
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toMatch(/fetch\(.*\/healthz/);
    const commands = runtime.instructions.filter((i) => i.keyword === 'RUN' || i.keyword === 'HEALTHCHECK');
    for (const { args } of commands) expect(args).not.toMatch(/\b(curl|wget)\b/);
  });

  it('leaves out of the build context what the image must not contain', () => {
    const ignored = dockerignore(fs.readFileSync(path.join(root, '.dockerignore'), 'utf8'));
    for (const p of ['node_modules', 'dist', '.git', 'var', '.env', 'tests', 'coverage', 'var/events.jsonl'])
      expect([p, ignored(p)]).toEqual([p, true]);
    for (const p of [
      'package.json',
      'package-lock.json',
      'src/cli/main.ts',
      'data/center.yaml',
      'web',
      '.env.example',
    ])
      expect([p, ignored(p)]).toEqual([p, false]);
  });
});

describe('docker-compose.yml', () => {
  interface Service {
    build?: string;
    image?: string;
    command?: string[];
    environment?: Record<string, string>;
    env_file?: { path: string; required: boolean }[];
    volumes?: string[];
    ports?: string[];
    healthcheck?: { test: string[] };
    restart?: string;
    depends_on?: Record<string, { condition: string }>;
  }
  const compose = parseYaml(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
    services: { bot: Service; redis: Service };
    volumes: Record<string, unknown>;
  };
  const { bot, redis } = compose.services;

  it('builds the bot from this Dockerfile, with Redis as its store', () => {
    expect(bot.build).toBe('.');
    expect(bot.environment?.REDIS_URL).toBe('redis://redis:6379');
    // .env must not move the server away from the port mapping and the healthcheck.
    expect(bot.environment).toMatchObject({ HOST: '0.0.0.0', PORT: '3000' });
    expect(bot.depends_on?.redis?.condition).toBe('service_healthy');
    expect(bot.env_file).toEqual([{ path: '.env', required: false }]);
    expect(bot.ports?.some((p) => p.endsWith(':3000'))).toBe(true);
  });

  it('keeps the event stream: Redis with append-only persistence on a named volume', () => {
    expect(redis.image).toBe('redis:7-alpine');
    expect(redis.command?.join(' ')).toMatch(/--appendonly yes/);
    expect(redis.volumes).toContain('redis-data:/data');
    expect(Object.keys(compose.volumes)).toContain('redis-data');
    expect(redis.environment?.REDIS_URL).toBeUndefined();
  });

  it('restarts both, checks the health of both, and mounts the content', () => {
    for (const service of [bot, redis]) {
      expect(service.restart).toMatch(/^(always|unless-stopped)$/);
      expect(service.healthcheck?.test[0]).toBe('CMD');
    }
    expect(bot.healthcheck!.test.slice(1)).toEqual(healthcheckCommand(runtime));
    expect(bot.volumes?.some((v) => /:\/app\/data(:ro)?$/.test(v))).toBe(true);
  });
});

/** Whether the npm registry answers, asked before the tests are declared. */
function isRegistryReachable(): boolean {
  return (
    spawnSync('npm', ['ping', '--fetch-retries=0', '--fetch-timeout=10000'], {
      timeout: 20_000,
      stdio: 'ignore',
    }).status === 0
  );
}

async function freePortThatRefuses(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function runNode(args: string[], env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
    child.once('exit', (code) => resolve(code));
  });
}

if (!isRegistryReachable() && process.env.CI !== 'true') {
  describe('the image, built without Docker', () => {
    it('skipped: the npm registry is not reachable (npm ping failed)', () => {
      console.warn('skipped: the npm registry is not reachable, so `npm ci --omit=dev` cannot be replayed');
    });
  });
} else {
  describe('the image, built without Docker', () => {
    let workDir = '';
    let image: ReplayedImage;
    let child: ChildProcess | null = null;
    let url = '';
    let exited: Promise<number | null> = Promise.resolve(null);

    beforeAll(async () => {
      workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-docker-'));
      image = await replayDockerfile(stages, {
        context: root,
        workDir,
        fullBuildInstall: process.env.MOTCUA_DOCKER_FULL_BUILD === '1',
      });
      // As the image's CMD, with its ENV, but on a free port of the loopback interface, and no Redis.
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: workDir, ...image.env };
      Object.assign(env, { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' });
      const [command, ...args] = execForm(instructionsOf(runtime, 'CMD').at(-1)!.args);
      expect(command).toBe('node');
      child = spawn(process.execPath, args, { cwd: image.dir, env });
      const started = child;
      exited = new Promise((resolve) => started.once('exit', (code) => resolve(code)));
      url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const collect = (chunk: Buffer) => {
          out += chunk.toString();
          const port = /127\.0\.0\.1:(\d+)/.exec(out);
          if (port) resolve(`http://127.0.0.1:${port[1]}`);
        };
        started.stdout!.on('data', collect);
        started.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
        started.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${out}`)));
      });
    }, 240_000);

    afterAll(async () => {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    });

    it('has the production dependencies and none of the development ones', () => {
      const installed = (name: string) =>
        fs.existsSync(path.join(image.dir, 'node_modules', name, 'package.json'));
      const absent = Object.keys(pkg.dependencies).filter((name) => !installed(name));
      const present = Object.keys(pkg.devDependencies).filter((name) => installed(name));
      expect({ absent, present }).toEqual({ absent: [], present: [] });
      expect(fs.existsSync(path.join(image.dir, 'node_modules', '.bin', 'tsc'))).toBe(false);
      expect(fs.existsSync(path.join(image.dir, 'dist', 'cli', 'main.js'))).toBe(true);
      expect(fs.existsSync(path.join(image.dir, 'src'))).toBe(false);
      expect(image.chowned['/app/var']).toMatch(/^node(:node)?$/);
    });

    it('answers /healthz, and the HEALTHCHECK command says healthy', async () => {
      const response = await fetch(`${url}/healthz`);
      expect(response.status).toBe(200);
      const port = new URL(url).port;
      expect(await runNode(healthcheckCommand(runtime).slice(1), { PORT: port })).toBe(0);
      // …and unhealthy, promptly, when nothing answers.
      expect(
        await runNode(healthcheckCommand(runtime).slice(1), { PORT: String(await freePortThatRefuses()) }),
      ).toBe(1);
    });

    it('serves the web chat and answers a question', async () => {
      expect((await fetch(`${url}/`)).status).toBe(200);
      const response = await fetch(`${url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'docker-test', text: 'làm sổ đỏ cần giấy tờ gì' }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { messages: { text: string }[] };
      expect(body.messages.length).toBeGreaterThan(0);
      expect(body.messages.map((m) => m.text).join('\n').length).toBeGreaterThan(20);
      // A question off the catalogue: recorded for the staff as unanswered (in var/events.jsonl).
      const offTopic = await fetch(`${url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'docker-test', text: 'giá vàng hôm nay bao nhiêu' }),
      });
      expect(offTopic.status).toBe(200);
    });

    it('writes the staff events under var/ and stops cleanly on SIGTERM', async () => {
      child!.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lines = fs
        .readFileSync(path.join(image.dir, 'var', 'events.jsonl'), 'utf8')
        .trim()
        .split('\n');
      const types = lines.map((line) => (JSON.parse(line) as { type: string }).type);
      expect(types).toContain('unanswered');
    });
  });
}
