import type { Provider } from '../src/domain/entities.js';

/** What a field path is read from: the provider record and, inside `each`, the current list element. */
export interface ReadScope {
  readonly provider: Provider;
  readonly record: Readonly<Record<string, unknown>>;
  readonly item?: unknown;
}

interface Segment {
  readonly name: string;
  readonly filter: { readonly key: string; readonly value: string } | null;
}

const SEGMENT = /^([^[\]]+)(?:\[([^=\]]+)=([^\]]*)\])?$/;

/** Splits `a.b[type=partner].id` into segments; null when the path is malformed. */
export function parsePath(path: string): Segment[] | null {
  const segments: Segment[] = [];
  for (const part of path.split('.')) {
    const m = SEGMENT.exec(part);
    if (m === null) return null;
    const [, name = '', key, value] = m;
    segments.push({ name, filter: key === undefined ? null : { key, value: value ?? '' } });
  }
  return segments;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function step(value: unknown, segment: Segment): unknown {
  if (Array.isArray(value)) return value.flatMap((v) => asList(step(v, segment)));
  if (!isRecord(value)) return undefined;
  const next = value[segment.name];
  if (segment.filter === null) return next;
  const { key, value: wanted } = segment.filter;
  return asList(next).filter((el) => {
    if (!isRecord(el)) return false;
    const v = el[key];
    return (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && String(v) === wanted;
  });
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Empty strings and missing values are both "no value" in a CRM. */
function clean(value: unknown): unknown {
  if (value === undefined || value === '') return null;
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== null && v !== undefined && v !== '');
    return items.length === 0 ? null : items;
  }
  return value;
}

/**
 * Reads a field path. HubSpot records keep their values under `properties`, so a bare HubSpot name
 * is looked up there first (`email` → `properties.email`), then on the record (`id`, `createdAt`).
 * `$item.x` reads the current `each` element. A segment `name[key=value]` keeps matching list elements.
 */
export function readField(scope: ReadScope, path: string): unknown {
  const segments = parsePath(path);
  if (segments === null || segments[0] === undefined) return null;
  let root: unknown = scope.record;
  let rest = segments;
  if (segments[0].name === '$item') {
    root = scope.item;
    rest = segments.slice(1);
  } else if (scope.provider === 'hubspot' && segments.length === 1 && segments[0].filter === null) {
    const props = scope.record.properties;
    if (isRecord(props) && Object.hasOwn(props, path)) return clean(props[path]);
  }
  let value = root;
  for (const segment of rest) value = step(value, segment);
  return clean(value);
}

/** The record's own id (Salesforce `Id`, HubSpot `id`, or the mapping's `idField`). */
export function recordId(scope: ReadScope, idField: string | undefined): string | null {
  const value = readField(scope, idField ?? (scope.provider === 'salesforce' ? 'Id' : 'id'));
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}
