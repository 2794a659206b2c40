import { createHash, createHmac } from 'node:crypto';
import { WebhookAuthError } from '../../src/core/errors/index.js';
import { safeEqual } from '../safe-equal.js';

export const HUBSPOT_SIGNATURE_VERSIONS = ['v1', 'v2', 'v3'] as const;
export type HubspotSignatureVersion = (typeof HUBSPOT_SIGNATURE_VERSIONS)[number];

/** Node's `IncomingHttpHeaders` or any plain header record; names are matched case-insensitively. */
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface HubspotSignatureInput {
  readonly signatureVersion: HubspotSignatureVersion;
  readonly clientSecret: string;
  readonly method: string;
  /** The full public URL HubSpot called: protocol + host + path + query. */
  readonly uri: string;
  readonly rawBody: Buffer;
  /** v3 only: the `X-HubSpot-Request-Timestamp` header exactly as sent. */
  readonly timestamp?: string;
}

export interface VerifyHubspotSignatureOptions {
  readonly method: string;
  /** Public URL HubSpot signed; build it with `hubspotPublicUrl(publicBaseUrl, req.originalUrl)`. */
  readonly url: string;
  readonly rawBody: Buffer;
  readonly headers: WebhookHeaders;
  readonly clientSecret: string;
  /** Current time, ms since epoch. */
  readonly now: number;
  readonly maxAgeMs?: number;
  /** Versions this connection accepts. Default `['v3']`; add v1/v2 only when configured. */
  readonly acceptVersions?: readonly HubspotSignatureVersion[];
}

export interface HubspotSignatureCheck {
  readonly version: HubspotSignatureVersion;
  /** v3 only: the signed request timestamp, ms. */
  readonly timestamp?: number;
}

// https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
const SIGNATURE_V3 = 'x-hubspot-signature-v3';
const REQUEST_TIMESTAMP = 'x-hubspot-request-timestamp';
// https://developers.hubspot.com/docs/faq/v1-request-validation , https://developers.hubspot.com/docs/faq/v2-request-validation
const SIGNATURE = 'x-hubspot-signature';
const SIGNATURE_VERSION = 'x-hubspot-signature-version';

export const HUBSPOT_MAX_SIGNATURE_AGE_MS = 300_000;

/** Joins a configured public base URL (`https://sync.example.com`) and a request's `originalUrl`. */
export function hubspotPublicUrl(publicBaseUrl: string, originalUrl: string): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return originalUrl.startsWith('/') ? `${base}${originalUrl}` : `${base}/${originalUrl}`;
}

// https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
// v3: HubSpot decodes this fixed set of %-escapes in the URI before signing; everything else stays encoded.
const V3_DECODED: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

/** The URI with HubSpot's documented v3 escape set decoded (`%3A` → `:` …). */
export function decodeHubspotV3Uri(uri: string): string {
  return uri.replace(
    /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi,
    (match) => V3_DECODED[match.toUpperCase()] ?? match,
  );
}

/** The signature HubSpot would send for these inputs: lowercase hex (v1, v2) or base64 (v3). */
export function computeHubspotSignature(input: HubspotSignatureInput): string {
  const { signatureVersion, clientSecret, method, uri, rawBody } = input;
  if (signatureVersion === 'v1') {
    return createHash('sha256').update(clientSecret, 'utf8').update(rawBody).digest('hex');
  }
  if (signatureVersion === 'v2') {
    return createHash('sha256')
      .update(`${clientSecret}${method}${uri}`, 'utf8')
      .update(rawBody)
      .digest('hex');
  }
  return createHmac('sha256', clientSecret)
    .update(`${method}${uri}`, 'utf8')
    .update(rawBody)
    .update(input.timestamp ?? '', 'utf8')
    .digest('base64');
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    if (value.length === 1) return value[0];
    throw new WebhookAuthError(`header ${name} was sent more than once`);
  }
  return undefined;
}

function requireAccepted(
  version: HubspotSignatureVersion,
  accepted: readonly HubspotSignatureVersion[],
): void {
  if (!accepted.includes(version)) {
    throw new WebhookAuthError(`HubSpot signature ${version} is not accepted for this connection`);
  }
}

function verifyV3(options: VerifyHubspotSignatureOptions, signature: string): HubspotSignatureCheck {
  const maxAgeMs = options.maxAgeMs ?? HUBSPOT_MAX_SIGNATURE_AGE_MS;
  const timestamp = header(options.headers, REQUEST_TIMESTAMP);
  if (timestamp === undefined) throw new WebhookAuthError('missing X-HubSpot-Request-Timestamp header');
  if (!/^\d{1,16}$/.test(timestamp))
    throw new WebhookAuthError('X-HubSpot-Request-Timestamp is not an integer');
  const signedAt = Number(timestamp);
  // abs(): the SDK only rejects old timestamps; a far-future one would stay replayable for longer.
  if (options.now - signedAt > maxAgeMs) {
    throw new WebhookAuthError(`stale X-HubSpot-Request-Timestamp: older than ${maxAgeMs} ms`);
  }
  if (signedAt - options.now > maxAgeMs) {
    throw new WebhookAuthError(`X-HubSpot-Request-Timestamp is more than ${maxAgeMs} ms in the future`);
  }
  const uris = new Set([options.url, decodeHubspotV3Uri(options.url)]);
  let matched = false;
  for (const uri of uris) {
    const expected = computeHubspotSignature({ ...signed(options, uri), signatureVersion: 'v3', timestamp });
    // No short-circuit: every candidate is compared.
    matched = safeEqual(signature, expected) || matched;
  }
  if (!matched) throw new WebhookAuthError('HubSpot v3 signature mismatch');
  return { version: 'v3', timestamp: signedAt };
}

function signed(options: VerifyHubspotSignatureOptions, uri: string) {
  return {
    clientSecret: options.clientSecret,
    method: options.method.toUpperCase(),
    uri,
    rawBody: options.rawBody,
  };
}

/**
 * Verifies a HubSpot request signature over the raw body bytes. Prefers v3 when its headers are present
 * (never falls back to a weaker version after a v3 failure). Throws `WebhookAuthError` (401).
 */
export function verifyHubspotSignature(options: VerifyHubspotSignatureOptions): HubspotSignatureCheck {
  const accepted = options.acceptVersions ?? ['v3'];
  const v3 = header(options.headers, SIGNATURE_V3);
  if (v3 !== undefined && accepted.includes('v3')) return verifyV3(options, v3);

  const legacy = header(options.headers, SIGNATURE);
  if (legacy === undefined) {
    if (v3 !== undefined) requireAccepted('v3', accepted);
    throw new WebhookAuthError(
      accepted.includes('v3')
        ? 'missing X-HubSpot-Signature-v3 header'
        : 'missing X-HubSpot-Signature header',
    );
  }
  const version = (header(options.headers, SIGNATURE_VERSION) ?? 'v1').toLowerCase();
  if (version !== 'v1' && version !== 'v2') {
    throw new WebhookAuthError('unknown X-HubSpot-Signature-Version');
  }
  requireAccepted(version, accepted);
  const expected = computeHubspotSignature({ ...signed(options, options.url), signatureVersion: version });
  if (!safeEqual(legacy.toLowerCase(), expected))
    throw new WebhookAuthError(`HubSpot ${version} signature mismatch`);
  return { version };
}
