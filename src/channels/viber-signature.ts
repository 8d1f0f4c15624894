/**
 * Viber signs every callback with X-Viber-Content-Signature: hex HMAC-SHA256 of the raw request
 * body keyed with the bot's auth token. The signature must be checked on the exact bytes received
 * (before any JSON parsing) and compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function viberSignature(authToken: string, rawBody: string | Buffer): string {
  return createHmac('sha256', authToken).update(rawBody).digest('hex');
}

/** True only for a well-formed hex signature equal to ours; never throws on malformed input. */
export function verifyViberSignature(authToken: string, rawBody: string | Buffer, headerValue: string | string[] | null | undefined): boolean {
  if (typeof headerValue !== 'string' || !/^[0-9a-fA-F]{64}$/.test(headerValue.trim())) return false;
  const expected = createHmac('sha256', authToken).update(rawBody).digest();
  const given = Buffer.from(headerValue.trim(), 'hex');
  // timingSafeEqual throws on different lengths; the regex above already guarantees 32 bytes.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
