import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordStore } from '../../connectors/sandbox/store.js';
import { createLogger } from '../../src/core/logger.js';
import { runDemo, type DemoResult } from '../../src/embedded/run-demo.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import { startTestCluster, type TestCluster } from '../helpers/redis-cluster.js';

/**
 * The end-to-end sandbox scenario (`partnersync demo`: seed, backfill, live webhooks, registrations,
 * attribution) on one Redis and on a three-master cluster must leave both CRMs in the same state.
 */
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ basePort: Number(process.env['PS_TEST_CLUSTER_PORT'] ?? 17100) + 10 });
}, 60_000);
afterAll(async () => {
  await cluster.stop();
});

/**
 * A "Why?" link carries the demo's own address and signing key (both new per run), so two runs agree
 * on what it points at: the path of the record's page.
 */
const whyTarget = (value: unknown): unknown => (typeof value === 'string' ? new URL(value).pathname : value);

/** Instants (Submitted At, Decided At) are the runs' own clocks: two runs agree on whether one is set. */
function comparable(name: string, value: unknown): unknown {
  if (/why_link/i.test(name)) return whyTarget(value);
  if (/_at(__c)?$/i.test(name)) return value === null || value === undefined || value === '' ? value : 'set';
  return value;
}

/** What we wrote: every custom field (ours end in __c or start with ps_) of every record, by id. */
function crmState(store: RecordStore): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const type of store.types().sort()) {
    const records: Record<string, Record<string, unknown>> = {};
    for (const r of store.list(type, true).sort((a, b) => a.id.localeCompare(b.id))) {
      const ours = Object.entries(r.fields)
        .filter(([name]) => /__c$|^ps_/i.test(name))
        .sort(([a], [b]) => a.localeCompare(b));
      records[r.id] = Object.fromEntries(ours.map(([name, value]) => [name, comparable(name, value)]));
    }
    out[type] = records;
  }
  return out;
}

async function scenario(redis: Parameters<typeof runDemo>[1]['redis']): Promise<{
  summary: DemoResult['summary'];
  salesforce: ReturnType<typeof crmState>;
  hubspot: ReturnType<typeof crmState>;
}> {
  const demo = await runDemo(createLogger({ level: 'silent' }), { redis });
  try {
    return {
      summary: {
        ...demo.summary,
        whyLinks: demo.summary.whyLinks.map((l) => ({ ...l, url: String(whyTarget(l.url)) })),
      },
      salesforce: crmState(demo.stack.salesforce.store),
      hubspot: crmState(demo.stack.hubspot.store),
    };
  } finally {
    await demo.stop();
  }
}

describe('the end-to-end sandbox scenario', () => {
  it('leaves the same CRM state on a Redis Cluster as on one Redis', async () => {
    const single = await scenario(TEST_REDIS_URL);
    const onCluster = await scenario(cluster.target);
    expect(onCluster.summary).toEqual(single.summary);
    expect(onCluster.salesforce).toEqual(single.salesforce);
    expect(onCluster.hubspot).toEqual(single.hubspot);
    // Something was written (the comparison is not between two empty states).
    const written = JSON.stringify(single.hubspot).match(/"ps_duplicate_status":"[a-z]+"/gi) ?? [];
    expect(written.length).toBeGreaterThan(0);
  });
});
