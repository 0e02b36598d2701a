import { postChat, runServeToExit, startServe, stopServe } from '../support/serve';

/** `npm start` as a process: configuration errors, readiness, metrics and its log lines. */

describe('npm start: configuration', () => {
  it('stops with exit code 2 and one message listing every wrong setting', async () => {
    const { code, output } = await runServeToExit({
      PORT: 'eighty',
      LOG_LEVEL: 'chatty',
      REDIS_URL: 'localhost:6379',
      ZALO_APP_ID: '42',
      ZALO_APP_SECRET: 'app-secret-value',
    });
    expect(code).toBe(2);
    for (const name of ['PORT', 'LOG_LEVEL', 'REDIS_URL', 'ZALO_OA_SECRET_KEY'])
      expect(output).toContain(name);
    expect(output).not.toContain('app-secret-value');
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('npm start: readiness, metrics and logs', () => {
  it('is ready without Redis, logs one line per message without its text, and serves metrics behind the token', async () => {
    const token = 'ops-metrics-token-0123456789';
    const server = await startServe({ REDIS_URL: '', LOG_LEVEL: 'info', METRICS_TOKEN: token });
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { catalogue: { ok: true } } });

      const answer = await postChat(server.url, {
        user: 'ops-user',
        text: 'đăng ký khai sinh cần gì, sđt 0905123456',
      });
      expect(answer.status).toBe(200);

      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      const metrics = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/motcua_messages_in_total\{channel="web",input="text"\} 1/);
    } finally {
      expect(await stopServe(server.child)).toBe(0);
    }
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const handled = lines.filter((l) => l.msg === 'message handled');
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ channel: 'web', input: 'text', decision: expect.any(String) });
    expect(handled[0]!.user).toMatch(/^[0-9a-f]{16}$/);
    expect(server.output()).not.toContain('khai sinh');
    expect(server.output()).not.toContain('0905123456');
    expect(server.output()).not.toContain('ops-user');
  });

  it('reports Redis as not ready when it cannot be reached, and still answers stateless questions politely', async () => {
    // A port where nothing listens: the session store cannot connect.
    const server = await startServe({ REDIS_URL: 'redis://127.0.0.1:1', USER_HASH_SALT: 's'.repeat(32) });
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'not_ready', checks: { redis: { ok: false } } });
      const reply = await postChat(server.url, { user: 'ops-redis-down', text: 'sổ đỏ' });
      expect(reply.status).toBe(200);
      expect(reply.body.messages[0]!.text).toMatch(/Xin lỗi/);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await stopServe(server.child)).toBe(0);
    }
  });
});
