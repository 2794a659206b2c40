import { OBJECT_PREFIXES } from './api-versions.js';
import type { Express } from 'express';
import { z } from 'zod';
import { parseBody } from '../http-app.js';
import type { StoredRecord } from '../store.js';
import { invalidInput, typeOf, type HsContext } from './context.js';
import { hsError } from './errors.js';
import type { HsObjectType } from './schema.js';

// https://developers.hubspot.com/docs/api-reference/search/guide
const MAX_RESULTS = 10_000;
const Operator = z.enum([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);
const Filter = z.object({
  propertyName: z.string(),
  operator: Operator,
  value: z.unknown().optional(),
  highValue: z.unknown().optional(),
  values: z.array(z.unknown()).optional(),
});
const Sort = z.union([
  z.string(),
  z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).optional() }),
]);
const SearchBody = z.object({
  filterGroups: z
    .array(z.object({ filters: z.array(Filter).max(6) }))
    .max(5)
    .optional(),
  sorts: z.array(Sort).optional(),
  query: z.string().max(3000).optional(),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().min(0).max(200).optional(),
  after: z.union([z.string(), z.number()]).optional(),
});
type FilterT = z.infer<typeof Filter>;

function numeric(t: HsObjectType, prop: string): boolean {
  const p = t.properties.get(prop);
  return p?.type === 'number' || p?.type === 'date' || p?.type === 'datetime';
}

function toNum(v: unknown): number {
  const s = String(v);
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Date.parse(s);
}

function matches(t: HsObjectType, value: string | null, f: FilterT): boolean {
  const has = value !== null && value !== '';
  if (f.operator === 'HAS_PROPERTY') return has;
  if (f.operator === 'NOT_HAS_PROPERTY') return !has;
  if (f.operator === 'NEQ' || f.operator === 'NOT_IN' || f.operator === 'NOT_CONTAINS_TOKEN') {
    if (!has) return true;
  } else if (!has) return false;
  const v = value ?? '';
  const isNum = numeric(t, f.propertyName);
  const cmp = (x: unknown): number =>
    isNum ? toNum(v) - toNum(x) : v.toLowerCase().localeCompare(String(x).toLowerCase());
  const eq = (x: unknown): boolean =>
    isNum ? toNum(v) === toNum(x) : v.toLowerCase() === String(x).toLowerCase();
  switch (f.operator) {
    case 'EQ':
      return eq(f.value);
    case 'NEQ':
      return !eq(f.value);
    case 'LT':
      return cmp(f.value) < 0;
    case 'LTE':
      return cmp(f.value) <= 0;
    case 'GT':
      return cmp(f.value) > 0;
    case 'GTE':
      return cmp(f.value) >= 0;
    case 'BETWEEN':
      return cmp(f.value) >= 0 && cmp(f.highValue) <= 0;
    case 'IN':
      return (f.values ?? []).some(eq);
    case 'NOT_IN':
      return !(f.values ?? []).some(eq);
    case 'CONTAINS_TOKEN':
      return (
        new RegExp(
          `^${String(f.value)
            .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')}$`,
          'i',
        ).test(v) || v.toLowerCase().split(/\W+/).includes(String(f.value).toLowerCase())
      );
    case 'NOT_CONTAINS_TOKEN':
      return !v.toLowerCase().split(/\W+/).includes(String(f.value).toLowerCase());
  }
}

export function registerSearchRoutes(app: Express, ctx: HsContext): void {
  const { portal } = ctx;
  for (const prefix of OBJECT_PREFIXES)
    app.post(`${prefix}/:objectType/search`, (req, res) => {
      const t = typeOf(ctx, req);
      const b = parseBody(req, SearchBody, invalidInput);
      const groups = b.filterGroups ?? [];
      if (groups.reduce((n, g) => n + g.filters.length, 0) > 18)
        throw hsError(
          400,
          'VALIDATION_ERROR',
          'Too many filters: at most 18 filters are allowed across all filterGroups.',
        );
      for (const f of groups.flatMap((g) => g.filters)) {
        if (!t.properties.has(f.propertyName))
          throw hsError(
            400,
            'VALIDATION_ERROR',
            `There was a problem with the request. Property "${f.propertyName}" does not exist`,
          );
      }
      const after = Number(b.after ?? 0);
      const limit = b.limit ?? 10;
      if (!Number.isInteger(after) || after < 0)
        throw hsError(400, 'VALIDATION_ERROR', `Invalid after: ${String(b.after)}`);
      if (after >= MAX_RESULTS) {
        throw hsError(
          400,
          'VALIDATION_ERROR',
          `There was a problem with the request. Search results are limited to ${MAX_RESULTS} total results; paging past that is not allowed.`,
        );
      }
      // System timestamps and ids compare as epoch-ms / integer strings (what toNum yields for them anyway).
      const value = (r: StoredRecord, prop: string): string | null =>
        prop === 'hs_object_id'
          ? r.id
          : prop === t.lastModifiedProperty
            ? String(r.updatedAt)
            : prop === 'createdate'
              ? String(r.createdAt)
              : (portal.propertiesOf(t, r, [prop])[prop] ?? null);
      const q = b.query?.toLowerCase();
      let rows = portal.store
        .list(t.name)
        .filter(
          (r) =>
            (groups.length === 0 ||
              groups.some((g) => g.filters.every((f) => matches(t, value(r, f.propertyName), f)))) &&
            (!q || Object.values(r.fields).some((v) => v !== null && String(v).toLowerCase().includes(q))),
        );
      const sorts = (b.sorts ?? []).map((s) =>
        typeof s === 'string'
          ? { propertyName: s.replace(/^-/, ''), direction: s.startsWith('-') ? 'DESCENDING' : 'ASCENDING' }
          : s,
      );
      // Sort keys computed once per record (not per comparison): large portals stay fast.
      const keyed = rows.map((r) => ({
        r,
        id: Number(r.id),
        keys: sorts.map((s) => {
          const v = value(r, s.propertyName);
          return v === null ? null : numeric(t, s.propertyName) ? toNum(v) : v;
        }),
      }));
      keyed.sort((a, c) => {
        for (const [i, s] of sorts.entries()) {
          const [x, y] = [a.keys[i] ?? null, c.keys[i] ?? null];
          if (x === y) continue;
          const d =
            x === null
              ? -1
              : y === null
                ? 1
                : typeof x === 'number' && typeof y === 'number'
                  ? x - y
                  : String(x).localeCompare(String(y));
          if (d !== 0) return s.direction === 'DESCENDING' ? -d : d;
        }
        return a.id - c.id;
      });
      rows = keyed.map((k) => k.r);
      const page = rows.slice(after, Math.min(after + limit, MAX_RESULTS));
      const next = after + limit;
      res.json({
        total: rows.length,
        results: page.map((r) => portal.toJson(t, r, b.properties ?? t.defaultProperties)),
        ...(next < rows.length ? { paging: { next: { after: String(next) } } } : {}),
      });
    });
}
