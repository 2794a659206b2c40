import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import type { EventBus } from './event-bus.js';
import { pubsubError, PUBSUB_ERROR, replayIdBytes } from './grpc-errors.js';

export interface FetchRequest {
  readonly topicName?: string;
  readonly replayPreset?: string | number;
  readonly replayId?: Buffer;
  readonly numRequested?: number;
}

type Call = grpc.ServerDuplexStream<FetchRequest, unknown>;

/** What one Subscribe stream did, for tests: who read, from where, which events were sent. */
export interface SubscriptionRecord {
  /** The client's address (`ip:port`): one per client process. */
  readonly peer: string;
  topic: string;
  /** `LATEST`, `EARLIEST` or `after <replay id>` (also when that replay id was refused). */
  start: string;
  readonly openedAt: number;
  closedAt: number | null;
  sent: number;
  firstSent: number | null;
  lastSent: number | null;
}

/**
 * One Subscribe stream: the first FetchRequest picks the topic and start (LATEST, EARLIEST, or CUSTOM
 * after a replay id); every request adds `numRequested` to what the server may send (flow control).
 * https://developer.salesforce.com/docs/platform/pub-sub-api/references/methods/subscribe-rpc.html
 */
export class SubscribeStream {
  private topic = '';
  private position = 0;
  private pending = 0;
  private ended = false;
  readonly record: SubscriptionRecord;

  constructor(
    private readonly call: Call,
    private readonly bus: EventBus,
    private readonly topicExists: (topic: string) => boolean,
  ) {
    const peer = call.getPeer();
    this.record = {
      peer,
      topic: '',
      start: '',
      openedAt: Date.now(),
      closedAt: null,
      sent: 0,
      firstSent: null,
      lastSent: null,
    };
  }

  request(req: FetchRequest): void {
    if (this.ended) return;
    if (this.topic === '') {
      const topic = req.topicName ?? '';
      if (!this.topicExists(topic)) {
        this.fail(pubsubError(grpc.status.NOT_FOUND, PUBSUB_ERROR.topicNotFound, `no topic ${topic}`));
        return;
      }
      const preset = req.replayPreset;
      const custom = preset === 'CUSTOM' || preset === 2;
      const after = custom && req.replayId !== undefined ? Number(req.replayId.readBigUInt64BE()) : NaN;
      const earliest = preset === 'EARLIEST' || preset === 1;
      this.record.topic = topic;
      this.record.start = custom ? `after ${after}` : earliest ? 'EARLIEST' : 'LATEST';
      if (custom && !this.bus.canResumeAfter(after)) {
        const details = `The Replay ID validation failed: ${after} is not in the retention window`;
        this.fail(pubsubError(grpc.status.INVALID_ARGUMENT, PUBSUB_ERROR.replayCorrupted, details));
        return;
      }
      this.topic = topic;
      this.position = custom ? after : earliest ? this.bus.earliest : this.bus.latest;
    }
    this.pending += req.numRequested ?? 0;
    this.pump();
  }

  /** Sends what is owed; a caught-up stream moves its position to the bus tip (nothing of its topic between). */
  pump(): void {
    if (this.ended || this.topic === '' || this.pending <= 0) return;
    const events = this.bus.after(this.topic, this.position, Math.min(this.pending, 100));
    if (events.length === 0) {
      this.position = this.bus.latest;
      return;
    }
    const last = events[events.length - 1]?.replayId ?? this.position;
    this.position = last;
    this.pending -= events.length;
    this.record.sent += events.length;
    this.record.firstSent ??= events[0]?.replayId ?? null;
    this.record.lastSent = last;
    this.call.write({
      events: events.map((e) => ({
        event: { id: e.id, schemaId: e.schemaId, payload: e.payload, headers: [] },
        replayId: replayIdBytes(e.replayId),
      })),
      latestReplayId: replayIdBytes(last),
      rpcId: randomUUID(),
      pendingNumRequested: this.pending,
    });
  }

  keepalive(): void {
    if (this.ended || this.topic === '') return;
    const latestReplayId = replayIdBytes(this.position);
    this.call.write({ events: [], latestReplayId, rpcId: randomUUID(), pendingNumRequested: this.pending });
  }

  fail(error: Partial<grpc.StatusObject> & Error): void {
    if (this.ended) return;
    this.ended = true;
    this.record.closedAt ??= Date.now();
    this.call.emit('error', error);
  }

  get topicName(): string {
    return this.topic;
  }

  get open(): boolean {
    return !this.ended;
  }
}
