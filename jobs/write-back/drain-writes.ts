import { CrmTransientError } from '../../src/core/errors/index.js';
import type { PendingWrite } from '../../src/store/write-back-store.js';
import { addWhyLinks } from './add-why-links.js';
import { afterGroup } from './after-group.js';
import { planWrites } from './plan-writes.js';
import { recordOutcomes } from './record-outcomes.js';
import { sendGroup } from './send-group.js';
import { vendorBatches } from './vendor-batches.js';
import type { WriteRun, WriteTally } from './write-run.js';
import { awaitBatch, type BatchSource } from '../shared/await-batch.js';
import { ingestWork, WRITE_TAKE, writeWork } from '../shared/pending-work.js';

const MAX_ROUNDS = 10;

/**
 * Takes pending requests round by round and writes them; stops at the first round with transient
 * failures (the job is retried for them) and schedules another run when requests are left. Each round
 * goes out when a vendor batch is full, when the rate budget has room for it beyond what the
 * connection's re-reads need, or when its oldest request has waited the latency bound (batch-policy).
 */
export async function drainWrites(
  run: WriteRun,
): Promise<{ written: number; noops: number; rejected: number }> {
  const { deps, connection } = run;
  const tally: WriteTally = { written: 0, noops: 0, rejected: 0, retryable: 0 };
  const batch: BatchSource = {
    pending: () => writeWork(deps, connection, run.runtime),
    others: async () => [await ingestWork(deps, connection, run.runtime)],
  };
  let since = Date.now();
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const records = await awaitBatch(batch, run.runtime.budget, { signal: run.signal, since });
    if (records === 0) break;
    since = Date.now();
    const pending = await deps.writeBack.take(connection, Math.min(WRITE_TAKE, records));
    if (pending.length === 0) break;
    await writeRound(run, pending, tally);
    if (tally.retryable > 0) break;
  }
  if (tally.retryable > 0)
    throw new CrmTransientError(`${tally.retryable} record writes failed transiently; retrying them`);
  if ((await deps.writeBack.pendingCount(connection)) > 0) await deps.scheduler.writeBack(connection);
  return { written: tally.written, noops: tally.noops, rejected: tally.rejected };
}

/** Skips what is already written, then sends the rest one vendor batch at a time, recording each outcome. */
async function writeRound(run: WriteRun, taken: readonly PendingWrite[], tally: WriteTally): Promise<void> {
  const { deps, connection } = run;
  const pending = addWhyLinks(taken, await run.runtime.mapping(), connection, deps.whyLinks);
  const last = await deps.writeBack.lastWritten(
    connection,
    pending.map((p) => p.key),
  );
  const plan = planWrites(pending, last);
  await deps.writeBack.complete(
    connection,
    plan.noops.map((p) => ({ key: p.key, raw: p.raw, status: 'noop' })),
  );
  tally.noops += plan.noops.length;
  const size = run.runtime.connector.writeBatchSize;
  for (const group of plan.groups.flatMap((g) => vendorBatches(g, size))) {
    const sent = await sendGroup(run, group);
    const { outcomes, retryLinks } = recordOutcomes(run, group, sent, tally);
    await deps.writeBack.complete(connection, outcomes);
    // Links that failed transiently go back to pending on their own: the fields already written are not sent again.
    await deps.writeBack.enqueue(connection, retryLinks);
    await afterGroup(run, group, sent.results);
  }
}
