import path from 'node:path';
import { html } from '../src/server/html';
import { loadCatalogueOrThrow } from '../src/content/loader';
import { buildServer } from '../src/server/build-server';

const catalogue = loadCatalogueOrThrow([path.join(__dirname, 'fixtures', 'content', 'base')]);
const app = buildServer({ catalogue });
afterAll(() => app.close());

describe('the HTTP server', () => {
  it('answers health checks', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves the catalogue overview in Vietnamese at /catalogue, escaping content', async () => {
    const res = await app.inject({ method: 'GET', url: '/catalogue' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<html lang="vi">');
    expect(res.body).toContain('Làm lại sổ đỏ bị mất');
    expect(res.body).toContain('Trung tâm Phục vụ hành chính công tỉnh Thử Nghiệm');
  });

  it('leads / to the catalogue when there is no bot to chat with', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/catalogue');
  });

  it('serves procedures by id or national code, and the list', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/procedures' });
    expect(list.json()).toEqual([
      expect.objectContaining({ id: 'cap-lai-so-do', ma_thu_tuc: '1.012786', venue: 'center' }),
    ]);
    const byCode = await app.inject({ method: 'GET', url: '/api/procedures/1.012786' });
    expect(byCode.json().title).toBe('Cấp lại Giấy chứng nhận do bị mất');
    const faq = await app.inject({ method: 'GET', url: '/api/faq/gio-lam-viec' });
    expect(faq.json().answer).toBe('Giờ làm việc: {hours}.');
  });

  it('answers unknown paths with a polite JSON 404, never a stack trace', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/procedures/khong-co' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: 'Không tìm thấy.' });
  });

  it('answers a malformed request with a 4xx JSON error', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/procedures',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken": ',
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.body).not.toMatch(/at .*\.js:\d+/);
  });

  it('does not log what a malformed body said (JSON errors quote it)', async () => {
    const lines: string[] = [];
    const logged = buildServer({
      catalogue,
      logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } },
    });
    const res = await logged.inject({
      method: 'POST',
      url: '/api/procedures',
      headers: { 'content-type': 'application/json' },
      payload: 'sdt 0905123456 nha',
    });
    expect(res.statusCode).toBe(400);
    expect(lines.some((l) => l.includes('request refused'))).toBe(true);
    expect(lines.join('\n')).not.toContain('0905123456');
    await logged.close();
  });
});

describe('html escaping of content in pages', () => {
  it('escapes interpolated text and keeps nested safe fragments', () => {
    const inner = html`<b>${'<script>alert(1)</script>'}</b>`;
    expect(html`<p title="${'"x"'}">${inner}${['a&b', '<i>']}</p>`.value).toBe(
      '<p title="&quot;x&quot;"><b>&lt;script&gt;alert(1)&lt;/script&gt;</b>a&amp;b&lt;i&gt;</p>',
    );
  });
});
