import fs from 'node:fs';
import path from 'node:path';
import { generateJsonSchemas } from '../../src/content/json-schema';

const schemaDir = path.join(__dirname, '..', '..', 'schema');

describe('the committed JSON Schemas', () => {
  it.each([...generateJsonSchemas()])(
    '%s is current (run `npm run schema` after changing a zod schema)',
    (file, text) => {
      expect(fs.readFileSync(path.join(schemaDir, file), 'utf8')).toBe(text);
    },
  );

  it('rejects unknown keys in the editor too', () => {
    const procedure = JSON.parse(fs.readFileSync(path.join(schemaDir, 'procedure.schema.json'), 'utf8'));
    expect(procedure.additionalProperties).toBe(false);
    expect(procedure.required).toEqual(
      expect.arrayContaining(['id', 'ma_thu_tuc', 'title', 'venue', 'documents']),
    );
  });
});
