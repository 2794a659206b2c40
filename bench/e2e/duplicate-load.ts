/**
 * The bench:e2e load on one running embedded stack: a base of people synced once, then duplicates of
 * them created at a steady rate (open loop), each timed from its creation until its duplicate-status
 * field is written, with the sandbox's API calls counted over the load.
 */
import { syncIncremental } from '../../jobs/sync-incremental/sync-incremental.js';
import type { CallCounter, CallCounterSnapshot } from '../../connectors/sandbox/call-counter.js';
import type { RecordStore, StoredRecord } from '../../connectors/sandbox/store.js';
import type { Logger } from '../../src/core/logger.js';
import {
  EMBEDDED_HUBSPOT,
  EMBEDDED_SALESFORCE,
  type startEmbeddedStack,
} from '../../src/embedded/start-embedded-stack.js';

export type Stack = Awaited<ReturnType<typeof startEmbeddedStack>>;

/** One CRM sandbox as the load sees it: where people live and which field our write-back sets. */
export interface PeopleCrm {
  readonly connection: string;
  readonly store: RecordStore;
  readonly counters: CallCounter;
  readonly webhooks: { configure(options: { enabled: boolean }): void };
  readonly objectType: string;
  readonly statusField: string;
  /** A person's fields; `shout` gives the duplicate (the same person, e-mail upper-cased). */
  person(i: number, shout: boolean): Record<string, string>;
}

const UI_USER = { userId: '9000001' };
const person = (i: number) => ({
  first: `First${i}`,
  last: `Person${i}`,
  email: `person${i}@company${i % 97}.com`,
  company: `Company ${i % 97} Inc`,
});
const cased = (email: string, shout: boolean): string => (shout ? email.toUpperCase() : email);

export function hubspotPeople(stack: Stack): PeopleCrm {
  const { store, counters, webhooks } = stack.hubspot;
  return {
    ...{ connection: EMBEDDED_HUBSPOT, store, counters, webhooks },
    ...{ objectType: 'contacts', statusField: 'ps_duplicate_status' },
    person: (i, shout) => {
      const p = person(i);
      return { firstname: p.first, lastname: p.last, email: cased(p.email, shout), company: p.company };
    },
  };
}

export function salesforcePeople(stack: Stack): PeopleCrm {
  const { store, counters, webhooks } = stack.salesforce;
  return {
    ...{ connection: EMBEDDED_SALESFORCE, store, counters, webhooks },
    ...{ objectType: 'Lead', statusField: 'PS_Duplicate_Status__c' },
    person: (i, shout) => {
      const p = person(i);
      return { FirstName: p.first, LastName: p.last, Email: cased(p.email, shout), Company: p.company };
    },
  };
}

export interface LoadResult {
  readonly changes: number;
  /** Change → field visible, ms, ascending. */
  readonly latencies: readonly number[];
  readonly missing: number;
  /** Sandbox calls before and after the load (drain included). */
  readonly before: CallCounterSnapshot;
  readonly after: CallCounterSnapshot;
}

/** `count` people created with webhooks off and read by one incremental sync, as a backfill would. */
export async function seedAndSync(stack: Stack, crm: PeopleCrm, count: number, log: Logger): Promise<number> {
  process.stderr.write(`seeding ${count} ${crm.objectType} and syncing them…\n`);
  crm.webhooks.configure({ enabled: false });
  for (let i = 0; i < count; i += 1) crm.store.create(crm.objectType, crm.person(i, false), UI_USER);
  await syncIncremental.run({ connection: crm.connection, objectType: crm.objectType }, stack.service.deps, {
    log,
    signal: AbortSignal.timeout(120_000),
    jobId: 'bench-backfill',
    attemptsMade: 0,
  });
  crm.webhooks.configure({ enabled: true });
  return count;
}

/**
 * Creates rate × seconds duplicates of the `base` seeded people, each at its due time whatever happened
 * before, then waits up to `drainMs` for the last field to be written.
 */
export async function loadDuplicates(
  crm: PeopleCrm,
  base: number,
  load: {
    readonly rate: number;
    readonly seconds: number;
    readonly drainMs: number;
    readonly offset?: number;
  },
): Promise<LoadResult> {
  const created = new Map<string, number>();
  const latencies: number[] = [];
  const off = crm.store.onChange((change) => {
    if (change.kind !== 'update' || change.record.type !== crm.objectType) return;
    if (!change.changed.includes(crm.statusField)) return;
    const at = created.get(change.record.id);
    if (at === undefined) return;
    latencies.push(performance.now() - at);
    created.delete(change.record.id);
  });
  const before = crm.counters.snapshot();
  const total = Math.round(load.rate * load.seconds);
  process.stderr.write(`creating ${total} duplicates at ${load.rate}/s…\n`);
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / load.rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const record: StoredRecord = crm.store.create(
      crm.objectType,
      crm.person((i + (load.offset ?? 0)) % base, true),
      UI_USER,
    );
    created.set(record.id, performance.now());
    if (i > 0 && i % (load.rate * 5) === 0)
      process.stderr.write(`  ${i}/${total} sent, ${latencies.length} written back\n`);
  }
  const deadline = performance.now() + load.drainMs;
  while (created.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  off();
  const after = crm.counters.snapshot();
  return { changes: total, latencies: latencies.sort((a, b) => a - b), missing: created.size, before, after };
}
