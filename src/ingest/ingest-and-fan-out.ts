import type { ProviderRecord } from '../../connectors/port.js';
import type { Mapping } from '../../mappings/schema.js';
import type { Logger } from '../core/logger.js';
import { fanOut } from './fan-out.js';
import { ingestRecords, type IngestResult } from './ingest-records.js';
import type { JobDeps } from '../queue/pipeline-deps.js';

/**
 * The one ingest path webhooks and syncs share: map fresh records (and drop gone ones) into the mirror
 * and relations, then schedule the decision jobs for what really changed, then settle the mirror's
 * outbox. A crash before the settle leaves the changes pending: the next apply of those records (the
 * inbox entry or sync page is only acknowledged after this returns) reports them again.
 */
export async function ingestAndFanOut(
  deps: JobDeps,
  options: {
    readonly connectionId: string;
    readonly objectType: string;
    readonly records: readonly ProviderRecord[];
    readonly goneIds: readonly string[];
    readonly mapping: Mapping;
    readonly log: Logger;
  },
): Promise<IngestResult> {
  const result = await ingestRecords({ ...options, mirror: deps.mirror, relations: deps.relations });
  await fanOut(deps.scheduler, options.connectionId, result.changes, deps);
  await deps.mirror.settle(options.connectionId, result.receipts);
  return result;
}
