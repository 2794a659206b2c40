/** One stored change event: its channel, its replay id and the Avro bytes subscribers receive. */
export interface BusEvent {
  readonly replayId: number;
  readonly topic: string;
  readonly schemaId: string;
  readonly id: string;
  readonly payload: Buffer;
  readonly at: number;
}

/**
 * The org's event bus: events kept for the retention window (Salesforce: 72 hours), replay ids
 * increasing across channels. A replay id older than what is still kept cannot be resumed from.
 * https://developer.salesforce.com/docs/platform/pub-sub-api/guide/event-message-durability.html
 */
export class EventBus {
  private events: BusEvent[] = [];
  private last = 0;
  private purgedThrough = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly now: () => number,
    private readonly retentionMs: number,
  ) {}

  append(event: Omit<BusEvent, 'replayId' | 'at'>): BusEvent {
    this.last += 1;
    const stored = { ...event, replayId: this.last, at: this.now() };
    this.events.push(stored);
    for (const listener of this.listeners) listener();
    return stored;
  }

  get latest(): number {
    return this.last;
  }

  /** The position before the oldest event still kept (EARLIEST starts here). */
  get earliest(): number {
    this.purge();
    return this.purgedThrough;
  }

  /** A subscription may resume after `replayId` only while no event after it was purged. */
  canResumeAfter(replayId: number): boolean {
    this.purge();
    return replayId >= this.purgedThrough && replayId <= this.last;
  }

  /** Up to `limit` events of `topic` after `replayId`, oldest first. */
  after(topic: string, replayId: number, limit: number): BusEvent[] {
    const out: BusEvent[] = [];
    for (const e of this.events) {
      if (out.length >= limit) break;
      if (e.replayId > replayId && e.topic === topic) out.push(e);
    }
    return out;
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private purge(): void {
    const cutoff = this.now() - this.retentionMs;
    const kept = this.events.filter((e) => e.at > cutoff);
    const dropped = this.events.length - kept.length;
    if (dropped > 0) this.purgedThrough = this.events[dropped - 1]?.replayId ?? this.purgedThrough;
    this.events = kept;
  }
}
