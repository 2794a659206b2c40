import { z } from 'zod';
import {
  CrmAuthError,
  CrmRateLimitError,
  CrmRejectedError,
  CrmTransientError,
} from '../../src/core/errors/index.js';
import type { Classified, VendorFailure } from '../vendor-failure.js';
import { describeNetworkError, parseJsonBody, parseRetryAfter } from '../vendor-failure.js';

/**
 * Pure: a Salesforce failure → the error taxonomy of src/core/errors (rate limit, transient, auth, rejected).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */

const SfError = z.object({
  message: z.string(),
  errorCode: z.string(),
  fields: z.array(z.string()).optional(),
});
// OAuth token endpoint errors: https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flow_errors.htm
const OAuthError = z.object({ error: z.string(), error_description: z.string().optional() });

export interface SalesforceClassifyOptions {
  readonly now: number;
  /** REQUEST_LIMIT_EXCEEDED means the org's 24h allocation is spent: wait long. */
  readonly requestLimitWaitMs?: number;
}

/** Record-level codes worth retrying (row locks, timeouts inside the org). */
const RETRYABLE_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'REQUEST_RUNNING_TOO_LONG', 'SERVER_UNAVAILABLE']);
const AUTH_CODES = new Set([
  'INVALID_SESSION_ID',
  'INVALID_AUTH_HEADER',
  'API_DISABLED_FOR_ORG',
  'INVALID_GRANT',
]);

export function isRetryableRecordError(code: string): boolean {
  return RETRYABLE_CODES.has(code);
}

function firstError(body: string): { code: string; message: string; fields: string[] } | null {
  const json = parseJsonBody(body);
  const list = Array.isArray(json) ? json : [json];
  const parsed = SfError.safeParse(list[0]);
  if (parsed.success) {
    return { code: parsed.data.errorCode, message: parsed.data.message, fields: parsed.data.fields ?? [] };
  }
  const oauth = OAuthError.safeParse(json);
  if (oauth.success) {
    return {
      code: oauth.data.error.toUpperCase(),
      message: oauth.data.error_description ?? oauth.data.error,
      fields: [],
    };
  }
  // XML variant: <Errors><Error><errorCode>…</errorCode><message>…</message></Error></Errors>
  const code = /<errorCode>([^<]+)<\/errorCode>/.exec(body)?.[1];
  const message = /<message>([^<]*)<\/message>/.exec(body)?.[1];
  if (code !== undefined) return { code, message: message ?? code, fields: [] };
  return null;
}

export function classifySalesforceError(failure: VendorFailure, opts: SalesforceClassifyOptions): Classified {
  if (failure.kind === 'network') {
    const reason = describeNetworkError(failure.error);
    return { reason, error: new CrmTransientError(`Salesforce ${reason}`, { cause: failure.error }) };
  }
  const { status, headers, body } = failure;
  const err = firstError(body) ?? { code: `HTTP_${status}`, message: body.slice(0, 200), fields: [] };
  const reason = `${status} ${err.code}: ${err.message}`;

  if (err.code === 'REQUEST_LIMIT_EXCEEDED') {
    // "ConcurrentPerOrgLongTxn Limit exceeded" is a concurrency limit and clears in seconds.
    const concurrent = /Concurrent/i.test(err.message);
    const wait = concurrent ? 5_000 : (opts.requestLimitWaitMs ?? 15 * 60_000);
    return { reason, error: new CrmRateLimitError(`Salesforce ${reason}`, wait, 'REQUEST_LIMIT_EXCEEDED') };
  }
  if (status === 429 || status === 420) {
    const wait = parseRetryAfter(headers['retry-after'], opts.now) ?? 1_000;
    return { reason, error: new CrmRateLimitError(`Salesforce ${reason}`, wait, `HTTP_${status}`) };
  }
  if (status >= 500 || RETRYABLE_CODES.has(err.code)) {
    return { reason, error: new CrmTransientError(`Salesforce ${reason}`) };
  }
  if (status === 401 || AUTH_CODES.has(err.code)) {
    return { reason, error: new CrmAuthError(`Salesforce ${reason}`) };
  }
  return { reason, error: new CrmRejectedError(`Salesforce ${reason}`, err.code, err.fields) };
}
