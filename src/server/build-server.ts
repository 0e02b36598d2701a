import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Catalogue } from '../content/catalogue';
import { findProcedure } from '../content/catalogue';
import type { Engine } from '../bot/engine';
import { renderCataloguePage } from './catalogue-page';
import { registerChatRoute } from './chat-route';

export interface ServerOptions {
  catalogue: Catalogue;
  /** The bot behind `POST /api/chat`; without it the server only shows the catalogue. */
  engine?: Engine;
  /** Messages a web-chat user may send per minute. */
  chatPerMinute?: number;
  /** fastify's logger option; false in tests. */
  logger?: boolean | object;
}

/**
 * The HTTP server: health, the catalogue as JSON, and a read-only overview page. Errors never reach a
 * client as an exception's text: fastify's default handler would send `error.message`, even on a 500.
 */
export function buildServer({
  catalogue,
  engine,
  chatPerMinute,
  logger = false,
}: ServerOptions): FastifyInstance {
  const app = Fastify({ logger, bodyLimit: 16 * 1024 });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    request.log.error({ err: error, url: request.url }, 'request failed');
    void reply.status(status).send({
      error: status === 500 ? 'internal_error' : 'bad_request',
      message:
        status === 500 ? 'Xin lỗi, máy chủ đang gặp sự cố. Vui lòng thử lại sau.' : 'Yêu cầu không hợp lệ.',
    });
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send({ error: 'not_found', message: 'Không tìm thấy.' });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  if (engine) registerChatRoute(app, engine, chatPerMinute);
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(renderCataloguePage(catalogue)),
  );
  app.get('/api/center', async () => catalogue.center);
  app.get('/api/procedures', async () =>
    catalogue.procedures.map((p) => ({
      id: p.id,
      ma_thu_tuc: p.ma_thu_tuc,
      title: p.title,
      plain_title: p.plain_title ?? null,
      field: p.field,
      venue: p.venue.kind,
      status: p.status,
      checked_at: p.checked_at,
    })),
  );
  app.get<{ Params: { id: string } }>('/api/procedures/:id', async (request, reply) => {
    const procedure = findProcedure(catalogue, request.params.id);
    return procedure ?? reply.callNotFound();
  });
  app.get('/api/faq', async () => catalogue.faq);
  app.get<{ Params: { id: string } }>('/api/faq/:id', async (request, reply) => {
    return catalogue.faqById.get(request.params.id) ?? reply.callNotFound();
  });
  return app;
}
