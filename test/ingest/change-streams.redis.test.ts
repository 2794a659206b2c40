import { afterEach, describe, expect, it } from 'vitest';
import { runChannel } from '../../src/ingest/change-streams/run-channel.js';
import { runConnectionStreams } from '../../src/ingest/change-streams/run-connection-streams.js';
import { CONNECTION, streamBed, until } from './stream-harness.js';

const CHANNEL = '/data/LeadChangeEvent';
const USER = { userId: '0055g00000B2usrAAB' };
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function bed(options?: Parameters<typeof streamBed>[0]) {
  const b = await streamBed(options);
  close = b.close;
  const leads = b.sandbox.store.list('Lead').map((r) => r.id);
  let n = 0;
  /** One user update per call, each a distinct change event. */
  const update = async (count: number): Promise<void> => {
    for (let i = 0; i < count; i++) {
      n += 1;
      const id = leads[n % leads.length] ?? '';
      b.sandbox.store.update('Lead', id, { Company: `Company ${n}` }, USER);
      await new Promise((r) => setImmediate(r));
    }
  };
  return { ...b, update, made: () => n };
}

describe('Salesforce change events over the Pub/Sub API (sandbox)', () => {
  it('resumes after a stop from the committed replay id: every change recorded exactly once', async () => {
    const b = await bed();
    const first = new AbortController();
    const running = runChannel(b.context('a'), { channel: CHANNEL, objectType: 'Lead' }, first.signal);
    await until(() => b.sandbox.pubsub?.server.openStreams(CHANNEL) === 1);
    await b.update(30);
    first.abort();
    await running;
    await b.update(20); // while nobody listens
    const second = new AbortController();
    const resumed = runChannel(b.context('b'), { channel: CHANNEL, objectType: 'Lead' }, second.signal);
    await b.update(10);
    await until(() => b.accepted() === 60);
    await new Promise((r) => setTimeout(r, 300));
    second.abort();
    await resumed;
    expect(b.accepted()).toBe(b.made());
    expect(await b.context('c').store.replayId(CONNECTION, CHANNEL)).toBe(b.sandbox.pubsub?.bus.latest);
  });

  it('a stream reset and an expired token reconnect without losing a change', async () => {
    const b = await bed();
    const stop = new AbortController();
    const running = runChannel(b.context('a'), { channel: CHANNEL, objectType: 'Lead' }, stop.signal);
    await until(() => b.sandbox.pubsub?.server.openStreams(CHANNEL) === 1);
    await b.update(15);
    b.sandbox.pubsub?.server.resetStreams();
    await b.update(15);
    b.sandbox.pubsub?.expireTokens(); // the next session must be a fresh one
    await b.update(15);
    await until(() => b.accepted() === 45);
    await until(() => b.sandbox.pubsub?.server.openStreams(CHANNEL) === 1);
    await b.update(5);
    await until(() => b.accepted() === 50);
    stop.abort();
    await running;
    expect(b.accepted()).toBe(b.made());
  });

  it('a gap event runs the incremental sync of its object', async () => {
    const b = await bed();
    const stop = new AbortController();
    const running = runChannel(b.context('a'), { channel: CHANNEL, objectType: 'Lead' }, stop.signal);
    await until(() => b.sandbox.pubsub?.server.openStreams(CHANNEL) === 1);
    const lead = b.sandbox.store.list('Lead')[0]?.id ?? '';
    b.sandbox.gap('Lead', [lead]);
    await until(() => b.resynced.includes('Lead'));
    stop.abort();
    await running;
  });

  it('a replay id past the retention window runs the sync, then streams from the oldest kept event', async () => {
    const b = await bed({ keepaliveMs: 200, retentionMs: 400 });
    await b.update(5);
    await new Promise((r) => setTimeout(r, 500)); // those five are purged
    await b.context('a').store.commit(CONNECTION, CHANNEL, 1);
    const stop = new AbortController();
    const running = runChannel(b.context('a'), { channel: CHANNEL, objectType: 'Lead' }, stop.signal);
    await until(() => b.resynced.includes('Lead'));
    await until(() => b.sandbox.pubsub?.server.openStreams(CHANNEL) === 1);
    await b.update(3);
    await until(() => b.accepted() === 3);
    stop.abort();
    await running;
  });

  it('two processes never read one connection at once; the standby takes over when the holder stops', async () => {
    const b = await bed();
    const types = async (): Promise<string[]> => ['Lead'];
    const a = new AbortController();
    const c = new AbortController();
    const runA = runConnectionStreams(b.context('a'), types, a.signal);
    const runC = runConnectionStreams(b.context('c'), types, c.signal);
    await until(() => b.sandbox.pubsub?.server.openStreams(CHANNEL) === 1);
    await new Promise((r) => setTimeout(r, 300));
    // The standby opened no stream of its own while the holder reads.
    expect(b.sandbox.pubsub?.server.openStreams(CHANNEL)).toBe(1);
    await b.update(10);
    await until(() => b.accepted() === 10);
    const first = b.recorders[0];
    a.abort();
    await runA;
    // The holder stopped asking for events; the standby takes the lease and opens its own stream.
    await until(() => b.recorders.length > 0 && b.sandbox.pubsub?.server.openStreams(CHANNEL) === 2);
    await b.update(10);
    await until(() => b.accepted() === 20);
    c.abort();
    await runC;
    expect(b.accepted()).toBe(b.made());
    // One holder, then the other: never both recording.
    const switches = b.recorders.filter((h, i) => i > 0 && h !== b.recorders[i - 1]).length;
    expect(switches).toBe(1);
    expect(b.recorders[0]).toBe(first);
  });
});
