import { PartnersyncError } from '../../src/core/errors/index.js';
import type { LinkResult, WriteResult } from '../port.js';
import type { HsAssociationBatch, HsBatchResponse, HsStandardError } from './schemas.js';

/** One batch input as we match it back: its `objectWriteTraceId`, and its natural key (id or unique value). */
export interface BatchInputKey {
  readonly trace: string;
  readonly key: string;
}

/**
 * Maps a HubSpot batch response (200, or 207 multi-status) to one outcome per input. HubSpot returns
 * results in any order (https://github.com/HubSpot/hubspot-api-nodejs/issues/190), so results are
 * matched by `objectWriteTraceId` when echoed, else by `naturalKey(result)`; errors by the trace ids
 * or ids in their `context`.
 * https://developers.hubspot.com/docs/api-reference/error-handling (multi-status with objectWriteTraceId)
 */
export function toWriteResults(
  body: HsBatchResponse,
  inputs: readonly BatchInputKey[],
  naturalKey: (r: HsBatchResponse['results'][number]) => string | undefined,
  created: (r: HsBatchResponse['results'][number]) => boolean,
): WriteResult[] {
  const byKey = new Map<string, HsBatchResponse['results'][number]>();
  for (const r of body.results) {
    if (r.objectWriteTraceId !== undefined) byKey.set(`t:${r.objectWriteTraceId}`, r);
    const k = naturalKey(r);
    if (k !== undefined) byKey.set(`k:${k}`, r);
  }
  const errorByKey = new Map<string, HsStandardError>();
  for (const e of body.errors) {
    for (const [name, values] of Object.entries(e.context ?? {}))
      for (const v of values) errorByKey.set(name === 'objectWriteTraceId' ? `t:${v}` : `k:${v}`, e);
  }
  return inputs.map(({ trace, key }, index): WriteResult => {
    const ok = byKey.get(`t:${trace}`) ?? byKey.get(`k:${key}`);
    if (ok !== undefined) return { status: 'ok', index, id: ok.id, created: created(ok) };
    const err = errorByKey.get(`t:${trace}`) ?? errorByKey.get(`k:${key}`);
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
      id: /^\d+$/.test(key) ? key : null,
      crmCode: code,
      message: err.message,
      fields: fields.includes('propertyName') ? (err.context?.['propertyName'] ?? []) : fields,
    };
  });
}

/**
 * One outcome per association pair of an associations batch create (201, or 207 with per-pair errors). Results
 * are matched by (fromObjectId, toObjectId); errors by the ids their context names.
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/associations/associate-records/batch/create-associations-labeled
 */
export function toLinkResults(
  body: HsAssociationBatch,
  pairs: readonly { readonly fromId: string; readonly toId: string }[],
): LinkResult[] {
  const done = new Set(body.results.map((r) => `${String(r.fromObjectId)}|${String(r.toObjectId)}`));
  const errors = body.errors.map((e) => ({
    e,
    ids: new Set(Object.values(e.context ?? {}).flat()),
  }));
  return pairs.map((p, index): LinkResult => {
    if (done.has(`${p.fromId}|${p.toId}`)) return { status: 'ok', index };
    const hit =
      errors.find((x) => x.ids.has(p.fromId) && x.ids.has(p.toId)) ??
      errors.find((x) => x.ids.has(p.fromId) || x.ids.has(p.toId));
    if (hit === undefined)
      return { status: 'retryable', index, reason: 'no result or error returned for this association' };
    const code = hit.e.category ?? 'UNKNOWN';
    if (hit.e.status === '500' || code === 'RATE_LIMITS')
      return { status: 'retryable', index, reason: `${code}: ${hit.e.message}` };
    return { status: 'rejected', index, crmCode: code, message: hit.e.message };
  });
}

/** A whole association call failed: each of its links carries that failure (transient → retried). */
export function linkFailure(index: number, err: unknown): LinkResult {
  if (err instanceof PartnersyncError && err.retryable)
    return { status: 'retryable', index, reason: err.message };
  if (err instanceof PartnersyncError)
    return {
      status: 'rejected',
      index,
      crmCode: 'crmCode' in err && typeof err.crmCode === 'string' ? err.crmCode : err.code,
      message: err.message,
    };
  throw err;
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
