import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

/** One thing the server needs to serve citizens, and whether it has it now. */
export interface ReadinessCheck {
  ok: boolean;
  /** A short explanation for the operator (never a secret). */
  detail?: string;
}

/** Checks by name: "catalogue", "redis", "telegram", "zalo", "shutdown"… */
export type Readiness = () => Promise<Record<string, ReadinessCheck>>;

export interface OpsRoutesOptions {
  readiness?: Readiness;
  metrics?: {
    registry: Registry;
    /** When set, `/metrics` wants `Authorization: Bearer <token>` (401 otherwise). */
    token?: string;
  };
}

/** How long a readiness check may take: a load balancer's probe should not hang on a stuck Redis. */
const CHECK_TIMEOUT_MS = 2_000;

function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `GET /readyz` — 200 when every check passes, 503 otherwise, with the checks as JSON (a load balancer takes
 * an instance out while Redis is away or while it shuts down); `GET /metrics` — Prometheus text format.
 * `GET /healthz` (the process answers) is in build-server.
 */
export function registerOpsRoutes(app: FastifyInstance, options: OpsRoutesOptions): void {
  app.get('/readyz', async (_request, reply) => {
    let checks: Record<string, ReadinessCheck>;
    try {
      checks = await withTimeout(options.readiness?.() ?? Promise.resolve({}), CHECK_TIMEOUT_MS);
    } catch {
      checks = { readiness: { ok: false, detail: `checks did not finish within ${CHECK_TIMEOUT_MS} ms` } };
    }
    const ready = Object.values(checks).every((c) => c.ok);
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  });

  const metrics = options.metrics;
  if (!metrics) return;
  app.get('/metrics', async (request, reply) => {
    if (metrics.token) {
      const header = request.headers.authorization ?? '';
      const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
      if (!sameToken(given, metrics.token))
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer')
          .send({ error: 'unauthorized', message: 'Unauthorized' });
    }
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
