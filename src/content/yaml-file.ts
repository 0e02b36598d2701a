import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ContentProblem } from './problem';

/** A parsed YAML file that remembers where every value came from. */
export interface YamlFile {
  file: string;
  text: string;
  doc: Document;
  lineCounter: LineCounter;
  data: unknown;
}

export interface Position {
  line: number;
  column: number;
}

export function parseYamlFile(
  file: string,
  text: string,
): { yaml: YamlFile; problems: [] } | { yaml: null; problems: ContentProblem[] } {
  const lineCounter = new LineCounter();
  // The core schema (YAML 1.2) keeps dates as strings and refuses duplicate keys.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      yaml: null,
      problems: doc.errors.map((error) => {
        const at = lineCounter.linePos(error.pos[0]);
        return {
          severity: 'error',
          file,
          line: at.line,
          column: at.col,
          path: '',
          message: `YAML sai cú pháp: ${describeYamlError(error.code, error.message)}`,
          code: 'yaml_syntax',
        };
      }),
    };
  }
  return { yaml: { file, text, doc, lineCounter, data: doc.toJS({ maxAliasCount: 100 }) }, problems: [] };
}

function describeYamlError(code: string, message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'một trường được viết hai lần trong cùng một bảng';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return `thụt lề hoặc ký tự sai (${firstLine})`;
    case 'TAB_AS_INDENT':
      return 'dùng phím Tab để thụt lề; hãy dùng dấu cách';
    default:
      return firstLine;
  }
}

/**
 * Where a field path points in the file: the key of the last segment that exists (so a missing field
 * points at the map that should hold it, and an unknown key at the key itself).
 */
export function positionOf(yaml: YamlFile, path: readonly PropertyKey[]): Position {
  let node: unknown = yaml.doc.contents;
  let best: Node | null = isNode(node) ? node : null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === segment,
      );
      if (!pair) break;
      if (isNode(pair.key)) best = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!isNode(item)) break;
      best = item;
      node = item;
    } else {
      break;
    }
  }
  const offset = best?.range?.[0] ?? 0;
  const at = yaml.lineCounter.linePos(offset);
  return { line: at.line, column: at.col };
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

/** The first line, if it is a `# yaml-language-server: $schema=…` comment, gives the schema path. */
export function schemaReference(text: string): string | null {
  const match = /^#\s*yaml-language-server:\s*\$schema=(\S+)/.exec(text);
  return match?.[1] ?? null;
}
