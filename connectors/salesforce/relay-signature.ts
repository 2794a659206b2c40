import { createHmac } from 'node:crypto';
import { WebhookAuthError } from '../../src/core/errors/index.js';
import { safeEqual } from '../safe-equal.js';

/**
 * Our own format for Change Data Capture events relayed by a subscriber:
 * `X-Partnersync-Signature: t=<ms since epoch>,v1=<hex HMAC-SHA256(secret, "<t>." + rawBody)>`.
 * Several `v1=` entries may be sent while a secret is rotated; any match passes.
 */
export const RELAY_SIGNATURE_HEADER = 'x-partnersync-signature';
export const RELAY_MAX_SIGNATURE_AGE_MS = 300_000;

export type RelayHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

function relayHmac(secret: string, rawBody: Buffer, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest('hex');
}

/** The `X-Partnersync-Signature` header value a relay sends with this body. */
export function signRelayPayload(secret: string, rawBody: Buffer, now: number): string {
  const timestamp = String(Math.trunc(now));
  return `t=${timestamp},v1=${relayHmac(secret, rawBody, timestamp)}`;
}

function headerValue(headers: RelayHeaders): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== RELAY_SIGNATURE_HEADER) continue;
    if (typeof value === 'string' || value === undefined) return value;
    if (value.length === 1) return value[0];
    throw new WebhookAuthError('X-Partnersync-Signature was sent more than once');
  }
  return undefined;
}

export interface VerifyRelaySignatureOptions {
  readonly rawBody: Buffer;
  readonly headers: RelayHeaders;
  /** The shared secret, or several while rotating. */
  readonly secret: string | readonly string[];
  readonly now: number;
  readonly maxAgeMs?: number;
}

/** Verifies a relayed CDC request; throws `WebhookAuthError` (401). Returns the signed timestamp. */
export function verifyRelaySignature(options: VerifyRelaySignatureOptions): { readonly timestamp: number } {
  const maxAgeMs = options.maxAgeMs ?? RELAY_MAX_SIGNATURE_AGE_MS;
  const value = headerValue(options.headers);
  if (value === undefined) throw new WebhookAuthError('missing X-Partnersync-Signature header');
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const item = part.slice(eq + 1).trim();
    if (key === 't') timestamp = item;
    else if (key === 'v1') signatures.push(item.toLowerCase());
  }
  if (timestamp === undefined || !/^\d{1,16}$/.test(timestamp)) {
    throw new WebhookAuthError('X-Partnersync-Signature has no valid t= timestamp');
  }
  if (signatures.length === 0) throw new WebhookAuthError('X-Partnersync-Signature has no v1= signature');
  const signedAt = Number(timestamp);
  if (options.now - signedAt > maxAgeMs)
    throw new WebhookAuthError(`stale relay signature: older than ${maxAgeMs} ms`);
  if (signedAt - options.now > maxAgeMs) {
    throw new WebhookAuthError(`relay signature timestamp is more than ${maxAgeMs} ms in the future`);
  }
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  let matched = false;
  for (const secret of secrets) {
    const expected = relayHmac(secret, options.rawBody, timestamp);
    for (const signature of signatures) matched = safeEqual(signature, expected) || matched;
  }
  if (!matched) throw new WebhookAuthError('relay signature mismatch');
  return { timestamp: signedAt };
}
