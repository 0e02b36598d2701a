import { createEngine } from '../../src/bot/engine';
import { hashUserKey } from '../../src/privacy/mask';
import { MemorySessionStore, type SessionStore } from '../../src/sessions';
import { catalogue, MemoryEventLog, say } from './transcript-helpers';

/** A store that fails as Redis does: an ioredis ReplyError carries the command and its arguments. */
function failingStore(error: Error): SessionStore {
  const store = new MemorySessionStore();
  store.update = () => Promise.reject(error);
  return store;
}

function redisError(): Error {
  return Object.assign(new Error('ERR Error running script, key motcua:session:web:0905123456 is busy'), {
    name: 'ReplyError',
    code: 'ERR',
    command: {
      name: 'eval',
      args: ['motcua:session:web:0905123456', '{"answers":{"ho_ten":"Nguyễn Thị Đào, CCCD 001234567890"}}'],
    },
  });
}

describe('a message the engine could not handle', () => {
  it('is logged with only the name, code and message of the error, the user id replaced by its hash', async () => {
    const logged: object[] = [];
    const store = failingStore(redisError());
    const engine = createEngine({
      catalogue,
      store,
      salt: 'test-salt',
      log: { error: (obj) => logged.push(obj) },
    });
    const replies = await engine.handle({ channel: 'web', user: '0905123456', text: 'Nguyễn Thị Đào' });
    expect(replies).toEqual([{ text: `${say('internal_error')}\n${say('contact')}` }]);

    const userKey = hashUserKey('web', '0905123456', 'test-salt');
    expect(logged).toEqual([
      {
        err: {
          name: 'ReplyError',
          code: 'ERR',
          message: `ERR Error running script, key motcua:session:web:${userKey} is busy`,
        },
        channel: 'web',
        user: userKey,
      },
    ]);
    const json = JSON.stringify(logged);
    for (const secret of ['0905123456', 'Nguyễn', '001234567890']) expect(json).not.toContain(secret);
    await store.close();
  });

  it('records carry the user as hashUserKey(channel, user, salt)', async () => {
    const store = new MemorySessionStore();
    const events = new MemoryEventLog();
    const engine = createEngine({ catalogue, store, events, salt: 'test-salt' });
    await engine.handle({ channel: 'zalo', user: 'u-1', text: 'gặp cán bộ' });
    expect(events.ofType('staff_request')[0]!.userKey).toBe(hashUserKey('zalo', 'u-1', 'test-salt'));
    await store.close();
  });
});
