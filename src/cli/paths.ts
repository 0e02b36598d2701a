import path from 'node:path';

/** The package root (where package.json, data/ and schema/ are), from either src/ or dist/. */
export const packageRoot = path.resolve(__dirname, '..', '..');
export const seedDataDir = path.join(packageRoot, 'data');
export const schemaDir = path.join(packageRoot, 'schema');
