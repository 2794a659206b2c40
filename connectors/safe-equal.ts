import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// A per-process key: the digests compared below are unpredictable to a caller, so timing reveals nothing
// about how much of a guess matched.
const KEY = randomBytes(32);

const digest = (value: string): Buffer =>
  Buffer.from(createHmac('sha256', KEY).update(value, 'utf8').digest('hex'), 'utf8');

/**
 * Constant-time string comparison that takes the same time whatever the lengths: both sides are reduced
 * to HMAC-SHA256 digests of equal length first, so not even the secret's length leaks.
 */
export function safeEqual(received: string, expected: string): boolean {
  return timingSafeEqual(digest(received), digest(expected));
}
