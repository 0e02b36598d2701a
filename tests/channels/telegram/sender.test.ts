import type { TelegramApi } from '../../../src/channels/telegram/api';
import { TelegramSender } from '../../../src/channels/telegram/sender';
import { MemoryLog } from './harness';

/** A network error as node-fetch raises it (a `FetchError` of type "system"). */
function networkError(code: string, message = `request failed, reason: ${code}`): Error {
  return Object.assign(new Error(message), { name: 'FetchError', type: 'system', code, errno: code });
}

/** A sender on an API whose `callApi` does what `impl` says, counting the calls. */
function senderWith(impl: (signal: AbortSignal) => Promise<unknown>, timeoutMs = 100) {
  const calls: string[] = [];
  const api = {
    callApi: (method: string, _payload: unknown, options: { signal: AbortSignal }) => {
      calls.push(method);
      return impl(options.signal);
    },
  } as unknown as TelegramApi;
  const log = new MemoryLog();
  const sender = new TelegramSender({
    api,
    log,
    userKey: () => 'u',
    retry: { backoffMs: 1, timeoutMs },
  });
  return { sender, calls, log };
}

/** Never answers; rejects when the signal aborts, as node-fetch does. */
const hang = (signal: AbortSignal) =>
  new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () =>
      reject(Object.assign(new Error('The user aborted a request.'), { type: 'aborted' })),
    ),
  );

const message = [{ html: '<b>x</b>', text: 'x' }];

describe('the Telegram sender', () => {
  it('stops waiting for a hung request, and does not send a message again after a timeout', async () => {
    const { sender, calls, log } = senderWith(hang);
    const started = Date.now();
    expect(await sender.sendMessages('1', message)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls).toEqual(['sendMessage']);
    expect(log.entries.some((e) => e.level === 'error' && /may have reached/.test(e.msg))).toBe(true);
  });

  it('retries an idempotent call after a timeout', async () => {
    const { sender } = senderWith(hang);
    let tries = 0;
    const result = await sender.call('getMe', null, (signal) =>
      ++tries < 2 ? hang(signal) : Promise.resolve(1),
    );
    expect(result).toEqual({ ok: true, value: 1 });
    expect(tries).toBe(2);
  });

  it('repeats a sendMessage only when the request certainly never left', async () => {
    let refused = 0;
    const first = senderWith(() =>
      ++refused < 2 ? Promise.reject(networkError('ECONNREFUSED')) : Promise.resolve({}),
    );
    expect(await first.sender.sendMessages('1', message)).toBe(true);
    expect(first.calls).toHaveLength(2);

    const second = senderWith(() => Promise.reject(networkError('ECONNRESET')));
    expect(await second.sender.sendMessages('1', message)).toBe(false);
    expect(second.calls).toHaveLength(1);
  });

  it('aborts a request under way when stopped', async () => {
    const { sender } = senderWith(hang, 60_000);
    const sending = sender.sendMessages('1', message);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    sender.stop();
    expect(await sending).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
