import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { describeRedisUnavailable, isRedisReachable, redisTestUrl } from '../support/redis';
import { postChat, startServe, stopServe } from '../support/serve';

const start = startServe;
const chat = postChat;
const stop = stopServe;

describe('npm start without Redis', () => {
  it('serves the chat with sessions in memory and writes records to EVENTS_FILE', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-serve-'));
    const events = path.join(dir, 'events.jsonl');
    const { child, url } = await start({ REDIS_URL: '', EVENTS_FILE: events });
    try {
      const first = await chat(url, { user: 'serve-test', text: 'sổ đỏ' });
      expect(first.status).toBe(200);
      const picked = await chat(url, { user: 'serve-test', text: '1' });
      expect(picked.body.messages.at(-1)!.text.length).toBeGreaterThan(20);
      await chat(url, { user: 'serve-test', text: 'giá vàng hôm nay bao nhiêu, số tôi 0905123456' });
    } finally {
      expect(await stop(child)).toBe(0);
    }
    const lines = fs.readFileSync(events, 'utf8').trim().split('\n');
    expect(lines.some((l) => l.includes('"unanswered"'))).toBe(true);
    expect(lines.join('\n')).not.toContain('0905123456');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

if (!isRedisReachable()) {
  describeRedisUnavailable('npm start with REDIS_URL');
} else {
  describe('npm start with REDIS_URL', () => {
    it('keeps the conversation in Redis: two processes carry it alternately', async () => {
      const admin = new Redis(redisTestUrl);
      const user = `serve-${randomBytes(4).toString('hex')}`;
      const env = { REDIS_URL: redisTestUrl, USER_HASH_SALT: 'test-salt-0123456789' };
      const a = await start(env);
      const b = await start(env);
      try {
        const offered = await chat(a.url, { user, text: 'sổ đỏ' });
        expect(offered.status).toBe(200);
        expect(await admin.exists(`motcua:session:web:${user}`)).toBe(1);
        const picked = await chat(b.url, { user, text: '1' });
        expect(picked.body.messages.at(-1)!.text).not.toMatch(/nút này đã cũ/);
        // Alternately, each step needing the state the other process wrote: the guide's buttons (by number),
        // then a checklist started on one process and answered on the other.
        const card = picked.body.messages.map((m) => m.text).join('\n');
        const steps = await chat(a.url, { user, text: '2' });
        expect(steps.body.messages[0]!.text).toMatch(/Các bước/);
        const checklistButton = (steps.body as { messages: { buttons?: { label: string }[] }[] }).messages
          .flatMap((m) => m.buttons ?? [])
          .findIndex((button) => /Kiểm tra giấy tờ/.test(button.label));
        expect(checklistButton).toBeGreaterThanOrEqual(0);
        const started = await chat(b.url, { user, text: String(checklistButton + 1) });
        expect(started.body.messages.map((m) => m.text).join('\n')).toMatch(/danh sách giấy tờ/);
        // The checklist's first question, answered on the other process by the number of its first option.
        const answered = await chat(a.url, { user, text: '1' });
        expect(answered.status).toBe(200);
        const after = answered.body.messages.map((m) => m.text).join('\n');
        expect(after).not.toMatch(/nút này đã cũ|chưa hiểu/);
        expect(after).not.toBe(started.body.messages.map((m) => m.text).join('\n'));
        expect(card.length).toBeGreaterThan(20);
      } finally {
        expect(await stop(a.child)).toBe(0);
        expect(await stop(b.child)).toBe(0);
        await admin.del(`motcua:session:web:${user}`);
        await admin.quit();
      }
    });
  });
}
