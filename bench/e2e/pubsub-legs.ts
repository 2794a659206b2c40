import avro from 'avro-js';
import type { SandboxPubSub } from '../../connectors/sandbox/salesforce/pubsub/sandbox-pubsub.js';
import type { ChangeStreamStore } from '../../src/store/change-streams.js';
import { percentile } from '../percentile.js';

type AvroType = ReturnType<typeof avro.parse>;

export interface LegFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface PubSubLegs {
  /** Stops watching; the legs of the records whose field was written at the times given. */
  figures(
    createdAt: ReadonlyMap<string, number>,
    writtenAt: ReadonlyMap<string, number>,
  ): Promise<{ readonly stream: LegFigures; readonly pipeline: LegFigures }>;
}

const createdIdsOf = (decoded: unknown): string[] => {
  if (typeof decoded !== 'object' || decoded === null || !('ChangeEventHeader' in decoded)) return [];
  const header = decoded.ChangeEventHeader;
  if (typeof header !== 'object' || header === null) return [];
  const h = header as { changeType?: unknown; recordIds?: unknown };
  return h.changeType === 'CREATE' && Array.isArray(h.recordIds) ? h.recordIds.map(String) : [];
};

/**
 * Splits change → field in two legs without touching the service: creation until the subscriber has
 * committed the replay id of the record's CREATE event (the change is in our inbox: the Pub/Sub leg),
 * and from there until the field is written (ingest, duplicate detection, write-back: the pipeline
 * webhooks share). The committed replay id is polled every `pollMs`, so the first leg reads up to
 * that much late and the second as much early.
 */
export function watchPubSubLegs(
  pubsub: SandboxPubSub,
  store: ChangeStreamStore,
  where: { readonly connectionId: string; readonly channel: string; readonly pollMs: number },
): PubSubLegs {
  const types = new Map<string, AvroType>();
  const pending: { readonly replayId: number; readonly ids: readonly string[] }[] = [];
  const committedAt = new Map<string, number>();
  let seen = pubsub.bus.latest;
  const off = pubsub.bus.onAppend(() => {
    for (const e of pubsub.bus.after(where.channel, seen, 1_000)) {
      const schema = pubsub.publisher.schemaById(e.schemaId);
      if (schema === undefined) continue;
      const type = types.get(schema.id) ?? avro.parse(JSON.parse(schema.json));
      types.set(schema.id, type);
      const ids = createdIdsOf(type.fromBuffer(e.payload));
      if (ids.length > 0) pending.push({ replayId: e.replayId, ids });
    }
    seen = pubsub.bus.latest;
  });
  let polling = true;
  const poll = async (): Promise<void> => {
    while (polling) {
      const committed = (await store.replayId(where.connectionId, where.channel)) ?? 0;
      const now = performance.now();
      while ((pending[0]?.replayId ?? Infinity) <= committed)
        for (const id of pending.shift()?.ids ?? []) committedAt.set(id, now);
      await new Promise((r) => setTimeout(r, where.pollMs));
    }
  };
  const polled = poll();
  return {
    async figures(createdAt, writtenAt) {
      polling = false;
      off();
      await polled;
      const stream: number[] = [];
      const pipeline: number[] = [];
      for (const [id, written] of writtenAt) {
        const committed = committedAt.get(id);
        const created = createdAt.get(id);
        if (committed === undefined || created === undefined) continue;
        stream.push(committed - created);
        pipeline.push(written - committed);
      }
      const fig = (v: number[]): LegFigures => {
        v.sort((a, b) => a - b);
        return { p50Ms: Math.round(percentile(v, 50)), p99Ms: Math.round(percentile(v, 99)) };
      };
      return { stream: fig(stream), pipeline: fig(pipeline) };
    },
  };
}
