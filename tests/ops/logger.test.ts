import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { loggerOptions, maskLogObject } from '../../src/ops/logger';

describe('maskLogObject', () => {
  it('masks phone, ID-card and e-mail patterns in strings at any depth, and leaves the rest', () => {
    const masked = maskLogObject({
      msg: 'gọi 0905123456',
      err: { message: 'bad input: 079203001234 / dan@example.vn', code: 'X' },
      list: ['0914 222 333', 42, null],
      n: 7,
    }) as Record<string, unknown>;
    const text = JSON.stringify(masked);
    for (const personal of ['0905123456', '079203001234', 'dan@example.vn', '0914 222 333'])
      expect(text).not.toContain(personal);
    expect(masked.n).toBe(7);
    expect((masked.err as { code: string }).code).toBe('X');
  });

  it('leaves the salted user hash as it is, even when its digits look like an ID-card number', () => {
    const masked = maskLogObject({ user: '7d079203001234ab', detail: { user: '079203001234' } }) as {
      user: string;
      detail: { user: string };
    };
    expect(masked.user).toBe('7d079203001234ab');
    // Not a hash: a raw number under `user` is still masked.
    expect(masked.detail.user).not.toContain('079203001234');
  });
});

describe('the server logger', () => {
  it('masks personal data in messages and fields from any caller, and logs requests without the client address', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().trim().split('\n'));
        done();
      },
    });
    const app = Fastify({ logger: { ...loggerOptions('debug'), stream } });
    app.get('/x', async (request) => {
      request.log.info({ detail: 'sđt 0905123456' }, 'thư từ dan@example.vn');
      request.log.debug({ req: request }, 'request seen');
      return { ok: true };
    });
    await app.inject({ method: 'GET', url: '/x?phone=0905123456', remoteAddress: '203.0.113.7' });
    await app.close();
    const all = lines.join('\n');
    expect(all).toContain('thư từ');
    expect(all).not.toContain('0905123456');
    expect(all).not.toContain('dan@example.vn');
    expect(all).not.toContain('203.0.113.7');
    expect(lines.map((l) => JSON.parse(l) as object).length).toBeGreaterThan(1);
  });
});
