import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  aliasesSchema,
  centerSchema,
  faqSchema,
  fieldsSchema,
  messagesSchema,
  procedureSchema,
} from './schema';

const schemaFiles = {
  'procedure.schema.json': { schema: procedureSchema, title: 'motcua — hướng dẫn một thủ tục hành chính' },
  'faq.schema.json': { schema: faqSchema, title: 'motcua — một câu hỏi thường gặp' },
  'center.schema.json': {
    schema: centerSchema,
    title: 'motcua — thông tin Trung tâm Phục vụ hành chính công',
  },
  'aliases.schema.json': { schema: aliasesSchema, title: 'motcua — từ viết tắt và tên dân gian' },
  'fields.schema.json': { schema: fieldsSchema, title: 'motcua — danh sách lĩnh vực' },
  'messages.schema.json': { schema: messagesSchema, title: 'motcua — các câu bot nói' },
} as const;

/** The JSON Schemas staff's editors use, generated from the zod schemas (file name → JSON text). */
export function generateJsonSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, { schema, title }] of Object.entries(schemaFiles)) {
    // "input": what staff write (defaults may be left out), not what the loader returns.
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
    out.set(file, JSON.stringify({ title, ...json }, null, 2) + '\n');
  }
  return out;
}

/** Write the schemas to `dir`, or with `check` only compare: returns the files that differ. */
export function writeJsonSchemas(dir: string, check: boolean): string[] {
  const stale: string[] = [];
  for (const [file, text] of generateJsonSchemas()) {
    const target = path.join(dir, file);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
    if (current === text) continue;
    stale.push(target);
    if (!check) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(target, text);
    }
  }
  return stale;
}
