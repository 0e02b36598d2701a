import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import type { Catalogue } from '../content/catalogue';
import { findProcedure } from '../content/catalogue';
import type { Engine, EngineLog } from '../bot/engine';
import { createSay } from '../bot/say';
import { maskPersonalData } from '../privacy/mask';
import { renderCataloguePage } from './catalogue-page';
import { registerChatRoute } from './chat-route';
import { registerOpsRoutes, type OpsRoutesOptions } from './ops-routes';
import { registerWebRoutes } from './web-routes';

export interface ServerOptions {
  catalogue: Catalogue;
  /**
   * The bot behind `POST /api/chat` and the web chat at `/`; without it the server only shows the catalogue
   * (and `/` leads there). A function is called with the server's logger, so that the engine logs where
   * the server does.
   */
  engine?: Engine | ((log: EngineLog) => Engine);
  /**
   * Chat-app adapters given the server and the engine before it listens (the Telegram webhook route…);
   * only with an engine.
   */
  channels?: ((app: FastifyInstance, engine: Engine) => void)[];
  /** Messages a web-chat user may send per minute. */
  chatPerMinute?: number;
  /** fastify's logger option; false in tests. */
  logger?: boolean | object;
  /** Trust X-Forwarded-* from a reverse proxy (TRUST_PROXY). */
  trustProxy?: boolean;
  /** `/readyz` checks and `/metrics` (see ops-routes). */
  ops?: OpsRoutesOptions;
}

/** A JSON error for a status: a stable code for programs, a short fixed sentence, never the exception's text. */
function errorBody(status: number): { error: string; message: string } {
  if (status === 500)
    return { error: 'internal_error', message: 'Xin lỗi, máy chủ đang gặp sự cố. Vui lòng thử lại sau.' };
  if (status === 413) return { error: 'payload_too_large', message: 'Yêu cầu quá lớn.' };
  return { error: 'bad_request', message: 'Yêu cầu không hợp lệ.' };
}

/**
 * The HTTP server: health, the web chat and its API, the catalogue as JSON and a read-only overview page
 * for staff. Errors never reach a client as an exception's text: fastify's default handler would send
 * `error.message`, even on a 500.
 */
export function buildServer({
  catalogue,
  engine,
  channels = [],
  chatPerMinute,
  logger = false,
  ops = {},
  trustProxy = false,
}: ServerOptions): FastifyInstance {
  // Only POST /api/chat takes a body, with its own limit; anything else has no reason to send more.
  // One log line per message comes from the engine's observer (npm start); requests only at debug level.
  const app = Fastify({
    logger,
    bodyLimit: 16 * 1024,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy,
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    // Not the error itself: a malformed body's JSON error quotes the body ("sđt 0905…" is not valid JSON).
    const err = { name: error.name, code: error.code, message: maskPersonalData(error.message) };
    if (status === 500) request.log.error({ err, url: request.url }, 'request failed');
    else request.log.info({ code: error.code, status, url: request.url }, 'request refused');
    void reply.status(status).send(errorBody(status));
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send({ error: 'not_found', message: 'Không tìm thấy.' });
  });
  // No response of ours is meant to be read as another type than it says (a JSON answer as a script…).
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  registerOpsRoutes(app, ops);
  if (engine) {
    if (!catalogue.messages) throw new Error('the chat needs data/messages.yaml, which the catalogue lacks');
    const bot = typeof engine === 'function' ? engine(app.log) : engine;
    registerChatRoute(app, {
      engine: bot,
      say: createSay(catalogue.messages, catalogue.center),
      perMinute: chatPerMinute,
    });
    registerWebRoutes(app, catalogue.center);
    for (const attach of channels) attach(app, bot);
  } else {
    app.get('/', async (_request, reply) => reply.redirect('/catalogue'));
  }
  app.get('/catalogue', async (_request, reply) =>
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
