import type { WriteResult } from '../port.js';
import type { HsBatchResponse, HsStandardError } from './schemas.js';

/**
 * Maps a HubSpot batch response (200, or 207 multi-status) to one outcome per input. Results are
 * matched by `key(input)` against `resultKey(result)`; errors by the ids in their `context`.
 * https://developers.hubspot.com/docs/api/crm/understanding-the-crm (batch operations)
 */
export function toWriteResults(
  body: HsBatchResponse,
  inputKeys: readonly string[],
  resultKey: (r: HsBatchResponse['results'][number]) => string | undefined,
  offset: number,
  created: (r: HsBatchResponse['results'][number]) => boolean,
): WriteResult[] {
  const byKey = new Map(body.results.map((r) => [resultKey(r) ?? '', r] as const));
  const errorByKey = new Map<string, HsStandardError>();
  for (const e of body.errors) {
    for (const values of Object.values(e.context ?? {})) for (const v of values) errorByKey.set(v, e);
  }
  return inputKeys.map((k, i): WriteResult => {
    const index = offset + i;
    const ok = byKey.get(k);
    if (ok !== undefined) return { status: 'ok', index, id: ok.id, created: created(ok) };
    const err = errorByKey.get(k);
    if (err === undefined)
      return { status: 'retryable', index, id: null, reason: 'no result or error returned for this record' };
    const code = err.category ?? 'UNKNOWN';
    const fields = Object.keys(err.context ?? {}).filter(
      (c) => c !== 'ids' && c !== 'objectWriteTraceId' && c !== 'id',
    );
    if (err.status === '500' || code === 'RATE_LIMITS')
      return { status: 'retryable', index, id: null, reason: `${code}: ${err.message}` };
    return {
      status: 'rejected',
      index,
      id: /^\d+$/.test(k) ? k : null,
      crmCode: code,
      message: err.message,
      fields,
    };
  });
}

/** HubSpot property values are strings. */
export function toProperties(fields: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === null || v === undefined) out[k] = '';
    else if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else if (v instanceof Date) out[k] = String(v.getTime());
    else out[k] = JSON.stringify(v);
  }
  return out;
}
