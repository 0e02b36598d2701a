import fs from 'node:fs';
import path from 'node:path';

export type ContentKind = 'center' | 'fields' | 'aliases' | 'messages' | 'procedure' | 'faq';

export interface ContentFile {
  kind: ContentKind;
  file: string;
  dir: string;
}

const rootFiles: Record<string, ContentKind> = {
  'center.yaml': 'center',
  'fields.yaml': 'fields',
  'aliases.yaml': 'aliases',
  'messages.yaml': 'messages',
};

/** Files at the root of a content directory that belong to later features and are not content checked here. */
const otherRootFiles = new Set<string>();

function yamlFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * The content files of one directory: `center.yaml`, `fields.yaml`, `aliases.yaml` at its root,
 * `procedures/**.yaml` and `faq/**.yaml`. Other YAML files at the root are reported as unknown.
 */
export function discoverContent(dir: string): { files: ContentFile[]; unknown: string[] } {
  const files: ContentFile[] = [];
  const unknown: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const kind = rootFiles[entry.name];
    if (kind) files.push({ kind, file: path.join(dir, entry.name), dir });
    else if (!otherRootFiles.has(entry.name)) unknown.push(path.join(dir, entry.name));
  }
  for (const file of yamlFilesUnder(path.join(dir, 'procedures')))
    files.push({ kind: 'procedure', file, dir });
  for (const file of yamlFilesUnder(path.join(dir, 'faq'))) files.push({ kind: 'faq', file, dir });
  return { files, unknown };
}
