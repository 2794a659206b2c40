import type { Fields, FieldValue } from '../store.js';
import type { SfRecordError } from './errors.js';
import { SF_ID_PATTERN, to18 } from './ids.js';
import { sfDateTime, type SfOrg } from './org.js';
import { findField, requiredOnCreate, type SfField, type SfObject } from './schema.js';
import { text } from '../text.js';
import { setupRowErrors } from './permissions.js';

export type Validated =
  { readonly ok: true; readonly fields: Fields } | { readonly ok: false; readonly errors: SfRecordError[] };

const err = (statusCode: string, message: string, fields: readonly string[] = []): SfRecordError => ({
  statusCode,
  message,
  fields,
});
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Converts one JSON (or Bulk CSV string) value to the stored form, or explains why not. */
function convert(f: SfField, raw: unknown): { value: FieldValue } | { error: SfRecordError } {
  if (raw === null || raw === '#N/A') return { value: null };
  const bad = (): { error: SfRecordError } => ({
    error: err('INVALID_TYPE_ON_FIELD_IN_RECORD', `${f.label}: value not of required type: ${text(raw)}`, [
      f.name,
    ]),
  });
  switch (f.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
      return bad();
    case 'double':
    case 'int':
    case 'currency':
    case 'percent': {
      const n =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && raw.trim() !== ''
            ? Number(raw)
            : Number.NaN;
      if (!Number.isFinite(n) || (f.type === 'int' && !Number.isInteger(n))) return bad();
      return { value: n };
    }
    case 'date':
      return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? { value: raw } : bad();
    case 'datetime': {
      const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
      return Number.isNaN(ms) ? bad() : { value: sfDateTime(ms) };
    }
    case 'reference':
    case 'id':
      if (typeof raw !== 'string' || !SF_ID_PATTERN.test(raw)) {
        return {
          error: err('MALFORMED_ID', `${f.label}: id value of incorrect type: ${text(raw)}`, [f.name]),
        };
      }
      return { value: to18(raw) };
    default: {
      if (typeof raw !== 'string' && typeof raw !== 'number') return bad();
      const s = String(raw);
      if (s === '') return { value: null };
      if (s.length > f.length)
        return {
          error: err(
            'STRING_TOO_LONG',
            `${f.label}: data value too large: ${s.slice(0, 40)} (max length=${f.length})`,
            [f.name],
          ),
        };
      // https://help.salesforce.com/s/articleView?id=platform.fields_creating_restricted_picklists.htm
      if (f.type === 'picklist' && f.restricted === true && !f.picklistValues.includes(s))
        return {
          error: err(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${f.label}: bad value for restricted picklist field: ${s}`,
            [f.name],
          ),
        };
      if (f.type === 'email' && !EMAIL.test(s))
        return { error: err('INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${s}`, [f.name]) };
      return { value: s };
    }
  }
}

/** Validates a create/update body against describe metadata and the configured required-field rules. */
export function validateWrite(
  org: SfOrg,
  obj: SfObject,
  input: Readonly<Record<string, unknown>>,
  mode: 'create' | 'update',
  selfId?: string,
): Validated {
  const errors: SfRecordError[] = [];
  const fields: Fields = {};
  const readOnly: string[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const f = findField(obj, key);
    if (!f) {
      errors.push(err('INVALID_FIELD', `No such column '${key}' on sobject of type ${obj.name}`, [key]));
      continue;
    }
    if (mode === 'create' ? !f.createable : !f.updateable) {
      readOnly.push(f.name);
      continue;
    }
    const c = convert(f, raw);
    if ('error' in c) errors.push(c.error);
    else fields[f.name] = c.value;
  }
  if (readOnly.length > 0) {
    errors.push(
      err(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to ${mode} fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        readOnly,
      ),
    );
  }
  // Structural errors (unknown/read-only fields, bad values) are reported before required/unique rules run.
  if (errors.length > 0) return { ok: false, errors };
  const extra = org.requiredFields.get(obj.name.toLowerCase()) ?? new Set<string>();
  const required = [...requiredOnCreate(obj), ...obj.fields.filter((f) => extra.has(f.name.toLowerCase()))];
  const missing = [...new Set(required.map((f) => f.name))].filter((name) =>
    mode === 'create'
      ? fields[name] === undefined || fields[name] === null
      : name in fields && fields[name] === null,
  );
  if (missing.length > 0)
    errors.push(
      err('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing),
    );
  for (const f of obj.fields.filter(
    (x) => x.unique && fields[x.name] !== undefined && fields[x.name] !== null,
  )) {
    const v = String(fields[f.name]).toLowerCase();
    const clash = org.store
      .list(obj.name)
      .find((r) => r.id !== selfId && String(r.fields[f.name] ?? '').toLowerCase() === v);
    if (clash)
      errors.push(
        err(
          'DUPLICATE_VALUE',
          `duplicate value found: ${f.name} duplicates value on record with id: ${clash.id}`,
          [],
        ),
      );
  }
  const saved = selfId === undefined ? {} : (org.store.getAny(obj.name, selfId)?.fields ?? {});
  const after = { ...saved, ...fields };
  errors.push(...setupRowErrors((n) => org.object(n), org.store, obj, after, selfId));
  for (const rule of org.validationRules)
    if (rule.object.toLowerCase() === obj.name.toLowerCase() && errors.length === 0 && rule.violated(after))
      errors.push(
        err('FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, rule.field === undefined ? [] : [rule.field]),
      );
  return errors.length > 0 ? { ok: false, errors } : { ok: true, fields };
}

/** Values Salesforce derives on save (defaults, Opportunity IsClosed/IsWon). */
export function derivedFields(
  obj: SfObject,
  fields: Fields,
  mode: 'create' | 'update',
  ownerId: string,
): Fields {
  const out: Fields = { ...fields };
  if (mode === 'create') {
    if (findField(obj, 'OwnerId') && out['OwnerId'] === undefined) out['OwnerId'] = ownerId;
    if (obj.name === 'Lead' && out['Status'] === undefined) out['Status'] = 'Open - Not Contacted';
  }
  const stage = out['StageName'];
  if (obj.name === 'Opportunity' && typeof stage === 'string') {
    out['IsClosed'] = stage.startsWith('Closed');
    out['IsWon'] = stage === 'Closed Won';
  }
  return out;
}
