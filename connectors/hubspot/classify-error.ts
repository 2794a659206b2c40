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
 * Pure: a HubSpot failure → the error taxonomy of src/core/errors (rate limit, transient, auth, rejected).
 * https://developers.hubspot.com/docs/api/error-handling
 * https://developers.hubspot.com/docs/api/usage-details
 */

const HsErrorBody = z.looseObject({
  message: z.string().optional(),
  category: z.string().optional(),
  policyName: z.string().optional(),
  errorType: z.string().optional(),
  context: z.record(z.string(), z.unknown()).optional(),
  errors: z
    .array(
      z.looseObject({
        message: z.string().optional(),
        context: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
  // OAuth 2026-03 token endpoint (RFC 6749): {"error":"invalid_grant","error_description":"…"}
  error: z.string().optional(),
  error_description: z.string().optional(),
  // OAuth token endpoint: {"status":"BAD_REFRESH_TOKEN","message":"…"}
  status: z.string().optional(),
});
type HsErrorBody = z.infer<typeof HsErrorBody>;

export interface HubspotClassifyOptions {
  readonly now: number;
  /** Minutes east of UTC of the portal time zone: DAILY limits reset at its midnight. */
  readonly portalUtcOffsetMinutes?: number;
  /** Overrides the wait after a DAILY 429. */
  readonly dailyRetryAfterMs?: number;
}

const SECONDLY_MESSAGE = 'You have reached your secondly limit.';
const DAY_MS = 86_400_000;

function fieldsOf(body: HsErrorBody): string[] {
  const out = new Set<string>();
  const collect = (ctx: Record<string, unknown> | undefined): void => {
    for (const key of ['propertyName', 'invalidPropertyName', 'properties']) {
      const v = ctx?.[key];
      if (Array.isArray(v)) for (const f of v) if (typeof f === 'string') out.add(f);
    }
  };
  collect(body.context);
  for (const e of body.errors ?? []) collect(e.context);
  // "Property values were not valid: [{…,"name":"ps_duplicate_status"…}]"
  for (const m of (body.message ?? '').matchAll(/"name":"([A-Za-z0-9_]+)"/g))
    if (m[1] !== undefined) out.add(m[1]);
  return [...out];
}

function rateLimitWait(
  body: HsErrorBody,
  headers: Readonly<Record<string, string | undefined>>,
  opts: HubspotClassifyOptions,
): {
  wait: number;
  policy: string;
} {
  const policy = body.policyName ?? (body.message === SECONDLY_MESSAGE ? 'SECONDLY' : 'UNKNOWN');
  const retryAfter = parseRetryAfter(headers['retry-after'], opts.now);
  if (retryAfter !== null) return { wait: retryAfter, policy };
  if (policy === 'DAILY') {
    if (opts.dailyRetryAfterMs !== undefined) return { wait: opts.dailyRetryAfterMs, policy };
    const local = opts.now + (opts.portalUtcOffsetMinutes ?? 0) * 60_000;
    return { wait: DAY_MS - (local % DAY_MS), policy };
  }
  if (policy === 'SECONDLY') return { wait: 1_000, policy };
  // TEN_SECONDLY_ROLLING (and unknown): wait out the rolling window.
  const interval = Number(headers['x-hubspot-ratelimit-interval-milliseconds'] ?? '10000');
  return { wait: Number.isFinite(interval) && interval > 0 ? interval : 10_000, policy };
}

export function classifyHubspotError(failure: VendorFailure, opts: HubspotClassifyOptions): Classified {
  if (failure.kind === 'network') {
    const reason = describeNetworkError(failure.error);
    return { reason, error: new CrmTransientError(`HubSpot ${reason}`, { cause: failure.error }) };
  }
  const { status, headers } = failure;
  const parsed = HsErrorBody.safeParse(parseJsonBody(failure.body));
  const body: HsErrorBody = parsed.success ? parsed.data : {};
  const code =
    body.error ??
    body.category ??
    body.errorType ??
    (body.status !== 'error' ? body.status : undefined) ??
    `HTTP_${status}`;
  const reason = `${status} ${code}: ${body.message ?? body.error_description ?? failure.body.slice(0, 200)}`;

  if (status === 429) {
    const { wait, policy } = rateLimitWait(body, headers, opts);
    return { reason, error: new CrmRateLimitError(`HubSpot ${reason}`, wait, policy) };
  }
  if (status >= 500) return { reason, error: new CrmTransientError(`HubSpot ${reason}`) };
  if (
    status === 401 ||
    code === 'MISSING_SCOPES' ||
    code === 'BAD_REFRESH_TOKEN' ||
    code === 'invalid_grant' ||
    code === 'invalid_client' ||
    code === 'INVALID_AUTHENTICATION'
  ) {
    return { reason, error: new CrmAuthError(`HubSpot ${reason}`) };
  }
  return { reason, error: new CrmRejectedError(`HubSpot ${reason}`, code, fieldsOf(body)) };
}
