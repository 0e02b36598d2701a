import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The Dockerfile read as Docker reads it (continuation lines joined, comments dropped), and its build
 * replayed without Docker: each stage is a directory standing for its WORKDIR, COPY copies from the build
 * context (through .dockerignore) or from an earlier stage, and RUN runs the few commands the Dockerfile
 * uses, for real where they matter (npm ci of the runtime, npm run build).
 */

export interface Instruction {
  keyword: string;
  /** The arguments as written, continuation lines joined. */
  args: string;
  line: number;
}

export interface Stage {
  image: string;
  name: string | null;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    while (line.endsWith('\\') && i + 1 < lines.length) {
      const next = lines[++i]!.trim();
      if (next.startsWith('#')) {
        line = `${line.slice(0, -1)}\\`;
        continue;
      }
      line = `${line.slice(0, -1).trimEnd()} ${next}`;
    }
    const [keyword = '', ...rest] = line.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: start + 1 });
  }
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.split(/\s+/).filter((t) => !t.startsWith('--'));
      stages.push({ image, name: as?.toUpperCase() === 'AS' && name ? name : null, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG')
        throw new Error(`line ${instruction.line}: ${instruction.keyword} before FROM`);
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}

/** The instructions of a stage with this keyword. */
export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** Splits `--flag=value … rest` into the flags and the rest. */
export function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args.trim();
  for (let m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest); m; m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags[m[1]!] = m[2] ?? 'true';
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

/** The exec form (`["a", "b"]`) of CMD, ENTRYPOINT, RUN or HEALTHCHECK CMD. */
export function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string'))
    throw new Error(`not an exec form: ${args}`);
  return parsed as string[];
}

/** `ENV A=1 B=2` (or the old `ENV A 1`) as a record. */
export function parseEnv(args: string): Record<string, string> {
  const tokens = args.trim().split(/\s+/);
  if (!tokens[0]?.includes('=')) return { [tokens[0] ?? '']: tokens.slice(1).join(' ') };
  return Object.fromEntries(
    tokens.map((t) => {
      const eq = t.indexOf('=');
      return [t.slice(0, eq), t.slice(eq + 1).replace(/^"(.*)"$/, '$1')];
    }),
  );
}

/** A .dockerignore as a predicate on paths relative to the context ('/'-separated). */
export function dockerignore(text: string): (relative: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negated = l.startsWith('!');
      const pattern = (negated ? l.slice(1) : l).replace(/^\/+|\/+$/g, '');
      const source = pattern
        .split(/(\*\*|\*|\?)/)
        .map((part) =>
          part === '**'
            ? '.*'
            : part === '*'
              ? '[^/]*'
              : part === '?'
                ? '[^/]'
                : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
        )
        .join('');
      return { negated, regex: new RegExp(`^${source}$`) };
    });
  return (relative) => {
    const parts = relative.split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of rules) if (candidates.some((c) => rule.regex.test(c))) ignored = !rule.negated;
    return ignored;
  };
}

export interface ReplayOptions {
  /** The build context (the repository). */
  context: string;
  /** An empty directory: each stage gets a subdirectory. */
  workDir: string;
  /**
   * How to stand for an `npm ci` that keeps the devDependencies (the build stage's): by default a link to
   * the context's own node_modules (installed from the same package-lock.json), to save a minute.
   */
  fullBuildInstall?: boolean;
  log?: (line: string) => void;
}

export interface ReplayedImage {
  /** The final stage's WORKDIR, as a directory. */
  dir: string;
  workdir: string;
  /** The ENV of the final stage. */
  env: Record<string, string>;
  /** The directories that a RUN handed to a user with chown, by path in the image. */
  chowned: Record<string, string>;
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`\`${command}\` exited with ${code}:\n${output}`)),
    );
  });
}

/** Replays the Dockerfile's stages in order; returns the final stage. */
export async function replayDockerfile(stages: Stage[], options: ReplayOptions): Promise<ReplayedImage> {
  const { context, workDir, log = () => undefined } = options;
  const ignored = dockerignore(
    fs.existsSync(path.join(context, '.dockerignore'))
      ? fs.readFileSync(path.join(context, '.dockerignore'), 'utf8')
      : '',
  );
  const built = new Map<string, { dir: string; workdir: string }>();
  let last: ReplayedImage | null = null;
  for (const [index, stage] of stages.entries()) {
    const dir = path.join(workDir, stage.name ?? `stage-${index}`);
    fs.mkdirSync(dir, { recursive: true });
    let workdir = '/';
    const env: Record<string, string> = {};
    const chowned: Record<string, string> = {};
    /** A path in a stage's image (relative to `cwd`), as a path in its directory: only under its WORKDIR. */
    const local = (imagePath: string, cwd: string, base: string, root: string) => {
      const absolute = path.posix.resolve(cwd, imagePath);
      if (absolute !== base && !absolute.startsWith(`${base}/`))
        throw new Error(`${imagePath} is outside the WORKDIR ${base}: the replay cannot place it`);
      return path.join(root, path.posix.relative(base, absolute));
    };
    for (const instruction of stage.instructions) {
      const { keyword, args } = instruction;
      if (keyword === 'WORKDIR') {
        if (workdir !== '/')
          throw new Error('one WORKDIR per stage, please: the replay maps it to a directory');
        workdir = args.trim();
      } else if (keyword === 'ENV') {
        Object.assign(env, parseEnv(args));
      } else if (keyword === 'COPY') {
        const { flags, rest } = splitFlags(args);
        const tokens = rest.startsWith('[') ? execForm(rest) : rest.split(/\s+/);
        const dest = tokens.pop()!;
        const from = flags.from ? built.get(flags.from) : null;
        if (flags.from && !from) throw new Error(`line ${instruction.line}: no earlier stage ${flags.from}`);
        const target = local(dest, workdir, workdir, dir);
        for (const source of tokens) {
          const origin = from ? local(source, '/', from.workdir, from.dir) : path.join(context, source);
          const relative = path.relative(context, origin).split(path.sep).join('/');
          if (!from && ignored(relative))
            throw new Error(`line ${instruction.line}: COPY ${source}, which .dockerignore leaves out`);
          if (!fs.existsSync(origin)) throw new Error(`line ${instruction.line}: COPY ${source}: not found`);
          const intoDir = fs.statSync(origin).isDirectory() || dest.endsWith('/') || tokens.length > 1;
          const destination =
            intoDir && !fs.statSync(origin).isDirectory() ? path.join(target, path.basename(origin)) : target;
          fs.cpSync(origin, destination, {
            recursive: true,
            filter: (file) =>
              from !== null || !ignored(path.relative(context, file).split(path.sep).join('/') || '.'),
          });
        }
      } else if (keyword === 'RUN') {
        if (workdir === '/') throw new Error(`line ${instruction.line}: RUN before WORKDIR`);
        const processEnv = { ...process.env, ...env };
        for (const step of args.split('&&').map((s) => s.trim())) {
          const words = step.split(/\s+/);
          if (step.startsWith('npm ci') && !words.includes('--omit=dev') && !options.fullBuildInstall) {
            log(`[${stage.name ?? index}] ${step}: linked to the context's node_modules`);
            fs.symlinkSync(path.join(context, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
          } else if (step.startsWith('npm ci') || step.startsWith('npm run ')) {
            log(`[${stage.name ?? index}] ${step}`);
            await run(step, dir, processEnv);
          } else if (words[0] === 'mkdir') {
            for (const target of words.slice(1).filter((w) => !w.startsWith('-')))
              fs.mkdirSync(local(target, workdir, workdir, dir), { recursive: true });
          } else if (words[0] === 'chown') {
            const [owner = '', ...targets] = words.slice(1).filter((w) => !w.startsWith('-'));
            for (const target of targets) chowned[path.posix.resolve(workdir, target)] = owner;
          } else {
            throw new Error(
              `line ${instruction.line}: the replay does not know \`${step}\`: teach docker-build.ts`,
            );
          }
        }
      }
    }
    if (stage.name) built.set(stage.name, { dir, workdir });
    last = { dir, workdir, env, chowned };
  }
  if (!last) throw new Error('no FROM in the Dockerfile');
  return last;
}
