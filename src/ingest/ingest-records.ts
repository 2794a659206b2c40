import type { ProviderRecord } from '../../connectors/port.js';
import { mapRecord } from '../../mappings/engine.js';
import type { Mapping } from '../../mappings/schema.js';
import type { CanonicalEntity } from '../domain/entities.js';
import type { Logger } from '../core/logger.js';
import type { AppliedRecord, Mirror, MirrorChange } from '../store/mirror.js';
import type { MirrorReceipt } from '../store/mirror-outbox.js';
import type { RelationIndex } from '../store/relation-index.js';

export interface IngestResult {
  readonly records: number;
  readonly changes: MirrorChange[];
  /** Settle these with the mirror once the decision jobs for `changes` are enqueued. */
  readonly receipts: MirrorReceipt[];
  /** Records the mapping could not map; kept out of the mirror, reported with the mapping path. */
  readonly mappingFailures: { objectType: string; id: string; path: string; message: string }[];
}

/**
 * Maps fresh CRM records and stores what they map to; records listed in `goneIds` (deleted, merged
 * away, privacy-deleted) take their entities out of the mirror. Returns only real changes.
 */
export async function ingestRecords(options: {
  readonly connectionId: string;
  readonly objectType: string;
  readonly records: readonly ProviderRecord[];
  readonly goneIds: readonly string[];
  readonly mapping: Mapping;
  readonly mirror: Mirror;
  /** Kept in step with the mirror. */
  readonly relations: Pick<RelationIndex, 'apply'>;
  readonly log: Logger;
}): Promise<IngestResult> {
  const { connectionId, objectType, mapping, mirror } = options;
  const changes: MirrorChange[] = [];
  const receipts: MirrorReceipt[] = [];
  const relate = async (applied: AppliedRecord): Promise<void> => {
    await options.relations.apply(connectionId, applied.changes);
    changes.push(...applied.changes);
    if (applied.receipt !== null) receipts.push(applied.receipt);
  };
  const mappingFailures: IngestResult['mappingFailures'] = [];
  for (const record of options.records) {
    let entities: CanonicalEntity[] = [];
    if (!record.deleted) {
      const result = mapRecord(mapping, objectType, toMappingRecord(mapping, record), {
        connection: connectionId,
      });
      if (!result.ok) {
        for (const issue of result.issues)
          mappingFailures.push({ objectType, id: record.id, path: issue.path, message: issue.message });
        options.log.warn(
          {
            objectType,
            id: record.id,
            issues: result.issues.length,
            path: result.issues[0]?.path,
            problem: result.issues[0]?.message,
          },
          'record did not map; mirror unchanged',
        );
        continue;
      }
      entities = result.entities.map((e) => e.entity);
    }
    await relate(await mirror.applyRecord(connectionId, objectType, record.id, entities));
  }
  for (const id of options.goneIds) await relate(await mirror.applyRecord(connectionId, objectType, id, []));
  return { records: options.records.length + options.goneIds.length, changes, receipts, mappingFailures };
}

/** The record in the vendor's own REST shape, which is what mappings are written against. */
export function toMappingRecord(mapping: Mapping, record: ProviderRecord): Record<string, unknown> {
  if (mapping.provider === 'salesforce') return { ...record.fields, Id: record.id };
  // SimplePublicObject carries createdAt beside the properties; the connector keeps it as `createdate`.
  const created = record.fields['createdate'];
  return {
    id: record.id,
    properties: record.fields,
    createdAt: typeof created === 'string' && created !== '' ? created : record.modifiedAt,
    updatedAt: record.modifiedAt,
    archived: record.deleted,
    ...(record.associations === undefined ? {} : { associations: record.associations }),
  };
}
