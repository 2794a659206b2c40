import { afterEach, describe, expect, it } from 'vitest';
import { SF_INTEGRATION_USER_ID } from '../../connectors/sandbox/salesforce/org.js';
import { EMBEDDED_SALESFORCE } from '../../src/embedded/start-embedded-stack.js';
import { settle, startTestStack, syncEverything } from './stack-helpers.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function salesforceEvents(
  stack: Awaited<ReturnType<typeof startTestStack>>['stack'],
): Promise<Record<string, number>> {
  const metric = await stack.service.deps.metrics.webhookEvents.get();
  const out: Record<string, number> = {};
  for (const v of metric.values)
    if (v.labels['provider'] === 'salesforce') out[String(v.labels['outcome'])] = v.value;
  return out;
}

describe('Salesforce write-back echoes', () => {
  it('a write-back does not come back as new ingest work', async () => {
    const { stack, stop } = await startTestStack();
    stops.push(stop);
    await settle(stack);
    const before = await salesforceEvents(stack);
    await syncEverything(stack);
    await settle(stack);
    // Our write-backs fired outbound messages (the sandbox sends one per record edit, with LastModifiedById).
    const written = stack.salesforce.store
      .types()
      .flatMap((t) => stack.salesforce.store.list(t))
      .filter((r) => r.updatedBy === SF_INTEGRATION_USER_ID && r.updatedAt > r.createdAt);
    expect(written.length).toBeGreaterThan(0);
    const after = await salesforceEvents(stack);
    const delta = (k: string): number => (after[k] ?? 0) - (before[k] ?? 0);
    expect(delta('echo')).toBeGreaterThanOrEqual(written.length);
    expect(delta('enqueued')).toBe(0);
    expect(await stack.service.deps.inbox.size(EMBEDDED_SALESFORCE)).toBe(0);
  });
});
