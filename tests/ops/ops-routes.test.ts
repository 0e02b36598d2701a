import { createEngine } from '../../src/bot/engine';
import { Metrics } from '../../src/ops/metrics';
import { buildServer } from '../../src/server/build-server';
import type { ReadinessCheck } from '../../src/server/ops-routes';
import { MemorySessionStore } from '../../src/sessions';
import { catalogue, MemoryEventLog } from '../bot/transcript-helpers';

function build(options: { token?: string; checks?: () => Promise<Record<string, ReadinessCheck>> } = {}) {
  const store = new MemorySessionStore();
  const metrics = new Metrics({ sessions: () => store.size });
  const engine = createEngine({
    catalogue,
    store,
    events: new MemoryEventLog(),
    salt: 'test',
    observe: (handled) => metrics.observe(handled),
  });
  const app = buildServer({
    catalogue,
    engine,
    ops: {
      metrics: { registry: metrics.registry, ...(options.token ? { token: options.token } : {}) },
      ...(options.checks ? { readiness: options.checks } : {}),
    },
  });
  return { app, store };
}

async function chat(app: ReturnType<typeof build>['app'], body: object): Promise<void> {
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: body });
  expect(response.statusCode).toBe(200);
}

/** The value of one sample line of the Prometheus text, or undefined. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('/readyz', () => {
  it('is 200 with the checks when all pass, 503 naming the failing one otherwise', async () => {
    let redisUp = true;
    const { app, store } = build({
      checks: async () => ({
        catalogue: { ok: true },
        redis: redisUp ? { ok: true } : { ok: false, detail: 'unreachable' },
      }),
    });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { catalogue: { ok: true }, redis: { ok: true } },
    });
    redisUp = false;
    const down = await app.inject('/readyz');
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({
      status: 'not_ready',
      checks: { redis: { ok: false, detail: 'unreachable' } },
    });
    await app.close();
    await store.close();
  });

  it('answers 503 within its time limit when a check hangs (a stuck Redis)', async () => {
    const { app, store } = build({ checks: () => new Promise(() => undefined) });
    const started = Date.now();
    const response = await app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
    await app.close();
    await store.close();
  });

  it('/healthz answers whatever the readiness', async () => {
    const { app, store } = build({ checks: async () => ({ redis: { ok: false } }) });
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    await app.close();
    await store.close();
  });
});

describe('/metrics', () => {
  it('counts messages, decisions, aspects and latency in Prometheus text, with no user or text', async () => {
    const { app, store } = build();
    await chat(app, { user: 'metrics-a', text: 'làm lại căn cước bị mất cần giấy tờ gì' });
    await chat(app, { user: 'metrics-b', text: 'giá vàng hôm nay, số tôi 0905123456' });
    await chat(app, { user: 'metrics-a', action: 'menu' });
    const response = await app.inject('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(sample(text, 'motcua_messages_in_total', 'input="text"')).toBe(2);
    expect(sample(text, 'motcua_messages_in_total', 'input="action"')).toBe(1);
    expect(sample(text, 'motcua_decisions_total', 'decision="fallback"')).toBe(1);
    expect(sample(text, 'motcua_aspects_total', 'aspect="documents"')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'motcua_handle_seconds_count', 'channel="web"')).toBe(3);
    expect(text).toContain('motcua_sessions 2');
    // prom-client's Node metrics, event-loop lag among them
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).not.toContain('metrics-a');
    expect(text).not.toContain('0905123456');
    await app.close();
    await store.close();
  });

  it('wants the bearer token when one is configured', async () => {
    const { app, store } = build({ token: 'metrics-token-0123456789' });
    expect((await app.inject('/metrics')).statusCode).toBe(401);
    const wrong = await app.inject({ url: '/metrics', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const right = await app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-token-0123456789' },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('motcua_messages_in_total');
    await app.close();
    await store.close();
  });
});
