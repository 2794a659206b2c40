import type { CrmConnector, WriteResult } from '../connectors/port.js';
import { CrmTransientError } from '../src/core/errors/index.js';
import { defineJob } from '../src/queue/job-definition.js';
import { JOBS, WriteBackData } from '../src/pipeline/job-names.js';
import { requireConnection, type PipelineDeps } from '../src/pipeline/pipeline-deps.js';
import { splitAssociations } from '../src/pipeline/association-writes.js';
import { planWrites, type PlannedWrite, type WriteGroup } from '../src/pipeline/plan-writes.js';
import { writeKey, type WriteOutcome } from '../src/store/write-back-store.js';
import { withLease } from '../src/store/with-lease.js';

const TAKE = 2_000;
const MAX_ROUNDS = 10;
/**
 * One write-back run per connection at a time, across every worker process: two runs would `take` the
 * same pending requests and send the same values twice. Renewed while held.
 */
const LEASE = { ttlMs: 15_000, waitMs: 120_000, pollMs: 50 };

/**
 * Writes decisions back to the CRM: coalesced per record, no-ops skipped against what we last wrote,
 * batched to the vendor maximum by the connector (Salesforce 200, HubSpot 100), inside the connection's
 * shared rate budget. Per-record rejections are recorded for admins and never retried; per-record
 * transient failures stay pending and the job retries them. A 429 delays this connection's job only.
 */
export const writeBack = defineJob({
  ...JOBS.writeBack,
  schema: WriteBackData,
  async run({ connection }, deps: PipelineDeps, ctx) {
    const leaseKey = deps.keys.connection(connection, 'lock', 'write-back');
    return withLease(deps.redis, leaseKey, LEASE, () => drainWrites(connection, deps, ctx.signal));
  },
});

async function drainWrites(
  connection: string,
  deps: PipelineDeps,
  signal: AbortSignal,
): Promise<{ written: number; noops: number; rejected: number }> {
  const runtime = requireConnection(deps, connection);
  let written = 0;
  let noops = 0;
  let rejected = 0;
  let retryable = 0;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const pending = await deps.writeBack.take(connection, TAKE);
    if (pending.length === 0) break;
    const last = await deps.writeBack.lastWritten(
      connection,
      pending.map((p) => p.key),
    );
    const plan = planWrites(pending, last);
    await deps.writeBack.complete(
      connection,
      plan.noops.map((p) => ({ key: p.key, raw: p.raw, status: 'noop' })),
    );
    noops += plan.noops.length;
    for (const group of plan.groups.flatMap((g) => vendorBatches(g, runtime.config.provider))) {
      const results = await sendGroup(runtime.connector, group, deps, connection, signal);
      const outcomes: WriteOutcome[] = [];
      results.forEach((result) => {
        const write = group.writes[result.index];
        if (write === undefined) return;
        const { key, raw } = write.pending;
        if (result.status === 'ok' && group.operation === 'delete') {
          written += 1;
          outcomes.push({ key, raw, status: 'noop' });
        } else if (result.status === 'ok') {
          written += 1;
          outcomes.push({ key, raw, status: 'written', fields: write.changed });
        } else if (result.status === 'rejected' && group.operation === 'delete' && isGone(result.crmCode)) {
          outcomes.push({ key, raw, status: 'noop' });
        } else if (result.status === 'rejected') {
          rejected += 1;
          deps.metrics.crmCalls.inc({
            connection,
            provider: runtime.config.provider,
            operation: 'write',
            status: 'rejected',
          });
          outcomes.push({
            key,
            raw,
            status: 'rejected',
            rejection: {
              key,
              objectType: group.objectType,
              id: write.pending.request.id,
              crmCode: result.crmCode,
              message: result.message,
              fields: result.fields,
              at: new Date(deps.now()).toISOString(),
            },
          });
        } else {
          retryable += 1;
        }
      });
      await deps.writeBack.complete(connection, outcomes);
      await afterGroup(deps, connection, group, results);
    }
    if (retryable > 0) break;
  }
  if (retryable > 0)
    throw new CrmTransientError(`${retryable} record writes failed transiently; retrying them`);
  if ((await deps.writeBack.pendingCount(connection)) > 0) await deps.scheduler.writeBack(connection);
  return { written, noops, rejected };
}

/** Records per vendor call (Salesforce collections 200, HubSpot batch 100). */
const VENDOR_BATCH = { salesforce: 200, hubspot: 100 } as const;

/**
 * Splits a group into vendor-sized batches, so the outcome of each call is recorded as soon as it
 * returns: a rate limit or failure on a later call then never makes a retry send again what an
 * earlier call already wrote.
 */
function vendorBatches(group: WriteGroup, provider: keyof typeof VENDOR_BATCH): WriteGroup[] {
  const size = VENDOR_BATCH[provider];
  const out: WriteGroup[] = [];
  for (let i = 0; i < group.writes.length; i += size)
    out.push({ ...group, writes: group.writes.slice(i, i + size) });
  return out;
}

const GONE = /ENTITY_IS_DELETED|NOT_FOUND|INVALID_CROSS_REFERENCE_KEY|INVALID_ID_FIELD/;
const isGone = (crmCode: string): boolean => GONE.test(crmCode);

/** The upsert write key a delete undoes (same object, external-key field and key). */
const upsertKeyOf = (w: PlannedWrite): string => writeKey({ ...w.pending.request, operation: 'upsert' });

async function sendGroup(
  connector: CrmConnector,
  group: WriteGroup,
  deps: PipelineDeps,
  connection: string,
  signal: AbortSignal,
): Promise<WriteResult[]> {
  if (group.operation === 'delete') return sendDeletes(connector, group, deps, connection, signal);
  const split = group.writes.map((w) => splitAssociations(w.changed));
  const results =
    group.operation === 'update'
      ? await connector.writeBatch(
          group.objectType,
          group.writes.map((w, i) => ({ id: w.pending.request.id, fields: split[i]?.properties ?? {} })),
          { signal },
        )
      : await connector.upsertByExternalKey(
          group.objectType,
          group.idField,
          group.writes.map((w, i) => {
            const properties = split[i]?.properties ?? {};
            // A write that only adds an association still names its row.
            const fields =
              Object.keys(properties).length > 0 ? properties : { [group.idField]: w.pending.request.id };
            return { key: w.pending.request.id, fields };
          }),
          { signal },
        );
  await linkWritten(connector, group.objectType, results, split, signal);
  return results;
}

/** Associates the records written successfully with the records their `@assoc:` fields name. */
async function linkWritten(
  connector: CrmConnector,
  objectType: string,
  results: readonly WriteResult[],
  split: readonly ReturnType<typeof splitAssociations>[],
  signal: AbortSignal,
): Promise<void> {
  if (connector.linkRecords === undefined) return;
  const byType = new Map<string, { fromId: string; toId: string }[]>();
  for (const r of results) {
    if (r.status !== 'ok' || r.id === '') continue;
    for (const a of split[r.index]?.associations ?? [])
      byType.set(a.toType, [...(byType.get(a.toType) ?? []), { fromId: r.id, toId: a.toId }]);
  }
  for (const [toType, links] of byType) await connector.linkRecords(objectType, toType, links, { signal });
}

async function sendDeletes(
  connector: CrmConnector,
  group: WriteGroup,
  deps: PipelineDeps,
  connection: string,
  signal: AbortSignal,
): Promise<WriteResult[]> {
  // Deletes name the row by the CRM id its upsert returned; a row we never wrote needs no call.
  const ids = await deps.writeBack.crmIds(connection, group.writes.map(upsertKeyOf));
  const known = ids.flatMap((id, index) => (id === null ? [] : [{ id, index }]));
  const unknown = ids.flatMap((id, index): WriteResult[] =>
    id === null ? [{ status: 'ok', index, id: '', created: false }] : [],
  );
  if (known.length === 0) return unknown;
  const results = await connector.deleteBatch(
    group.objectType,
    known.map((k) => k.id),
    { signal },
  );
  return [...unknown, ...results.map((r) => ({ ...r, index: known[r.index]?.index ?? -1 }))];
}

/** Upserts: remember the row ids; deletes: forget the row, so a partner who qualifies again gets a new one. */
async function afterGroup(
  deps: PipelineDeps,
  connection: string,
  group: WriteGroup,
  results: readonly WriteResult[],
): Promise<void> {
  const done = results.flatMap((r) => {
    const write = group.writes[r.index];
    const gone = group.operation === 'delete' && r.status === 'rejected' && isGone(r.crmCode);
    return write !== undefined && (r.status === 'ok' || gone) ? [{ write, id: r.id }] : [];
  });
  if (group.operation === 'upsert') {
    await deps.writeBack.rememberIds(
      connection,
      done.flatMap((d) => (d.id === null || d.id === '' ? [] : [{ key: d.write.pending.key, crmId: d.id }])),
    );
  } else if (group.operation === 'delete') {
    await deps.writeBack.forget(
      connection,
      done.map((d) => upsertKeyOf(d.write)),
    );
  }
}
