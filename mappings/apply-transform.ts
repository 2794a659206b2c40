import { toIsoDate, toIsoDateTime } from './date-time.js';
import { domainFromEmail, domainFromWebsite, normaliseDomain, normaliseEmail, toE164 } from './normalise.js';
import type { TransformObject } from './transform-spec.js';

/** Settings a transform may need; all come from the mapping or the call context, never from the env. */
export interface TransformEnv {
  readonly timeZone: string;
  readonly phoneCountry: string | undefined;
  readonly currency: string | undefined;
  /** Reads a source field of the record being mapped (for `phone.countryFrom`). */
  readonly read: (path: string) => unknown;
}

export type TransformOutcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

const ok = (value: unknown): TransformOutcome => ({ ok: true, value });
const fail = (message: string): TransformOutcome => ({ ok: false, message });

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

const TRUE = ['true', '1', 'yes', 'y', 'on', 'checked'];
const FALSE = ['false', '0', 'no', 'n', 'off', 'unchecked'];

function toNumber(value: unknown, decimalSeparator: '.' | ','): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const thousands = decimalSeparator === '.' ? /[,\s_']/g : /[.\s_']/g;
  const s = value.trim().replace(thousands, '').replace(decimalSeparator, '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  return Number(s);
}

function phoneCountry(t: Extract<TransformObject, { fn: 'phone' }>, env: TransformEnv): string | undefined {
  const paths =
    t.countryFrom === undefined ? [] : Array.isArray(t.countryFrom) ? t.countryFrom : [t.countryFrom];
  for (const path of paths) {
    const v = env.read(path);
    if (typeof v === 'string' && /^[A-Za-z]{2}$/.test(v.trim())) return v.trim().toUpperCase();
  }
  return t.defaultCountry ?? env.phoneCountry;
}

/** A transform of one value; lists are transformed element by element. */
function scalar(t: TransformObject, value: unknown, env: TransformEnv): TransformOutcome {
  const s =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : null;
  const need = (result: unknown, what: string): TransformOutcome =>
    result === null ? fail(`cannot read ${show(value)} as ${what}`) : ok(result);
  switch (t.fn) {
    case 'trim':
      return s === null ? fail(`cannot trim ${show(value)}`) : ok(s.trim() === '' ? null : s.trim());
    case 'lower':
      return need(s?.toLowerCase() ?? null, 'text');
    case 'upper':
      return need(s?.toUpperCase() ?? null, 'text');
    case 'string':
      return need(s, 'text');
    case 'number':
      return need(toNumber(value, t.decimalSeparator ?? '.'), 'a number');
    case 'boolean': {
      if (typeof value === 'boolean') return ok(value);
      const k = (s ?? '').trim().toLowerCase();
      if ([...TRUE, ...(t.true ?? []).map((x) => x.toLowerCase())].includes(k)) return ok(true);
      if ([...FALSE, ...(t.false ?? []).map((x) => x.toLowerCase())].includes(k)) return ok(false);
      return fail(`cannot read ${show(value)} as a boolean`);
    }
    case 'currency': {
      const code = s?.trim().toUpperCase() ?? '';
      return /^[A-Z]{3}$/.test(code) ? ok(code) : fail(`${show(value)} is not an ISO-4217 currency code`);
    }
    case 'date':
      return need(toIsoDate(value, t.timeZone ?? env.timeZone), 'a date');
    case 'datetime':
      return need(toIsoDateTime(value, t.timeZone ?? env.timeZone), 'a datetime');
    case 'email':
      return need(s === null ? null : normaliseEmail(s), 'an e-mail address');
    case 'domain':
      return need(s === null ? null : normaliseDomain(s), 'a domain');
    case 'domainFromEmail':
      return need(s === null ? null : domainFromEmail(s), 'an e-mail address');
    case 'domainFromWebsite':
      return need(s === null ? null : domainFromWebsite(s), 'a website');
    case 'phone':
      return need(s === null ? null : toE164(s, phoneCountry(t, env)), 'a phone number');
    case 'split':
    case 'join':
    case 'concat':
    case 'first':
      return ok(value);
  }
}

/** Applies one transform. Null passes through, except `currency`, which falls back to the default currency. */
export function applyTransform(t: TransformObject, value: unknown, env: TransformEnv): TransformOutcome {
  if (t.fn === 'currency' && value === null) return ok(env.currency ?? null);
  if (value === null) return ok(null);
  const list = Array.isArray(value) ? (value as unknown[]) : null;
  switch (t.fn) {
    case 'split': {
      const sep = t.separator ?? ';';
      const parts = (list ?? [value]).flatMap((v) => (typeof v === 'string' ? v.split(sep) : [v]));
      const kept = parts
        .map((p) => (typeof p === 'string' ? p.trim() : p))
        .filter((p) => p !== '' && p !== null);
      return ok(kept.length === 0 ? null : kept);
    }
    case 'join':
    case 'concat': {
      const sep = t.separator ?? (t.fn === 'join' ? ', ' : ' ');
      const parts = (list ?? [value])
        .filter((v) => v !== null && v !== '')
        .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      return ok(parts.length === 0 ? null : parts.join(sep));
    }
    case 'first':
      return ok((list ?? [value]).find((v) => v !== null) ?? null);
    default:
      break;
  }
  if (list === null) return scalar(t, value, env);
  const out: unknown[] = [];
  for (const v of list) {
    if (v === null) continue;
    const r = scalar(t, v, env);
    if (!r.ok) return r;
    if (r.value !== null) out.push(r.value);
  }
  return ok(out.length === 0 ? null : out);
}
