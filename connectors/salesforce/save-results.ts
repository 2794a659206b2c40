import type { WriteResult } from '../port.js';
import { isRetryableRecordError } from './classify-error.js';
import type { SaveResult } from './schemas.js';

/** Maps sObject Collections results (input order) to per-record outcomes; `offset` is the chunk start. */
export function toWriteResults(
  results: readonly SaveResult[],
  offset: number,
  ids: readonly (string | null)[],
): WriteResult[] {
  return results.map((r, i): WriteResult => {
    const index = offset + i;
    const id = r.id ?? ids[i] ?? null;
    if (r.success && id !== null) return { status: 'ok', index, id, created: r.created ?? ids[i] === null };
    const first = r.errors[0];
    const code = first?.statusCode ?? 'UNKNOWN_ERROR';
    const message = first?.message ?? 'record failed without an error message';
    if (isRetryableRecordError(code))
      return { status: 'retryable', index, id, reason: `${code}: ${message}` };
    return { status: 'rejected', index, id, crmCode: code, message, fields: first?.fields ?? [] };
  });
}

/** Every record of a chunk gets the same request-level rejection. */
export function rejectAll(
  count: number,
  offset: number,
  crmCode: string,
  message: string,
  fields: readonly string[],
): WriteResult[] {
  return Array.from({ length: count }, (_v, i): WriteResult => ({
    status: 'rejected',
    index: offset + i,
    id: null,
    crmCode,
    message,
    fields,
  }));
}
