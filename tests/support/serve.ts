import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The repository's root, where `npm start` runs. */
export const root = path.join(__dirname, '..', '..');

export interface RunningServe {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
}

/**
 * `npm start` as an operator runs it (`node bin/motcua.js serve`, built by `npm run build`): a real process on
 * 127.0.0.1 and a free port, with `env` over this process's environment. Resolves once it listens; rejects
 * with its output if it exits first.
 */
export async function startServe(env: Record<string, string>): Promise<RunningServe> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'motcua.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /127\.0\.0\.1:(\d+)/.exec(out);
      if (port) resolve(`http://127.0.0.1:${port[1]}`);
    });
    child.once('exit', (code) => reject(new Error(`motcua serve exited with ${code}: ${out}`)));
  });
  return { child, url, output: () => out };
}

/** SIGTERM, then the exit code. */
export async function stopServe(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** Runs `serve` expecting it to stop by itself (a configuration error): its exit code and output. */
export async function runServeToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'motcua.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

export async function postChat(url: string, body: object) {
  const response = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { messages: { text: string }[] } };
}
