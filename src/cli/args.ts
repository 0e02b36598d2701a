import { UsageError } from '../errors';

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/** `--name value`, `--name=value` and bare `--flag`; names listed in `valued` take a value. */
export function parseArgs(argv: readonly string[], valued: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} cần một giá trị (needs a value)`);
      options.set(name, value);
    } else {
      options.set(name, inline ?? true);
    }
  }
  return { positional, options };
}
