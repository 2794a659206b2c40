import { afterEach, describe, expect, it } from 'vitest';
import {
  CHANNEL,
  killNow,
  startStreamProcessBed,
  until,
  type StreamProcessBed,
} from './stream-process-bed.js';

let bed: StreamProcessBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

/** Creates `n` duplicates one every `gapMs`, calling `midway` after the first half. */
async function paced(
  b: StreamProcessBed,
  from: number,
  n: number,
  gapMs: number,
  midway?: () => Promise<void>,
) {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    if (i === Math.floor(n / 2)) await midway?.();
    ids.push(...b.createDuplicates(from + i, 1));
    await new Promise((r) => setTimeout(r, gapMs));
  }
  return ids;
}

describe('Salesforce Pub/Sub subscribers as real processes (sandbox, Redis)', () => {
  it('a subscriber SIGKILLed mid-stream resumes after its committed replay id: every change written back once', async () => {
    const b = (bed = await startStreamProcessBed(40));
    const first = await b.spawnSubscriber();
    await until('the first subscriber streams', () => b.sf.pubsub?.server.openStreams(CHANNEL) === 1);
    let committedAtKill: number | null = null;
    const ids = await paced(b, 0, 40, 15, async () => {
      await until('some events committed', async () => (await b.committed()) !== null);
      await killNow(first);
      committedAtKill = await b.committed();
    });
    await b.spawnSubscriber();
    await b.allFlagged(ids);

    const [before, after, ...more] = b.sf.pubsub?.server.subscriptions(CHANNEL) ?? [];
    expect(more).toEqual([]);
    expect(before?.start).toBe('LATEST');
    // The second process picked up exactly where the first one's committed replay id says.
    expect(after?.start).toBe(`after ${String(committedAtKill)}`);
    expect(after?.firstSent).toBeGreaterThan(Number(committedAtKill));
    expect(after?.peer).not.toBe(before?.peer);
    expect(before?.sent).toBeGreaterThan(0);
    expect(after?.sent).toBeGreaterThan(0);
    expect(before?.lastSent).toBeGreaterThanOrEqual(Number(committedAtKill));
    // Every duplicate flagged in the CRM, each by one write: nothing lost, nothing applied twice.
    for (const id of ids) {
      expect(b.sf.store.get('Lead', id)?.fields['PS_Duplicate_Status__c']).toMatch(/duplicate/i);
      expect(b.statusWrites(id)).toBe(1);
    }
    expect(await b.committed()).toBe(b.sf.pubsub?.bus.latest);
  }, 60_000);

  it("two subscriber processes never both read one connection's stream; the standby takes over once the holder is SIGKILLed", async () => {
    const b = (bed = await startStreamProcessBed(20));
    const [one, two] = await Promise.all([b.spawnSubscriber(), b.spawnSubscriber()]);
    await until('one of them streams', () => b.sf.pubsub?.server.openStreams(CHANNEL) === 1);
    const early = await paced(b, 0, 10, 20);
    await b.allFlagged(early);
    const holderPid = await b.holderPid();
    const holder = holderPid === one.pid ? one : two;
    const standby = holder === one ? two : one;
    expect([one.pid, two.pid]).toContain(holderPid);
    await killNow(holder);
    const late = await paced(b, 10, 10, 20);
    await b.allFlagged(late);

    const server = b.sf.pubsub?.server;
    // Never two streams of the channel open at once, and exactly two readers one after the other.
    expect(server?.maxOpenStreams(CHANNEL)).toBe(1);
    const subs = server?.subscriptions(CHANNEL) ?? [];
    expect(subs.map((s) => s.start)).toEqual(['LATEST', expect.stringMatching(/^after \d+$/)]);
    expect(subs[1]?.peer).not.toBe(subs[0]?.peer);
    expect(Number(subs[0]?.closedAt)).toBeLessThanOrEqual(Number(subs[1]?.openedAt));
    expect(await b.holderPid()).toBe(standby.pid);
    for (const id of [...early, ...late]) expect(b.statusWrites(id)).toBe(1);
    expect(await b.committed()).toBe(server ? b.sf.pubsub?.bus.latest : NaN);
  }, 60_000);

  it('changes the stream carried only as gap or overflow events are written back exactly once', async () => {
    const b = (bed = await startStreamProcessBed(20, { keepaliveMs: 200 }, 4));
    await b.spawnSubscriber();
    await until('the subscriber streams', () => b.sf.pubsub?.server.openStreams(CHANNEL) === 1);
    const syncsBefore = await b.syncRuns();
    const before = await paced(b, 0, 5, 20);
    let gapped: string[] = [];
    b.sf.withGapEvents('Lead', () => {
      gapped = b.createDuplicates(5, 5);
    });
    // One transaction of six creates: four change events, then one GAP_OVERFLOW without record ids.
    const overflowed = b.createDuplicates(10, 6, 'bulk-import');
    const after = await paced(b, 16, 4, 20);
    const all = [...before, ...gapped, ...overflowed, ...after];
    await b.allFlagged(all);

    expect(await b.syncRuns()).toBeGreaterThan(syncsBefore);
    for (const id of all) {
      expect(b.sf.store.get('Lead', id)?.fields['PS_Duplicate_Status__c']).toBe('Duplicate');
      expect(b.statusWrites(id)).toBe(1);
    }
  }, 60_000);

  it('a replay id past the retention window falls back to the sync: changes made meanwhile written back exactly once', async () => {
    const b = (bed = await startStreamProcessBed(15, { keepaliveMs: 200, retentionMs: 1_500 }));
    const first = await b.spawnSubscriber();
    await until('the subscriber streams', () => b.sf.pubsub?.server.openStreams(CHANNEL) === 1);
    const early = await paced(b, 0, 5, 20);
    await b.allFlagged(early);
    await killNow(first);
    const meanwhile = b.createDuplicates(5, 5);
    await new Promise((r) => setTimeout(r, 1_700)); // their events are no longer retained
    const syncsBefore = await b.syncRuns();
    await b.spawnSubscriber();
    await until('the new subscriber streams', () => b.sf.pubsub?.server.openStreams(CHANNEL) === 1);
    const late = await paced(b, 10, 5, 20);
    await b.allFlagged([...early, ...meanwhile, ...late]);

    const starts = (b.sf.pubsub?.server.subscriptions(CHANNEL) ?? []).map((s) => s.start);
    // The committed replay id was refused, so the sync ran and the stream restarted at the oldest event.
    expect(starts).toEqual(['LATEST', expect.stringMatching(/^after \d+$/), 'EARLIEST']);
    expect(await b.syncRuns()).toBeGreaterThan(syncsBefore);
    for (const id of [...early, ...meanwhile, ...late]) {
      expect(b.sf.store.get('Lead', id)?.fields['PS_Duplicate_Status__c']).toBe('Duplicate');
      expect(b.statusWrites(id)).toBe(1);
    }
  }, 60_000);
});
