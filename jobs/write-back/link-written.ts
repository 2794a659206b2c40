import type { CrmConnector, LinkResult, WriteResult } from '../../connectors/port.js';
import { ASSOCIATION_FIELD_PREFIX } from '../../mappings/write-back-spec.js';
import type { splitAssociations } from './association-writes.js';

/** A link of one written record that did not succeed, with the `@assoc:` field that asked for it. */
export interface FailedLink {
  readonly field: string;
  readonly toType: string;
  readonly toId: string;
  readonly result: Exclude<LinkResult, { status: 'ok' }>;
}

/**
 * Associates the records written successfully with the records their `@assoc:` fields name. Returns
 * the links that failed, by the index of their record; the others are done.
 */
export async function linkWritten(
  connector: CrmConnector,
  objectType: string,
  results: readonly WriteResult[],
  split: readonly ReturnType<typeof splitAssociations>[],
  signal: AbortSignal,
): Promise<Map<number, FailedLink[]>> {
  const failed = new Map<number, FailedLink[]>();
  if (connector.linkRecords === undefined) return failed;
  const byType = new Map<string, { fromId: string; toId: string; record: number }[]>();
  for (const r of results) {
    if (r.status !== 'ok' || r.id === '') continue;
    for (const a of split[r.index]?.associations ?? [])
      byType.set(a.toType, [
        ...(byType.get(a.toType) ?? []),
        { fromId: r.id, toId: a.toId, record: r.index },
      ]);
  }
  for (const [toType, links] of byType) {
    const outcomes = await connector.linkRecords(objectType, toType, links, { signal });
    for (const o of outcomes) {
      const link = links[o.index];
      if (o.status === 'ok' || link === undefined) continue;
      const entry: FailedLink = {
        field: `${ASSOCIATION_FIELD_PREFIX}${toType}`,
        toType,
        toId: link.toId,
        result: o,
      };
      failed.set(link.record, [...(failed.get(link.record) ?? []), entry]);
    }
  }
  return failed;
}
