import type { ForwardedCall } from './fault-proxy.js';

/**
 * Record writes the CRM sandboxes accepted (2xx), in order, from the calls a fault proxy forwarded:
 * HubSpot `POST …/batch/update|upsert`, Salesforce `PATCH …/composite/sobjects[/Object/KeyField]`.
 */
export interface AcceptedWrite {
  /** `type|id` (or `type|keyField=key` for upserts by external key). */
  readonly target: string;
  /** The written fields as canonical JSON (sorted keys). */
  readonly fields: string;
}

const HS_WRITE = /^\/crm\/objects\/2026-03\/([^/]+)\/batch\/(update|upsert)$/;
const SF_WRITE = /\/composite\/sobjects(?:\/([^/]+)\/([^/]+))?$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const canonical = (o: Json): string =>
  JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))));

function rows(body: string, key: 'inputs' | 'records'): Json[] {
  try {
    const parsed: unknown = JSON.parse(body);
    const list = isObject(parsed) ? parsed[key] : undefined;
    return Array.isArray(list) ? list.filter(isObject) : [];
  } catch {
    return [];
  }
}

export function acceptedWrites(calls: readonly ForwardedCall[]): AcceptedWrite[] {
  const out: AcceptedWrite[] = [];
  for (const c of calls) {
    if (c.status < 200 || c.status >= 300) continue;
    const hs = c.method === 'POST' ? HS_WRITE.exec(c.path) : null;
    if (hs !== null) {
      for (const r of rows(c.body, 'inputs')) {
        const props = isObject(r['properties']) ? r['properties'] : {};
        const idProperty = typeof r['idProperty'] === 'string' ? `${r['idProperty']}=` : '';
        out.push({ target: `${hs[1] ?? ''}|${idProperty}${String(r['id'])}`, fields: canonical(props) });
      }
      continue;
    }
    const sf = c.method === 'PATCH' ? SF_WRITE.exec(c.path) : null;
    if (sf === null) continue;
    for (const r of rows(c.body, 'records')) {
      const { attributes, ...fields } = r;
      const type = isObject(attributes) ? String(attributes['type']) : '?';
      const keyField = sf[2];
      const id = keyField === undefined ? String(fields['Id']) : `${keyField}=${String(fields[keyField])}`;
      out.push({ target: `${type}|${id}`, fields: canonical(fields) });
    }
  }
  return out;
}

/** Writes that repeated the previous accepted write of the same record with identical values. */
export function doubleWrites(writes: readonly AcceptedWrite[]): AcceptedWrite[] {
  const last = new Map<string, string>();
  const repeated: AcceptedWrite[] = [];
  for (const w of writes) {
    if (last.get(w.target) === w.fields) repeated.push(w);
    last.set(w.target, w.fields);
  }
  return repeated;
}

/** Most calls the sandbox answered inside any rolling window of `windowMs`. */
export function peakInWindow(calls: readonly ForwardedCall[], windowMs: number): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}
