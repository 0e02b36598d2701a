import type { Output } from './output';
export async function serveCommand(_argv: readonly string[], _out: Output): Promise<number> {
  throw new Error('TODO');
}
