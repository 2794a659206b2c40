import { timingSafeEqual } from 'node:crypto';

/**
 * Constant-time string comparison that never throws on a length mismatch. Only the length, which is
 * public for every signature format we check, can leak.
 */
export function safeEqual(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
