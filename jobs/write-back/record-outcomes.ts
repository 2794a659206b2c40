import type { WriteResult } from '../../connectors/port.js';
import type { CrmFields, WriteBackRequest, WriteOutcome } from '../../src/store/write-back-store.js';
import type { FailedLink } from './link-written.js';
import type { PlannedWrite, WriteGroup } from './plan-writes.js';
import { rejectWrite } from './reject-write.js';
import type { WriteRun, WriteTally } from './write-run.js';

interface Recorded {
  readonly outcomes: WriteOutcome[];
  /** Links of written records that failed transiently, to send again on their own. */
  readonly retryLinks: WriteBackRequest[];
}

/**
 * One record's failure is that record's failure: a refused value, or a refused association of a record
 * whose fields were written, is recorded for admins and parked until a new value arrives; a transient
 * failure stays pending. A delete of a record the CRM says is gone is done.
 */
export function recordOutcomes(
  run: WriteRun,
  group: WriteGroup,
  sent: { readonly results: readonly WriteResult[]; readonly links: ReadonlyMap<number, FailedLink[]> },
  tally: WriteTally,
): Recorded {
  const recorded: Recorded = { outcomes: [], retryLinks: [] };
  const { connector } = run.runtime;
  for (const result of sent.results) {
    const write = group.writes[result.index];
    if (write === undefined) continue;
    const { key, raw } = write.pending;
    if (result.status === 'ok' && group.operation === 'delete') {
      tally.written += 1;
      recorded.outcomes.push({ key, raw, status: 'noop' });
    } else if (result.status === 'ok') {
      tally.written += 1;
      recordWritten(run, group, write, sent.links.get(result.index) ?? [], recorded, tally);
    } else if (
      result.status === 'rejected' &&
      group.operation === 'delete' &&
      connector.isRecordGone(result.crmCode)
    ) {
      recorded.outcomes.push({ key, raw, status: 'noop' });
    } else if (result.status === 'rejected') {
      tally.rejected += 1;
      const rejection = rejectWrite(run, group.objectType, write, result);
      recorded.outcomes.push({ key, raw, status: 'rejected', rejection });
    } else {
      tally.retryable += 1;
    }
  }
  return recorded;
}

/** A written record: its fields are done except those whose links failed; refused links are its rejection. */
function recordWritten(
  run: WriteRun,
  group: WriteGroup,
  write: PlannedWrite,
  failed: readonly FailedLink[],
  recorded: Recorded,
  tally: WriteTally,
): void {
  const { key, raw } = write.pending;
  const refused = failed.flatMap((f) => (f.result.status === 'rejected' ? [f] : []));
  const again = failed.filter((f) => f.result.status === 'retryable');
  const notWritten = new Set(failed.map((f) => f.field));
  const fields = Object.fromEntries(Object.entries(write.changed).filter(([f]) => !notWritten.has(f)));
  const first = refused[0];
  let rejection;
  if (first !== undefined && first.result.status === 'rejected') {
    tally.rejected += 1;
    rejection = rejectWrite(run, group.objectType, write, {
      crmCode: first.result.crmCode,
      message: `association to ${first.toType} ${first.toId} refused: ${first.result.message}`,
      fields: refused.map((f) => f.field),
    });
  }
  recorded.outcomes.push({ key, raw, status: 'written', fields, ...(rejection ? { rejection } : {}) });
  if (again.length > 0) {
    tally.retryable += 1;
    const retryFields: CrmFields = Object.fromEntries(again.map((f) => [f.field, f.toId]));
    recorded.retryLinks.push({ ...write.pending.request, fields: retryFields });
  }
}
