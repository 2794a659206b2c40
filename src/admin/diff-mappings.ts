import type { Mapping } from '../../mappings/index.js';

/** What changed between two mappings, as mapping paths (`objects.lead`, `objects.lead.fields.email`). */
export interface MappingDiff {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
}

type Json = Readonly<Record<string, unknown>>;

/** JSON with sorted keys, so key order in the source text is not a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

interface Acc {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Compares two keyed collections; `inner` says which sub-collection of an entry to compare key by key. */
function compareKeyed(acc: Acc, base: string, before: Json, after: Json, inner?: string): void {
  for (const key of Object.keys(after)) if (!Object.hasOwn(before, key)) acc.added.push(`${base}.${key}`);
  for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) acc.removed.push(`${base}.${key}`);
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) continue;
    const b = asRecord(before[key]);
    const a = asRecord(after[key]);
    if (inner === undefined) {
      if (canonical(b) !== canonical(a)) acc.changed.push(`${base}.${key}`);
      continue;
    }
    const props = new Set([...Object.keys(b), ...Object.keys(a)]);
    props.delete(inner);
    for (const p of props) if (canonical(b[p]) !== canonical(a[p])) acc.changed.push(`${base}.${key}.${p}`);
    compareKeyed(acc, `${base}.${key}.${inner}`, asRecord(b[inner]), asRecord(a[inner]));
  }
}

/** Pure: objects, write-back targets and their fields added, removed or changed; other top-level keys changed. */
export function diffMappings(before: Mapping | null, after: Mapping): MappingDiff {
  const acc: Acc = { added: [], removed: [], changed: [] };
  const b = asRecord(before ?? {});
  const a = asRecord(after);
  const nested = new Set(['objects', 'writeBack']);
  const tops = new Set([...Object.keys(b), ...Object.keys(a)]);
  for (const key of tops)
    if (!nested.has(key) && canonical(b[key]) !== canonical(a[key])) acc.changed.push(key);
  compareKeyed(acc, 'objects', asRecord(b['objects']), asRecord(a['objects']), 'fields');
  compareKeyed(acc, 'writeBack', asRecord(b['writeBack']), asRecord(a['writeBack']), 'fields');
  return acc;
}

/** One line for the audit log: `+1 −0 ~2: +objects.foo, ~objects.lead.fields.email, …`. */
export function summarizeDiff(diff: MappingDiff, maxItems = 8): string {
  const { added, removed, changed } = diff;
  if (added.length + removed.length + changed.length === 0) return 'no changes';
  const items = [
    ...added.map((p) => `+${p}`),
    ...removed.map((p) => `-${p}`),
    ...changed.map((p) => `~${p}`),
  ];
  const shown = items.slice(0, maxItems).join(', ');
  const more = items.length > maxItems ? `, … ${items.length - maxItems} more` : '';
  return `+${added.length} -${removed.length} ~${changed.length}: ${shown}${more}`;
}
