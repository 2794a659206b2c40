import type { FieldValue } from '../store.js';
import { sfError } from './errors.js';
import type { SandboxHttpError } from '../http-error.js';
import type { SfField } from './schema.js';
import { parseSoql, SoqlSyntaxError, type Condition, type Literal, type SoqlQuery } from './soql-parse.js';

/** Something SOQL can read: a real sObject table or a Tooling API view. */
export interface QueryTable {
  readonly name: string;
  readonly fields: readonly SfField[];
  rows(includeDeleted: boolean): readonly QueryRow[];
}

export interface QueryRow {
  readonly id: string;
  value(f: SfField): FieldValue;
}

export interface QueryResult {
  readonly table: QueryTable;
  readonly fields: readonly SfField[];
  readonly rows: readonly QueryRow[];
  readonly count: boolean;
}

const malformed = (message: string): SandboxHttpError => sfError(400, 'MALFORMED_QUERY', message);

function comparable(f: SfField, v: FieldValue): number | string | boolean | null {
  if (v === null) return null;
  if (f.type === 'datetime' && typeof v === 'string')
    return Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (typeof v === 'string') return v.toLowerCase();
  return v;
}

function literalValue(f: SfField, lit: Literal): number | string | boolean | null {
  const typeError = (): never => {
    throw sfError(
      400,
      'INVALID_FIELD',
      `value of filter criterion for field '${f.name}' must be of type ${f.type} and should not be enclosed in quotes`,
    );
  };
  switch (lit.kind) {
    case 'null':
      return null;
    case 'datetime':
      return f.type === 'datetime' ? lit.value : typeError();
    case 'date':
      return f.type === 'date' ? lit.value : typeError();
    case 'number':
      return ['double', 'int', 'currency', 'percent'].includes(f.type) ? lit.value : typeError();
    case 'boolean':
      return f.type === 'boolean' ? lit.value : typeError();
    case 'string':
      return ['datetime', 'date', 'boolean', 'double', 'int', 'currency', 'percent'].includes(f.type)
        ? typeError()
        : lit.value.toLowerCase();
  }
}

function likeRegex(pattern: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${body}$`, 'is');
}

function compile(cond: Condition, field: (name: string) => SfField): (row: QueryRow) => boolean {
  switch (cond.kind) {
    case 'and': {
      const [l, r] = [compile(cond.left, field), compile(cond.right, field)];
      return (row) => l(row) && r(row);
    }
    case 'or': {
      const [l, r] = [compile(cond.left, field), compile(cond.right, field)];
      return (row) => l(row) || r(row);
    }
    case 'not': {
      const inner = compile(cond.inner, field);
      return (row) => !inner(row);
    }
    case 'in': {
      const f = field(cond.field);
      const values = cond.values.map((l) => literalValue(f, l));
      return (row) => values.includes(comparable(f, row.value(f))) !== cond.negated;
    }
    case 'compare': {
      const f = field(cond.field);
      const want = literalValue(f, cond.value);
      if (cond.op === 'LIKE') {
        const re = likeRegex(String(want));
        return (row) => re.test(String(row.value(f) ?? ''));
      }
      return (row) => {
        const got = comparable(f, row.value(f));
        if (cond.op === '=') return got === want;
        if (cond.op === '!=') return got !== want;
        if (got === null || want === null) return false;
        if (cond.op === '<') return got < want;
        if (cond.op === '<=') return got <= want;
        if (cond.op === '>') return got > want;
        return got >= want;
      };
    }
  }
}

function sortRows(q: SoqlQuery, rows: QueryRow[], field: (name: string) => SfField): QueryRow[] {
  const keys = q.orderBy.map((o) => ({ ...o, f: field(o.field) }));
  if (keys.length === 0) return rows;
  return rows.sort((a, b) => {
    for (const k of keys) {
      const [x, y] = [comparable(k.f, a.value(k.f)), comparable(k.f, b.value(k.f))];
      if (x === y) continue;
      if (x === null || y === null) return (x === null) === k.nullsLast ? 1 : -1;
      return (x < y ? -1 : 1) * (k.desc ? -1 : 1);
    }
    return 0;
  });
}

/** Parses and runs a query; throws vendor-shaped 400s (MALFORMED_QUERY, INVALID_TYPE, INVALID_FIELD). */
export function runSoql(
  soql: string,
  resolve: (name: string) => QueryTable | undefined,
  includeDeleted: boolean,
): QueryResult {
  let q: SoqlQuery;
  try {
    q = parseSoql(soql);
  } catch (err) {
    throw malformed(err instanceof SoqlSyntaxError ? err.message : 'malformed query');
  }
  const table = resolve(q.from);
  if (!table) {
    throw sfError(
      400,
      'INVALID_TYPE',
      `sObject type '${q.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  const field = (name: string): SfField => {
    const f = table.fields.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!f)
      throw sfError(
        400,
        'INVALID_FIELD',
        `No such column '${name}' on entity '${table.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    return f;
  };
  const fields = q.fields.map(field);
  const pred = q.where ? compile(q.where, field) : () => true;
  let rows = sortRows(q, table.rows(includeDeleted).filter(pred), field);
  rows = rows.slice(q.offset, q.limit === null ? undefined : q.offset + q.limit);
  return { table, fields, rows, count: q.count };
}
