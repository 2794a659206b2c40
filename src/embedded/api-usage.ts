import type { CallCounterSnapshot } from '../../connectors/sandbox/call-counter.js';
import type { RecordStore } from '../../connectors/sandbox/store.js';

export interface ApiUsage {
  readonly total: number;
  readonly provisioning: number;
  readonly writes: number;
  readonly reads: number;
  /** Records our writes changed, and the fewest calls that could have carried them at the vendor batch size. */
  readonly recordsWritten: number;
  readonly minimumWriteCalls: number;
}

const PROVISIONING = /\/tooling\/|\/properties\/|\/crm-object-schemas\/|\/describe|\/sobjects\/?$|\/oauth/;
const WRITE =
  /^(PATCH|PUT|DELETE) |^POST .*(composite\/sobjects|batch\/(update|upsert|create|archive)|\/jobs\/ingest|associations)/;

/** Counts the records each object type had written by our integration, from the sandbox's change feed. */
export function trackOurWrites(
  store: RecordStore,
  isOurs: (actor: { userId: string; appId?: string | undefined }) => boolean,
): Map<string, Set<string>> {
  const written = new Map<string, Set<string>>();
  store.onChange((c) => {
    if (c.kind === 'delete' || !isOurs(c.actor)) return;
    const ids = written.get(c.record.type) ?? new Set<string>();
    ids.add(c.record.id);
    written.set(c.record.type, ids);
  });
  return written;
}

export function apiUsage(
  snapshot: CallCounterSnapshot,
  written: Map<string, Set<string>>,
  batchSize: number,
): ApiUsage {
  let provisioning = 0;
  let writes = 0;
  for (const [endpoint, n] of Object.entries(snapshot.byEndpoint)) {
    if (PROVISIONING.test(endpoint)) provisioning += n;
    else if (WRITE.test(endpoint)) writes += n;
  }
  let recordsWritten = 0;
  let minimumWriteCalls = 0;
  for (const ids of written.values()) {
    recordsWritten += ids.size;
    minimumWriteCalls += Math.ceil(ids.size / batchSize);
  }
  return {
    total: snapshot.total,
    provisioning,
    writes,
    reads: snapshot.total - provisioning - writes,
    recordsWritten,
    minimumWriteCalls,
  };
}
