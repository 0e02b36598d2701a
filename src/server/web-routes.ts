import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Center } from '../content/schema';
import { escapeHtml } from './html';

/**
 * The web chat's files, at the package root: two levels up from src/server (ts-jest) and from dist/server
 * (the build, `npm pack`, the Docker image) alike. They are not compiled: the browser gets them as written.
 */
export const WEB_DIR = path.join(__dirname, '..', '..', 'web');

/**
 * The chat page's Content-Security-Policy: every script, style, image and request from this origin only, no
 * inline script or style, no plugins. Any page may frame it, because the widget opens it in an iframe on
 * the province's portal, whose address the bot does not know; the page holds nothing worth a clickjacking.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  'frame-ancestors *',
].join('; ');

/** A file as sent: its bytes, type, validator and caching rule. */
interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
  headers?: Record<string, string>;
}

function asset(body: Buffer | string, type: string, cacheControl: string, headers?: Record<string, string>) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const etag = `"${crypto.createHash('sha256').update(bytes).digest('base64url').slice(0, 16)}"`;
  return { body: bytes, type, etag, cacheControl, ...(headers ? { headers } : {}) } satisfies Asset;
}

function read(name: string): Buffer {
  return fs.readFileSync(path.join(WEB_DIR, name));
}

/** The short version put in an asset's URL: a new deployment changes it, so browsers may keep a file a year. */
function version(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 10);
}

/** web/index.html with the center's name (escaped), the embed flag and the assets' versioned URLs. */
function renderPage(
  template: string,
  center: Center,
  isEmbedded: boolean,
  urls: { css: string; js: string },
): string {
  const values: Record<string, string> = {
    center_name: escapeHtml(center.name),
    center_short_name: escapeHtml(center.short_name ?? center.name),
    html_class: isEmbedded ? 'embed' : 'full',
    chat_css: urls.css,
    chat_js: urls.js,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

function send(request: FastifyRequest, reply: FastifyReply, file: Asset): FastifyReply {
  void reply
    .header('content-type', file.type)
    .header('cache-control', file.cacheControl)
    .header('etag', file.etag)
    .headers(file.headers ?? {});
  if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
  return reply.send(file.body);
}

/**
 * The citizens' web chat: the page at `/` (`/?embed=1` inside the widget's iframe), its script and style,
 * and `widget.js` for other sites. Files are read once, at start: a missing `web/` stops the server.
 */
export function registerWebRoutes(app: FastifyInstance, center: Center): void {
  const template = read('index.html').toString('utf8');
  const css = read('chat.css');
  const js = read('chat.js');
  const urls = { css: `/chat.css?v=${version(css)}`, js: `/chat.js?v=${version(js)}` };
  const pageHeaders = { 'content-security-policy': PAGE_CSP, 'referrer-policy': 'no-referrer' };
  const page = (isEmbedded: boolean) =>
    asset(
      renderPage(template, center, isEmbedded, urls),
      'text/html; charset=utf-8',
      'no-cache',
      pageHeaders,
    );
  const pages = { full: page(false), embed: page(true) };
  // A URL with the current version never changes; without it (an old page, a typed URL) always revalidate.
  const versioned = (bytes: Buffer, type: string) => ({
    current: asset(bytes, type, 'public, max-age=31536000, immutable'),
    other: asset(bytes, type, 'no-cache'),
    version: version(bytes),
  });
  const files = {
    '/chat.css': versioned(css, 'text/css; charset=utf-8'),
    '/chat.js': versioned(js, 'text/javascript; charset=utf-8'),
  };
  // Portals load the widget from a fixed URL: an hour of caching, then revalidation by its ETag.
  const widget = asset(read('widget.js'), 'text/javascript; charset=utf-8', 'public, max-age=3600', {
    'cross-origin-resource-policy': 'cross-origin',
  });
  const icon = asset(read('favicon.svg'), 'image/svg+xml', 'public, max-age=86400');

  app.get<{ Querystring: { embed?: string } }>('/', async (request, reply) =>
    send(request, reply, request.query.embed === '1' ? pages.embed : pages.full),
  );
  for (const [url, file] of Object.entries(files)) {
    app.get<{ Querystring: { v?: string } }>(url, async (request, reply) =>
      send(request, reply, request.query.v === file.version ? file.current : file.other),
    );
  }
  app.get('/widget.js', async (request, reply) => send(request, reply, widget));
  app.get('/favicon.svg', async (request, reply) => send(request, reply, icon));
}
