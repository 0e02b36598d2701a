import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createEventLog, JsonlEventLog, type BotEvent, type EventLogErrorHandler } from '../../src/events';
import { hourlyClock, unanswered } from '../support/events';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-events-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('JsonlEventLog', () => {
  it('appends one JSON line per event, in a directory it creates, with the time stamped', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'events.jsonl');
    const log = new JsonlEventLog({ file, now: hourlyClock() });
    await log.record(unanswered('làm khai sinh ở đâu'));
    await log.record({ type: 'staff_request', channel: 'zalo', userKey: 'k', text: 'gặp cán bộ' });
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0] as string)).toEqual({
      type: 'unanswered',
      channel: 'web',
      userKey: 'a1b2c3d4e5f60718',
      text: 'làm khai sinh ở đâu',
      closest: ['Đăng ký khai sinh'],
      at: '2025-03-01T00:00:00.000Z',
    });
    expect(JSON.parse(lines[1] as string)).toMatchObject({
      type: 'staff_request',
      at: '2025-03-01T01:00:00.000Z',
    });
    await log.close();
  });

  it('masks personal data in text and comment, and nowhere writes it', async () => {
    const file = path.join(dir, 'events.jsonl');
    const log = new JsonlEventLog({ file });
    await log.record(unanswered('sđt 0905123456 nhé, CCCD 001203004123'));
    await log.record({
      type: 'rating_comment',
      channel: 'web',
      userKey: 'k',
      level: 1,
      procedure: '1.013978',
      comment: 'gọi lại 0914.222.333 hoặc an@gmail.com',
    });
    await log.record({
      type: 'clarify_chosen',
      channel: 'web',
      userKey: 'k',
      text: 'hộ chiếu C1234567 hết hạn',
      offered: ['Cấp hộ chiếu', 'Gia hạn hộ chiếu'],
      chosen: 'Cấp hộ chiếu',
    });
    const raw = await readFile(file, 'utf8');
    for (const secret of ['0905123456', '001203004123', '0914.222.333', 'an@gmail.com', 'C1234567']) {
      expect(raw).not.toContain(secret);
    }
    const events = await log.read();
    expect(events.map((e) => ('text' in e ? e.text : 'comment' in e ? e.comment : ''))).toEqual([
      'sđt [số điện thoại …56] nhé, CCCD [số định danh …123]',
      'gọi lại [số điện thoại …33] hoặc [email]',
      'hộ chiếu [số hộ chiếu …67] hết hạn',
    ]);
    expect(events[1]).toMatchObject({ procedure: '1.013978' });
    await log.close();
  });

  it('keeps lines whole when many records run at once', async () => {
    const file = path.join(dir, 'events.jsonl');
    const log = new JsonlEventLog({ file });
    const long = 'thủ tục đăng ký hộ kinh doanh '.repeat(400);
    await Promise.all(Array.from({ length: 300 }, (_, n) => log.record(unanswered(`${n} ${long}`))));
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(300);
    const numbers = lines.map((line) => Number((JSON.parse(line) as { text: string }).text.split(' ')[0]));
    // Queued in call order, written in call order.
    expect(numbers).toEqual(Array.from({ length: 300 }, (_, n) => n));
    expect((await log.read()).length).toBe(300);
    await log.close();
  });

  it('reads by time, both bounds inclusive, oldest first', async () => {
    const log = new JsonlEventLog({ file: path.join(dir, 'events.jsonl'), now: hourlyClock() });
    for (const text of ['a', 'b', 'c', 'd']) await log.record(unanswered(text));
    const texts = async (from?: string, to?: string) =>
      (await log.read(from, to)).map((e) => ('text' in e ? e.text : ''));
    expect(await texts()).toEqual(['a', 'b', 'c', 'd']);
    expect(await texts('2025-03-01T01:00:00.000Z')).toEqual(['b', 'c', 'd']);
    expect(await texts(undefined, '2025-03-01T01:00:00.000Z')).toEqual(['a', 'b']);
    expect(await texts('2025-03-01T01:00:00.000Z', '2025-03-01T02:00:00.000Z')).toEqual(['b', 'c']);
    // Another offset, the same instant.
    expect(await texts('2025-03-01T09:00:00+07:00', '2025-03-01T09:00:00+07:00')).toEqual(['c']);
    expect(await texts('2025-03-02T00:00:00Z')).toEqual([]);
    await expect(log.read('hôm qua')).rejects.toThrow(RangeError);
    await log.close();
  });

  it('skips and counts lines that are not events', async () => {
    const file = path.join(dir, 'events.jsonl');
    const log = new JsonlEventLog({ file, now: hourlyClock() });
    await log.record(unanswered('a'));
    await appendFile(
      file,
      [
        '{"type":"unanswered","channel":"web"',
        'not json',
        '42',
        'null',
        '{"type":"party","channel":"web","userKey":"k","at":"2025-03-01T00:00:00Z"}',
        '{"type":"rating","channel":"web","userKey":"k","at":"someday"}',
        '',
      ].join('\n'),
    );
    await log.record(unanswered('b'));
    const { events, malformedLines } = await log.scan();
    expect(events.map((e) => e.type === 'unanswered' && e.text)).toEqual(['a', 'b']);
    expect(malformedLines).toBe(6);
    expect(await log.read()).toHaveLength(2);
    await log.close();
  });

  it('reads nothing from a file not written yet', async () => {
    const log = new JsonlEventLog({ file: path.join(dir, 'none', 'events.jsonl') });
    expect(await log.read()).toEqual([]);
    await log.close();
  });

  it('does not throw when the file cannot be written: tells onError and drops the event', async () => {
    const blocker = path.join(dir, 'a-file');
    await writeFile(blocker, 'not a directory');
    const errors: Parameters<EventLogErrorHandler>[] = [];
    const log = new JsonlEventLog({
      file: path.join(blocker, 'events.jsonl'),
      onError: (error, dropped) => errors.push([error, dropped]),
    });
    await expect(log.record(unanswered('sđt 0905123456'))).resolves.toBeUndefined();
    await expect(log.record(unanswered('b'))).resolves.toBeUndefined();
    expect(errors).toHaveLength(2);
    // An fs error (from Node's own realm, so not `instanceof` the test's Error).
    expect(errors[0]?.[0]).toMatchObject({ code: expect.stringMatching(/^E[A-Z]+$/) });
    expect(errors[0]?.[1]).toEqual({ type: 'unanswered', channel: 'web' });
    // The handler is told the type and channel, never the citizen's text.
    expect(JSON.stringify(errors)).not.toContain('0905123456');
    await log.close();
  });

  it('does not throw when onError itself throws', async () => {
    const blocker = path.join(dir, 'a-file');
    await writeFile(blocker, 'not a directory');
    const log = new JsonlEventLog({
      file: path.join(blocker, 'events.jsonl'),
      onError: () => {
        throw new Error('logger down');
      },
    });
    await expect(log.record(unanswered('a'))).resolves.toBeUndefined();
    await log.close();
  });

  it('writes on after a failed write', async () => {
    const file = path.join(dir, 'events.jsonl');
    const errors: unknown[] = [];
    const log = new JsonlEventLog({ file, onError: (e) => errors.push(e) });
    // A circular value cannot be serialised: that event is dropped, the next one is written.
    const circular = unanswered('a') as BotEvent & { self?: unknown };
    circular.self = circular;
    await Promise.all([log.record(circular), log.record(unanswered('b'))]);
    expect(errors).toHaveLength(1);
    expect((await log.read()).map((e) => e.type === 'unanswered' && e.text)).toEqual(['b']);
    await log.close();
  });

  it('drops records after close, telling onError', async () => {
    const errors: unknown[] = [];
    const log = new JsonlEventLog({ file: path.join(dir, 'events.jsonl'), onError: (e) => errors.push(e) });
    await log.close();
    await log.record(unanswered('late'));
    expect(errors).toHaveLength(1);
    expect(await log.read()).toEqual([]);
  });
});

describe('createEventLog', () => {
  it('writes to var/events.jsonl under the working directory by default', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const log = createEventLog();
      await log.record(unanswered('a'));
      await log.close();
      expect(await readFile(path.join(dir, 'var', 'events.jsonl'), 'utf8')).toContain('"text":"a"');
    } finally {
      process.chdir(cwd);
    }
  });

  it('writes to the file given', async () => {
    const file = path.join(dir, 'x.jsonl');
    const log = createEventLog({ file });
    expect(log).toBeInstanceOf(JsonlEventLog);
    await log.record(unanswered('a'));
    await log.close();
    expect(await readFile(file, 'utf8')).toContain('"text":"a"');
  });
});
