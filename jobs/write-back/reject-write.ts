import type { WriteRejection } from '../../src/store/write-back-store.js';
import type { PlannedWrite } from './plan-writes.js';
import type { WriteRun } from './write-run.js';

/** What the CRM refused about one record. */
export interface Refusal {
  readonly crmCode: string;
  readonly message: string;
  readonly fields: readonly string[];
}

/** Counts, logs and describes one refused record write, for admins to see. */
export function rejectWrite(
  run: WriteRun,
  objectType: string,
  write: PlannedWrite,
  r: Refusal,
): WriteRejection {
  const { connection, deps } = run;
  deps.metrics.crmCalls.inc({
    connection,
    provider: run.runtime.config.provider,
    operation: 'write',
    status: 'rejected',
  });
  const rejection = {
    key: write.pending.key,
    objectType,
    id: write.pending.request.id,
    crmCode: r.crmCode,
    message: r.message,
    fields: r.fields,
    at: new Date(deps.now()).toISOString(),
  };
  run.log.warn(
    { connection, objectType, id: rejection.id, crmCode: r.crmCode, fields: r.fields },
    `write-back rejected: ${r.message}`,
  );
  return rejection;
}
