import type { WriteResult } from '../../connectors/port.js';
import type { WriteGroup } from './plan-writes.js';
import { upsertKeyOf, type WriteRun } from './write-run.js';

/** Upserts: remember the row ids; deletes: forget the row, so a partner who qualifies again gets a new one. */
export async function afterGroup(
  run: WriteRun,
  group: WriteGroup,
  results: readonly WriteResult[],
): Promise<void> {
  const { deps, connection } = run;
  const done = results.flatMap((r) => {
    const write = group.writes[r.index];
    const gone =
      group.operation === 'delete' &&
      r.status === 'rejected' &&
      run.runtime.connector.isRecordGone(r.crmCode);
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
