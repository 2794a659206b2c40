import { describe, expect, it } from 'vitest';
import {
  CrmAuthError,
  CrmRateLimitError,
  CrmRejectedError,
  CrmTransientError,
} from '../../../src/core/errors/index.js';
import { classifySalesforceError } from '../../../connectors/salesforce/classify-error.js';

const now = Date.parse('2024-06-01T00:00:00Z');
const res = (status: number, body: string, headers: Record<string, string> = {}) =>
  classifySalesforceError({ kind: 'response', status, headers, body }, { now });

describe('classifySalesforceError', () => {
  it('maps 403 REQUEST_LIMIT_EXCEEDED to a long rate-limit wait', () => {
    const { error } = res(
      403,
      '[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]',
    );
    expect(error).toBeInstanceOf(CrmRateLimitError);
    expect((error as CrmRateLimitError).retryAfterMs).toBe(15 * 60_000);
    expect((error as CrmRateLimitError).policy).toBe('REQUEST_LIMIT_EXCEEDED');
  });
  it('maps the concurrent long-transaction limit to a short wait', () => {
    const { error } = res(
      403,
      '[{"message":"ConcurrentPerOrgLongTxn Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]',
    );
    expect((error as CrmRateLimitError).retryAfterMs).toBe(5_000);
  });
  it('maps 401 INVALID_SESSION_ID (after jsforce refreshed) to an auth error', () => {
    expect(
      res(401, '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]').error,
    ).toBeInstanceOf(CrmAuthError);
    expect(
      res(
        401,
        '{"errorCode":"INVALID_SESSION_ID","message":"This session is not valid for use with the REST API"}',
      ).error,
    ).toBeInstanceOf(CrmAuthError);
  });
  it('maps REQUIRED_FIELD_MISSING to a rejection with the field', () => {
    const { error, reason } = res(
      400,
      '[{"message":"Required fields are missing: [Name]","errorCode":"REQUIRED_FIELD_MISSING","fields":["Name"]}]',
    );
    expect(error).toBeInstanceOf(CrmRejectedError);
    expect((error as CrmRejectedError).crmCode).toBe('REQUIRED_FIELD_MISSING');
    expect((error as CrmRejectedError).fields).toEqual(['Name']);
    expect(reason).toContain('Required fields are missing');
  });
  it('reads the first of several errors', () => {
    const { error } = res(
      400,
      '[{"message":"no ACME accounts","errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","fields":[]},{"message":"no 123 phone","errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","fields":[]}]',
    );
    expect((error as CrmRejectedError).message).toContain('no ACME accounts');
  });
  it('reads the XML error variant', () => {
    const { error } = res(
      404,
      '<Errors><Error><errorCode>NOT_FOUND</errorCode><message>The requested resource does not exist</message></Error></Errors>',
    );
    expect((error as CrmRejectedError).crmCode).toBe('NOT_FOUND');
  });
  it('maps 5xx, an HTML error page and UNABLE_TO_LOCK_ROW to transient', () => {
    expect(res(503, '<html><body>Service Unavailable</body></html>').error).toBeInstanceOf(CrmTransientError);
    expect(
      res(
        400,
        '[{"message":"unable to obtain exclusive access to this record","errorCode":"UNABLE_TO_LOCK_ROW","fields":[]}]',
      ).error,
    ).toBeInstanceOf(CrmTransientError);
  });
  it('maps invalid_grant from the token endpoint to auth', () => {
    expect(
      res(400, '{"error":"invalid_grant","error_description":"expired access/refresh token"}').error,
    ).toBeInstanceOf(CrmAuthError);
  });
  it('honours Retry-After on a 429', () => {
    expect((res(429, '', { 'retry-after': '7' }).error as CrmRateLimitError).retryAfterMs).toBe(7_000);
  });
  it('maps network errors and timeouts to transient', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const r = classifySalesforceError({ kind: 'network', error: refused }, { now });
    expect(r.error).toBeInstanceOf(CrmTransientError);
    expect(r.reason).toContain('ECONNREFUSED');
    expect(
      classifySalesforceError({ kind: 'network', error: new DOMException('t', 'TimeoutError') }, { now })
        .reason,
    ).toMatch(/^timeout/);
  });
});
