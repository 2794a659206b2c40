import { MappingError } from '../src/core/errors/index.js';
import type { MappingIssue } from './map-field.js';
import { type MapContext, type MappedEntity, mapObject } from './map-object.js';
import type { Mapping } from './schema.js';

export type { MapContext, MappedEntity, ObjectMapResult } from './map-object.js';
export type { MappingIssue, PendingReference } from './map-field.js';
export { mapObject } from './map-object.js';
export { planWriteBack } from './plan-write-back.js';
export type { WriteBackPlan, WriteBackPlanResult, WriteBackRecord } from './plan-write-back.js';

/**
 * Everything one record maps to: every object mapping whose `source` is `objectType` and whose `where`
 * matches contributes its entities (an Account can be both an `account` and a `partner`). Expected
 * failures are values: `ok: false` lists every issue by mapping path, with the entities that did map.
 */
export type MapResult =
  | { readonly ok: true; readonly entities: readonly MappedEntity[] }
  | {
      readonly ok: false;
      readonly issues: readonly MappingIssue[];
      readonly entities: readonly MappedEntity[];
    };

export function mapRecord(
  mapping: Mapping,
  objectType: string,
  record: Readonly<Record<string, unknown>>,
  ctx: MapContext,
): MapResult {
  const entities: MappedEntity[] = [];
  const issues: MappingIssue[] = [];
  for (const [key, om] of Object.entries(mapping.objects)) {
    if (om.source !== objectType) continue;
    const r = mapObject(mapping, key, record, ctx);
    if (r.ok) entities.push(...r.entities);
    else issues.push(...r.issues);
  }
  return issues.length > 0 ? { ok: false, issues, entities } : { ok: true, entities };
}

/** For boundaries (jobs, admin API): turns issues into one `MappingError` naming the first path. */
export function mappingErrorOf(issues: readonly MappingIssue[]): MappingError {
  const first = issues[0] ?? { path: '', message: 'mapping failed' };
  return new MappingError(`${first.path}: ${first.message}`, first.path, { issues });
}
