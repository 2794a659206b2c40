import type { CrmConnector, ProviderRecord } from '../../connectors/port.js';
import {
  type DecisionFieldsByEntity,
  type Mapping,
  type MappedEntity,
  type MappingIssue,
  mapRecord,
  planWriteBack,
  type WriteBackPlan,
} from '../../mappings/index.js';
import { toMappingRecord } from '../ingest/ingest-records.js';
import { SAMPLE_DECISIONS } from './sample-decisions.js';

export interface WriteBackPreview {
  /** Key of the write-back target under `writeBack`. */
  readonly target: string;
  readonly entity: keyof DecisionFieldsByEntity;
  readonly decision: Readonly<Record<string, unknown>>;
  readonly plan: WriteBackPlan | null;
  readonly issues: readonly MappingIssue[];
}

export interface RecordPreview {
  /** The record in the vendor's REST shape, as the mapping reads it. */
  readonly record: Readonly<Record<string, unknown>>;
  readonly entities: readonly MappedEntity[];
  readonly issues: readonly MappingIssue[];
  readonly writeBack: readonly WriteBackPreview[];
}

/** Every write-back target of the record's own object, planned with a sample (or the given) decision. */
export function previewWriteBack(
  mapping: Mapping,
  objectType: string,
  recordId: string,
  decisions: Partial<DecisionFieldsByEntity> = {},
): WriteBackPreview[] {
  const out: WriteBackPreview[] = [];
  for (const [target, spec] of Object.entries(mapping.writeBack ?? {})) {
    if (spec.object !== objectType) continue;
    const entity = spec.entity;
    const decision = decisions[entity] ?? SAMPLE_DECISIONS[entity];
    const result = planWriteBack(mapping, entity, decision, { objectType, id: recordId });
    out.push(
      result.ok
        ? { target, entity, decision, plan: result.plan, issues: [] }
        : { target, entity, decision, plan: null, issues: result.issues },
    );
  }
  return out;
}

/** Pure: maps one fetched record with `mapping` and plans its write-back. Writes nothing. */
export function previewRecord(
  mapping: Mapping,
  connectionId: string,
  record: ProviderRecord,
  decisions?: Partial<DecisionFieldsByEntity>,
): RecordPreview {
  const shaped = toMappingRecord(mapping, record);
  const mapped = mapRecord(mapping, record.objectType, shaped, { connection: connectionId });
  return {
    record: shaped,
    entities: mapped.entities,
    issues: mapped.ok ? [] : mapped.issues,
    writeBack: previewWriteBack(mapping, record.objectType, record.id, decisions),
  };
}

/** Reads one record through the connector (one `readBatch` call); `null` when the CRM has no such record. */
export async function readOneRecord(
  connector: CrmConnector,
  objectType: string,
  id: string,
  signal: AbortSignal,
): Promise<ProviderRecord | null> {
  const [record] = await connector.readBatch(objectType, [id], { signal });
  return record ?? null;
}
