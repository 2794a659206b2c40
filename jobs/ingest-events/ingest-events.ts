import { spooledWebhookParser } from '../../connectors/webhook-receivers.js';
import { drainSpool } from './drain-spool.js';
import { defineJob } from '../../src/queue/job-definition.js';
import { ingestAndFanOut } from '../../src/ingest/ingest-and-fan-out.js';
import { IngestEventsData, JOBS } from '../../src/queue/job-names.js';
import { requireConnection, type JobDeps } from '../../src/queue/pipeline-deps.js';
import { mappingSources } from '../../src/ingest/mapping-sources.js';
import type { InboxEntry } from '../../src/store/change-inbox.js';

const PEEK = 1_000;
const MAX_ROUNDS = 20;

/**
 * Drains a connection's inbox of changed records: re-reads them from the CRM in batches (webhooks are
 * hints; the CRM's current state is the truth), maps them, updates the mirror and schedules the
 * decision jobs for what really changed. Records that are gone (deleted, merged away, privacy-deleted)
 * leave the mirror. Entries are acknowledged only after processing, so a crash loses nothing.
 */
export const ingestEvents = defineJob({
  ...JOBS.ingestEvents,
  schema: IngestEventsData,
  async run({ connection }, deps: JobDeps, ctx) {
    const runtime = requireConnection(deps, connection);
    const parse = spooledWebhookParser(runtime.webhook.provider);
    const drained =
      parse === undefined
        ? null
        : await drainSpool({
            spool: deps.spool,
            inbox: deps.inbox,
            connection: runtime.webhook,
            parse,
            log: ctx.log,
            metrics: deps.metrics,
          });
    const mapping = await runtime.mapping();
    const sources = mappingSources(mapping);
    let records = 0;
    let gone = 0;
    let changes = 0;
    let skipped = 0;
    let mappingFailures = 0;
    // Webhooks name custom objects by objectTypeId (`2-123`); mappings by name (`ps_deal_registration`).
    const names = new Map<string, Promise<string>>();
    const mappingType = (t: string): Promise<string> => {
      const { connector } = runtime;
      if (sources.has(t) || connector.mappingType === undefined) return Promise.resolve(t);
      const known = names.get(t) ?? connector.mappingType(t, { signal: ctx.signal });
      names.set(t, known);
      return known;
    };
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const entries = await deps.inbox.peek(connection, PEEK);
      if (entries.length === 0) break;
      const byType = new Map<string, InboxEntry[]>();
      for (const e of entries) {
        const type = await mappingType(e.objectType);
        byType.set(type, [...(byType.get(type) ?? []), e]);
      }
      for (const [objectType, list] of byType) {
        if (!sources.has(objectType)) {
          skipped += list.length;
          continue;
        }
        const ids = [...new Set(list.map((e) => e.objectId))];
        const fresh = await runtime.connector.readBatch(objectType, ids, { signal: ctx.signal });
        const found = new Set(fresh.map((r) => r.id));
        const goneIds = ids.filter((id) => !found.has(id));
        const result = await ingestAndFanOut(deps, {
          connectionId: connection,
          objectType,
          records: fresh,
          goneIds,
          mapping,
          log: ctx.log,
        });
        records += fresh.length;
        gone += goneIds.length;
        changes += result.changes.length;
        mappingFailures += result.mappingFailures.length;
      }
      await deps.inbox.ack(connection, entries);
    }
    // Work left (a burst beyond this run's budget, or spooled batches a crashed job never acknowledged):
    // schedule the next run instead of waiting for the next webhook.
    if ((await deps.inbox.size(connection)) > 0 || (await deps.spool.size(connection)) > 0) {
      await deps.scheduler.ingest(connection);
    }
    return { webhookEvents: drained?.events ?? 0, records, gone, changes, skipped, mappingFailures };
  },
});
