import { describe, expect, it } from 'vitest';
import {
  CrmAuthError,
  CrmRateLimitError,
  CrmRejectedError,
  CrmTransientError,
} from '../../../src/core/errors/index.js';
import { classifyHubspotError } from '../../../connectors/hubspot/classify-error.js';

const now = Date.parse('2024-06-01T18:00:00Z');
const res = (status: number, body: unknown, headers: Record<string, string> = {}, extra = {}) =>
  classifyHubspotError(
    { kind: 'response', status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) },
    { now, ...extra },
  );
const limit = (policyName: string, message: string) => ({
  status: 'error',
  message,
  errorType: 'RATE_LIMIT',
  correlationId: '<uuid>',
  policyName,
  requestId: '<uuid>',
});

describe('classifyHubspotError', () => {
  it('waits out the ten-second window for TEN_SECONDLY_ROLLING', () => {
    const { error } = res(
      429,
      limit('TEN_SECONDLY_ROLLING', 'You have reached your ten_secondly_rolling limit.'),
    );
    expect(error).toBeInstanceOf(CrmRateLimitError);
    expect((error as CrmRateLimitError).retryAfterMs).toBe(10_000);
    expect((error as CrmRateLimitError).policy).toBe('TEN_SECONDLY_ROLLING');
  });
  it('waits one second for the search secondly limit', () => {
    const { error } = res(429, {
      status: 'error',
      message: 'You have reached your secondly limit.',
      errorType: 'RATE_LIMIT',
    });
    expect((error as CrmRateLimitError).retryAfterMs).toBe(1_000);
    expect((error as CrmRateLimitError).policy).toBe('SECONDLY');
  });
  it('waits until midnight in the portal time zone for DAILY', () => {
    const { error } = res(
      429,
      limit('DAILY', 'You have reached your daily limit.'),
      {},
      { portalUtcOffsetMinutes: -300 },
    );
    // 18:00Z is 13:00 at UTC−5: eleven hours to midnight.
    expect((error as CrmRateLimitError).retryAfterMs).toBe(11 * 3_600_000);
    expect(
      (res(429, limit('DAILY', 'x'), {}, { dailyRetryAfterMs: 42 }).error as CrmRateLimitError).retryAfterMs,
    ).toBe(42);
  });
  it('prefers a Retry-After header', () => {
    expect(
      (res(429, limit('TEN_SECONDLY_ROLLING', 'x'), { 'retry-after': '3' }).error as CrmRateLimitError)
        .retryAfterMs,
    ).toBe(3_000);
  });
  it('maps a validation error to a rejection with the property', () => {
    const body = {
      status: 'error',
      message: 'Invalid input (details will vary based on the error)',
      correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf',
      category: 'VALIDATION_ERROR',
      context: { invalidPropertyName: ['propertyValue'] },
      links: { 'knowledge-base': 'https://www.hubspot.com/products/service/knowledge-base' },
    };
    const { error } = res(400, body);
    expect(error).toBeInstanceOf(CrmRejectedError);
    expect((error as CrmRejectedError).crmCode).toBe('VALIDATION_ERROR');
    expect((error as CrmRejectedError).fields).toEqual(['propertyValue']);
  });
  it('maps 401 and missing scopes to auth, 5xx and network to transient', () => {
    expect(
      res(401, {
        status: 'error',
        message: 'Authentication credentials not found.',
        category: 'INVALID_AUTHENTICATION',
      }).error,
    ).toBeInstanceOf(CrmAuthError);
    expect(
      res(403, {
        status: 'error',
        message: "This app hasn't been granted all required scopes",
        category: 'MISSING_SCOPES',
      }).error,
    ).toBeInstanceOf(CrmAuthError);
    expect(res(502, '<html>Bad Gateway</html>').error).toBeInstanceOf(CrmTransientError);
    expect(
      classifyHubspotError(
        { kind: 'network', error: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) },
        { now },
      ).error,
    ).toBeInstanceOf(CrmTransientError);
  });
});
