import type { ContentProblem } from './content/problem';

/**
 * The error catalogue. Classes are named by whose fault the error is; codes are stable and never reused
 * (the README lists them and a test checks it).
 */
export const errorCodes = {
  MOTCUA_CONTENT_INVALID: 'The content directories hold errors; the catalogue was not loaded.',
  MOTCUA_USAGE: 'A command was called with wrong arguments.',
  MOTCUA_IMPORT_INPUT: 'An import input file is missing or not in the expected format.',
} as const;

export type ErrorCode = keyof typeof errorCodes;

abstract class MotcuaError extends Error {
  abstract readonly code: ErrorCode;
}

/** Staff content is wrong: carries every problem found, each with file:line and field path. */
export class ContentError extends MotcuaError {
  readonly code = 'MOTCUA_CONTENT_INVALID' as const;
  constructor(readonly problems: readonly ContentProblem[]) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    super(`content has ${errors} error(s); run \`npx motcua content check\` for the list`);
    this.name = 'ContentError';
  }
}

/** The person running a command gave wrong arguments. */
export class UsageError extends MotcuaError {
  readonly code = 'MOTCUA_USAGE' as const;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An import input cannot be read as national records. */
export class ImportInputError extends MotcuaError {
  readonly code = 'MOTCUA_IMPORT_INPUT' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportInputError';
  }
}
