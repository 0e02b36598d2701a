import fs from 'node:fs';
import path from 'node:path';
import { seedDataDir } from './paths';

/**
 * The content directories to load, in priority order; none given means the seed `data/`. Directories
 * without a center profile (e.g. the output of `import dvcqg`) are loaded after the seed, which supplies
 * the profile, fields and aliases.
 */
export function contentDirs(given: readonly string[]): string[] {
  const dirs = [...new Set(given.length > 0 ? given.map((d) => path.resolve(d)) : [seedDataDir])];
  const hasBase = dirs.some((d) => fs.existsSync(path.join(d, 'center.yaml')));
  return hasBase || dirs.includes(seedDataDir) ? dirs : [seedDataDir, ...dirs];
}
