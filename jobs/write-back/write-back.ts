import type { CrmConnector, LinkResult, WriteResult } from '../../connectors/port.js';
import { ASSOCIATION_FIELD_PREFIX } from '../../mappings/write-back-spec.js';
import type { Logger } from '../../src/core/logger.js';
import { CrmTransientError } from '../../src/core/errors/index.js';
import { defineJob } from '../../src/queue/job-definition.js';
import { JOBS, WriteBackData } from '../../src/queue/job-names.js';
import { requireConnection, type JobDeps } from '../../src/queue/pipeline-deps.js';
import { splitAssociations } from './association-writes.js';
import { planWrites, type PlannedWrite, type WriteGroup } from './plan-writes.js';
import {
  writeKey,
  type CrmFields,
  type WriteBackRequest,
  type WriteOutcome,
  type WriteRejection,
} from '../../src/store/write-back-store.js';

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
 * shared rate budget. One record's failure is that record's failure: per-record rejections (a refused
 * value, or a refused association of a record whose fields were written) are recorded for admins,
 * counted and logged, and parked until a new value arrives; per-record transient failures stay pending
 * and the job retries them. A 429 delays this connection's job only.
 */
export const writeBack = defineJob({
  ...JOBS.writeBack,
  schema: WriteBackData,
  async run({ connection }, deps: JobDeps, ctx) {
    return deps.leases.run(connection, 'write-back', LEASE, () =>
      drainWrites(connection, deps, ctx.signal, ctx.log),
    );
  },
});

async function drainWrites(
  connection: string,
  deps: JobDeps,
  signal: AbortSignal,
  log: Logger,
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
      const { results, links } = await sendGroup(runtime.connector, group, deps, connection, signal);
      const outcomes: WriteOutcome[] = [];
      const retryLinks: WriteBackRequest[] = [];
      const reject = (
        write: (typeof group.writes)[number],
        r: { crmCode: string; message: string; fields: readonly string[] },
      ): WriteRejection => {
        rejected += 1;
        deps.metrics.crmCalls.inc({
          connection,
          provider: runtime.config.provider,
          operation: 'write',
          status: 'rejected',
        });
        const rejection = {
          key: write.pending.key,
          objectType: group.objectType,
          id: write.pending.request.id,
          crmCode: r.crmCode,
          message: r.message,
          fields: r.fields,
          at: new Date(deps.now()).toISOString(),
        };
        log.warn(
          {
            connection,
            objectType: group.objectType,
            id: rejection.id,
            crmCode: r.crmCode,
            fields: r.fields,
          },
          `write-back rejected: ${r.message}`,
        );
        return rejection;
      };
      results.forEach((result) => {
        const write = group.writes[result.index];
        if (write === undefined) return;
        const { key, raw } = write.pending;
        if (result.status === 'ok' && group.operation === 'delete') {
          written += 1;
          outcomes.push({ key, raw, status: 'noop' });
        } else if (result.status === 'ok') {
          written += 1;
          const failed = links.get(result.index) ?? [];
          const refused = failed.flatMap((f) => (f.result.status === 'rejected' ? [f] : []));
          const again = failed.filter((f) => f.result.status === 'retryable');
          const notWritten = new Set(failed.map((f) => f.field));
          const fields = Object.fromEntries(
            Object.entries(write.changed).filter(([f]) => !notWritten.has(f)),
          );
          const first = refused[0];
          const rejection =
            first !== undefined && first.result.status === 'rejected'
              ? reject(write, {
                  crmCode: first.result.crmCode,
                  message: `association to ${first.toType} ${first.toId} refused: ${first.result.message}`,
                  fields: refused.map((f) => f.field),
                })
              : undefined;
          outcomes.push({ key, raw, status: 'written', fields, ...(rejection ? { rejection } : {}) });
          if (again.length > 0) {
            retryable += 1;
            const retryFields: CrmFields = Object.fromEntries(again.map((f) => [f.field, f.toId]));
            retryLinks.push({ ...write.pending.request, fields: retryFields });
          }
        } else if (result.status === 'rejected' && group.operation === 'delete' && isGone(result.crmCode)) {
          outcomes.push({ key, raw, status: 'noop' });
        } else if (result.status === 'rejected') {
          outcomes.push({ key, raw, status: 'rejected', rejection: reject(write, result) });
        } else {
          retryable += 1;
        }
      });
      await deps.writeBack.complete(connection, outcomes);
      // Links that failed transiently go back to pending on their own: the fields already written are not sent again.
      await deps.writeBack.enqueue(connection, retryLinks);
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

/** A link of one written record that did not succeed, with the `@assoc:` field that asked for it. */
interface FailedLink {
  readonly field: string;
  readonly toType: string;
  readonly toId: string;
  readonly result: Exclude<LinkResult, { status: 'ok' }>;
}

async function sendGroup(
  connector: CrmConnector,
  group: WriteGroup,
  deps: JobDeps,
  connection: string,
  signal: AbortSignal,
): Promise<{ results: WriteResult[]; links: Map<number, FailedLink[]> }> {
  if (group.operation === 'delete')
    return { results: await sendDeletes(connector, group, deps, connection, signal), links: new Map() };
  const split = group.writes.map((w) => splitAssociations(w.changed));
  // A write that only adds associations needs no record write when the record's id is known.
  const knownIds =
    group.operation === 'update'
      ? group.writes.map((w) => w.pending.request.id)
      : await deps.writeBack.crmIds(
          connection,
          group.writes.map((w) => w.pending.key),
        );
  const linkOnly = (i: number): string | null => {
    const id = knownIds[i];
    return Object.keys(split[i]?.properties ?? {}).length === 0 &&
      id !== null &&
      id !== undefined &&
      id !== ''
      ? id
      : null;
  };
  const toSend = group.writes.flatMap((w, index) => (linkOnly(index) === null ? [{ w, index }] : []));
  const sent =
    toSend.length === 0
      ? []
      : group.operation === 'update'
        ? await connector.writeBatch(
            group.objectType,
            toSend.map(({ w, index }) => ({
              id: w.pending.request.id,
              fields: split[index]?.properties ?? {},
            })),
            { signal },
          )
        : await connector.upsertByExternalKey(
            group.objectType,
            group.idField,
            toSend.map(({ w, index }) => {
              const properties = split[index]?.properties ?? {};
              // A first write that only adds an association still names its row.
              const fields =
                Object.keys(properties).length > 0 ? properties : { [group.idField]: w.pending.request.id };
              return { key: w.pending.request.id, fields };
            }),
            { signal },
          );
  const results: WriteResult[] = [
    ...sent.map((r) => ({ ...r, index: toSend[r.index]?.index ?? -1 })),
    ...group.writes.flatMap((_w, index): WriteResult[] => {
      const id = linkOnly(index);
      return id === null ? [] : [{ status: 'ok', index, id, created: false }];
    }),
  ].sort((a, b) => a.index - b.index);
  const links = await linkWritten(connector, group.objectType, results, split, signal);
  return { results, links };
}

/**
 * Associates the records written successfully with the records their `@assoc:` fields name. Returns
 * the links that failed, by the index of their record; the others are done.
 */
async function linkWritten(
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

async function sendDeletes(
  connector: CrmConnector,
  group: WriteGroup,
  deps: JobDeps,
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
  deps: JobDeps,
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
