import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileTokenStore } from '../../../src/channels/zalo/token-store';

describe('FileTokenStore: one instance without Redis', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-zalo-tokens-'));
    file = path.join(dir, 'nested', 'zalo-tokens.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const configured = { accessToken: 'AT-configured-0001', refreshToken: 'RT-configured-0001' };

  it('keeps the refreshed pair across a restart, and the spent configured pair does not come back', async () => {
    const first = new FileTokenStore(file);
    await first.seed(configured);
    const refreshed = {
      accessToken: 'AT-refreshed-0002',
      refreshToken: 'RT-refreshed-0002',
      expiresAt: 1_900_000,
    };
    let spent = 0;
    await first.renew(configured.accessToken, async (refreshToken) => {
      expect(refreshToken).toBe(configured.refreshToken);
      spent++;
      return refreshed;
    });
    expect(spent).toBe(1);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // A restart: the same configuration is offered again.
    const second = new FileTokenStore(file);
    await second.seed(configured);
    expect(await second.get()).toEqual(refreshed);
  });

  it('takes a new pair from the operator', async () => {
    const first = new FileTokenStore(file);
    await first.seed(configured);
    const next = new FileTokenStore(file);
    const operatorPair = { accessToken: 'AT-new-0003', refreshToken: 'RT-new-0003' };
    await next.seed(operatorPair);
    expect(await new FileTokenStore(file).get()).toEqual({ ...operatorPair, expiresAt: null });
  });

  it('leaves no temporary file behind', async () => {
    const store = new FileTokenStore(file);
    await store.seed(configured);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['zalo-tokens.json']);
  });
});
