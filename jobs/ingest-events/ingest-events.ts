import { spooledWebhookParser } from '../../connectors/webhook-receivers.js';
import { drainSpool } from './drain-spool.js';
import { defineJob } from '../../src/queue/job-definition.js';
import { IngestEventsData, JOBS } from '../../src/queue/job-names.js';
import { requireConnection, type ConnectionRuntime, type JobDeps } from '../../src/queue/pipeline-deps.js';
import { mappingSources } from '../../src/ingest/mapping-sources.js';
import type { Logger } from '../../src/core/logger.js';
import { awaitBatch } from '../shared/await-batch.js';
import { INGEST_PEEK } from '../shared/pending-work.js';
import { inboxBatch, ingestRound, type IngestRun, type RoundTally } from './ingest-round.js';

const MAX_ROUNDS = 20;
/**
 * One ingest run per connection at a time, across every worker process: two runs would re-read the
 * same inbox entries (calls spent twice), and a run waiting on the budget is gathering for everyone.
 */
const LEASE = { ttlMs: 15_000, waitMs: 120_000, pollMs: 50 };

/**
 * Drains a connection's inbox of changed records: re-reads them from the CRM in batches (webhooks are
 * hints; the CRM's current state is the truth), maps them, updates the mirror and schedules the
 * decision jobs for what really changed. Records that are gone (deleted, merged away, privacy-deleted)
 * leave the mirror. Entries are acknowledged only after processing, so a crash loses nothing. Each
 * batch goes out when it is full, when the rate budget has room for it beyond what the connection's
 * other work needs, or when its oldest change has waited the latency bound (see batch-policy).
 */
export const ingestEvents = defineJob({
  ...JOBS.ingestEvents,
  schema: IngestEventsData,
  async run({ connection }, deps: JobDeps, ctx) {
    const runtime = requireConnection(deps, connection);
    return deps.leases.run(connection, 'ingest', LEASE, () =>
      drainInbox(connection, runtime, deps, ctx.signal, ctx.log),
    );
  },
});

async function drainInbox(
  connection: string,
  runtime: ConnectionRuntime,
  deps: JobDeps,
  signal: AbortSignal,
  log: Logger,
) {
  const parse = spooledWebhookParser(runtime.webhook.provider);
  let webhookEvents = 0;
  const drain = async (): Promise<void> => {
    if (parse === undefined) return;
    const spooled = { spool: deps.spool, inbox: deps.inbox, connection: runtime.webhook };
    webhookEvents += (await drainSpool({ ...spooled, parse, log, metrics: deps.metrics })).events;
  };
  const mapping = await runtime.mapping();
  // Webhooks name custom objects by objectTypeId (`2-123`); mappings by name (`ps_deal_registration`).
  const names = new Map<string, Promise<string>>();
  const sources = mappingSources(mapping);
  const mappingType = (t: string): Promise<string> => {
    const { connector } = runtime;
    if (sources.has(t) || connector.mappingType === undefined) return Promise.resolve(t);
    const known = names.get(t) ?? connector.mappingType(t, { signal });
    names.set(t, known);
    return known;
  };
  const run: IngestRun = { connection, runtime, deps, mapping, sources, mappingType, signal, log };
  const tally: RoundTally = { records: 0, gone: 0, changes: 0, skipped: 0, mappingFailures: 0 };
  const batch = inboxBatch(run, drain);
  let since = Date.now();
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const records = await awaitBatch(batch, runtime.budget, { signal, since });
    if (records === 0) break;
    since = Date.now();
    const entries = await deps.inbox.peek(connection, Math.min(INGEST_PEEK, records));
    if (entries.length === 0) break;
    await ingestRound(run, entries, tally);
  }
  // Work left (a burst beyond this run's budget, or spooled batches a crashed job never acknowledged):
  // schedule the next run instead of waiting for the next webhook.
  if ((await deps.inbox.size(connection)) > 0 || (await deps.spool.size(connection)) > 0) {
    await deps.scheduler.ingest(connection);
  }
  return { webhookEvents, ...tally };
}
