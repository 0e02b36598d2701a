import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { ImportInputError } from '../../errors';

/** Lines of a JSON-lines file, gzip-compressed or not (told by its first two bytes), with line numbers. */
export async function* readJsonLines(
  file: string,
): AsyncGenerator<{ line: number; value: unknown; error?: string }> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e: unknown) {
    throw new ImportInputError(`không mở được tệp ${file} (cannot open)`, { cause: e });
  }
  const magic = Buffer.alloc(2);
  fs.readSync(fd, magic, 0, 2, 0);
  fs.closeSync(fd);
  const isGzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const raw = fs.createReadStream(file);
  const input = isGzip ? raw.pipe(createGunzip()) : raw;
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      try {
        yield { line, value: JSON.parse(text) };
      } catch {
        yield { line, value: null, error: 'dòng không phải JSON hợp lệ (not valid JSON)' };
      }
    }
  } catch (e: unknown) {
    throw new ImportInputError(
      `đọc ${file} thất bại ở dòng ${line + 1} (${e instanceof Error ? e.message : String(e)})`,
      {
        cause: e,
      },
    );
  }
}
