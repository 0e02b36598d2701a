import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Zalo's webhook signature: `X-ZEvent-Signature` = SHA-256 (hex) of app id + the raw body + the event's
 * timestamp + the OA secret key — a plain hash of the concatenation, not an HMAC (channels.md A8.4). Some
 * senders prefix it with "mac=", so the prefix is optional and the hex is compared case-insensitively.
 */
export function zaloSignature(
  appId: string,
  rawBody: Buffer,
  timestamp: string,
  oaSecretKey: string,
): string {
  return createHash('sha256')
    .update(appId)
    .update(rawBody)
    .update(timestamp)
    .update(oaSecretKey)
    .digest('hex');
}

/** Whether `header` is the signature of this body, compared in constant time. */
export function isValidSignature(
  header: string,
  appId: string,
  rawBody: Buffer,
  timestamp: string,
  oaSecretKey: string,
): boolean {
  const given = header.trim().replace(/^mac=/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = zaloSignature(appId, rawBody, timestamp, oaSecretKey);
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
}
