import { createHash, createHmac } from 'node:crypto';
import { isValidSignature, zaloSignature } from '../../../src/channels/zalo/signature';

/** channels.md A8.4: sha256_hex(app_id + raw body + timestamp + OA secret key), optional "mac=" prefix. */
describe('Zalo webhook signature', () => {
  const appId = '1234';
  const timestamp = '1700000000000';
  const secret = 's3cr3t';
  const body = Buffer.from(
    '{"app_id":"1234","event_name":"user_send_text","message":{"msg_id":"ab","text":"Thủ tục cấp đổi CCCD?"},"timestamp":"1700000000000"}',
    'utf8',
  );
  // The fixture computed apart from the code under test: one string, hashed as UTF-8.
  const expected = createHash('sha256')
    .update(appId + body.toString('utf8') + timestamp + secret, 'utf8')
    .digest('hex');

  it('is the plain SHA-256 (not an HMAC) of the four parts, in order', () => {
    expect(zaloSignature(appId, body, timestamp, secret)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the hex with or without "mac=", in either case, and around spaces', () => {
    for (const header of [`mac=${expected}`, expected, `MAC=${expected.toUpperCase()}`, ` mac=${expected} `])
      expect(isValidSignature(header, appId, body, timestamp, secret)).toBe(true);
  });

  it('refuses another secret, another timestamp, another app, other bytes, or a malformed header', () => {
    const valid = `mac=${expected}`;
    expect(isValidSignature(valid, appId, body, timestamp, 'other')).toBe(false);
    expect(isValidSignature(valid, appId, body, '1700000000001', secret)).toBe(false);
    expect(isValidSignature(valid, '1235', body, timestamp, secret)).toBe(false);
    // The same JSON re-serialised with other spacing is other bytes.
    const spaced = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8')), null, 1));
    expect(isValidSignature(valid, appId, spaced, timestamp, secret)).toBe(false);
    for (const header of [
      '',
      'mac=',
      expected.slice(0, 63),
      `${expected}00`,
      `sha256=${expected}`,
      'z'.repeat(64),
    ])
      expect(isValidSignature(header, appId, body, timestamp, secret)).toBe(false);
    // An HMAC of the body with the secret (a design seen in the wild, A8.4) is not Zalo's signature.
    const hmac = createHmac('sha256', secret).update(body).digest('hex');
    expect(isValidSignature(hmac, appId, body, timestamp, secret)).toBe(false);
  });
});
