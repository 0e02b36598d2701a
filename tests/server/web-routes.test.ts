import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createEngine } from '../../src/bot/engine';
import type { Catalogue } from '../../src/content/catalogue';
import { loadCatalogueOrThrow } from '../../src/content/loader';
import { buildServer } from '../../src/server/build-server';
import { PAGE_CSP } from '../../src/server/web-routes';
import { MemorySessionStore } from '../../src/sessions';

/** The web chat's files as the server sends them (the browser tests in tests/web/ drive them). */
const seed = loadCatalogueOrThrow([path.join(__dirname, '..', '..', 'data')]);
// A center name that would break the page if it were not escaped.
const catalogue: Catalogue = {
  ...seed,
  center: { ...seed.center, name: 'Trung tâm <b>"Một cửa"</b> & <script>alert(1)</script>' },
};
const store = new MemorySessionStore();
let app: FastifyInstance;
beforeAll(() => {
  app = buildServer({ catalogue, engine: (log) => createEngine({ catalogue, store, log }) });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

/** The URLs of the page's own stylesheet, script and icon. */
function assetUrls(page: string): string[] {
  return [...page.matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

describe('the web chat page at /', () => {
  it('is HTML in Vietnamese with a strict CSP, nosniff and no caching without revalidation', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("default-src 'self'");
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toMatch(/<html lang="vi" class="full">/);
    expect(res.body).toContain('role="log"');
    expect(res.body).toContain('aria-live="polite"');
  });

  it("shows the center's name, escaped", async () => {
    const { body } = await get('/');
    const escaped =
      'Trung tâm &lt;b&gt;&quot;Một cửa&quot;&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;';
    expect(body).toContain(`<span class="name-full">${escaped}</span>`);
    expect(body).toContain(`<title>Hỏi đáp thủ tục — ${escaped}</title>`);
    expect(body).not.toContain('<b>');
    expect(body).not.toContain('{{');
  });

  it('has no inline script, inline style or event handler attribute, and nothing from another host', async () => {
    const { body } = await get('/');
    const scripts = [...body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/src="\/chat\.js\?v=[0-9a-f]{10}"/);
    expect(body).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    // An SVG's namespace is a name, not a request.
    const svgNamespace = 'http://www.w3.org/2000/svg';
    for (const url of ['/', ...assetUrls(body)]) {
      expect((await get(url)).body.replace(svgNamespace, '')).not.toMatch(/https?:\/\//);
    }
  });

  it('marks the page inside the widget (/?embed=1)', async () => {
    const res = await get('/?embed=1');
    expect(res.body).toMatch(/<html lang="vi" class="embed">/);
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
  });

  it('answers a repeated request with 304 when nothing changed', async () => {
    const first = await get('/');
    const again = await get('/', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('weighs under 100 KB with its stylesheet, script and icon', async () => {
    const page = await get('/');
    const urls = assetUrls(page.body);
    expect(urls.map((u) => u.split('?')[0]).sort()).toEqual(['/chat.css', '/chat.js', '/favicon.svg']);
    let bytes = page.rawPayload.length;
    for (const url of urls) bytes += (await get(url)).rawPayload.length;
    expect(bytes).toBeLessThan(100 * 1024);
  });

  it('keeps the catalogue overview for staff at /catalogue', async () => {
    const res = await get('/catalogue');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`${seed.procedures.length} thủ tục`);
  });
});

describe('the web chat files', () => {
  it('serves the versioned script and stylesheet for a year, unversioned ones with revalidation', async () => {
    const urls = assetUrls((await get('/')).body);
    const types: Record<string, string> = {
      '/chat.css': 'text/css; charset=utf-8',
      '/chat.js': 'text/javascript; charset=utf-8',
      '/favicon.svg': 'image/svg+xml',
    };
    for (const url of urls) {
      const res = await get(url);
      const bare = url.split('?')[0]!;
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(types[bare]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers.etag).toBeTruthy();
      if (bare !== '/favicon.svg') {
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect((await get(bare)).headers['cache-control']).toBe('no-cache');
        expect((await get(`${bare}?v=old`)).headers['cache-control']).toBe('no-cache');
      }
    }
  });

  it('serves widget.js to any site: script type, an hour of caching, loadable cross-origin', async () => {
    const res = await get('/widget.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain("'/?embed=1'");
  });

  it('sends nosniff with the chat API and errors too', async () => {
    const chat = await app.inject({
      method: 'POST',
      url: '/api/chat',
      payload: { user: 'u-1', text: 'xin chào' },
    });
    expect(chat.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/khong-co')).headers['x-content-type-options']).toBe('nosniff');
  });
});
