import type {
  CrmAuthError,
  CrmRateLimitError,
  CrmRejectedError,
  CrmTransientError,
} from '../src/core/errors/index.js';

/** What a connector saw when a CRM call failed: a response, or no response at all. */
export type VendorFailure =
  | {
      readonly kind: 'response';
      readonly status: number;
      /** Lower-case header names. */
      readonly headers: Readonly<Record<string, string | undefined>>;
      /** The raw body text (JSON, XML, HTML or empty). */
      readonly body: string;
    }
  | { readonly kind: 'network'; readonly error: unknown };

export type CrmError = CrmRateLimitError | CrmTransientError | CrmAuthError | CrmRejectedError;

export interface Classified {
  readonly reason: string;
  readonly error: CrmError;
}

/** Parses a body as JSON, or returns undefined: classification never throws. */
export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

const TIMEOUT_NAMES = new Set(['TimeoutError', 'AbortError']);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Describes a transport error for a `reason`: timeout, a socket error code, or its message. */
export function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    if (TIMEOUT_NAMES.has(error.name)) return `timeout: ${error.message}`;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return `network ${code}: ${error.message}`;
    return `network: ${error.message}`;
  }
  return `network: ${String(error)}`;
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
