import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import type { SfAuth } from '../auth.js';
import { SF_ORG_ID, type SfOrg } from '../org.js';
import type { ChangePublisher } from './change-publisher.js';
import { objectOfChannel } from './change-publisher.js';
import { pubsubError, PUBSUB_ERROR } from './grpc-errors.js';
import type { EventBus } from './event-bus.js';
import { SubscribeStream, type FetchRequest, type SubscriptionRecord } from './subscribe-stream.js';
import { LOOPBACK_CERT, LOOPBACK_KEY } from './loopback-tls.js';

const require = createRequire(import.meta.url);
// The same public pubsub_api.proto the client package ships, loaded with the client's options.
const PROTO = join(dirname(require.resolve('salesforce-pubsub-api-client')), '..', 'pubsub_api.proto');

export interface PubSubServerDeps {
  readonly org: SfOrg;
  readonly auth: SfAuth;
  readonly bus: EventBus;
  readonly publisher: ChangePublisher;
  readonly watched: (objectName: string) => boolean;
  readonly keepaliveMs: number;
}

export interface PubSubServer {
  /** `127.0.0.1:<port>`, the client's `pubSubEndpoint`. */
  readonly endpoint: string;
  /** Ends every open Subscribe stream with UNAVAILABLE, as a server-side stream reset does. */
  resetStreams(): void;
  /** Ends every open stream with UNAUTHENTICATED (call after expiring the tokens). */
  rejectSessions(): void;
  /** Subscribe streams open now, per topic (at most one per connection when the lease works). */
  openStreams(topic: string): number;
  /** The most Subscribe streams of `topic` that were ever open at once. */
  maxOpenStreams(topic: string): number;
  /** Every Subscribe stream of `topic` so far (the last 1,000 streams of any topic), oldest first. */
  subscriptions(topic: string): readonly SubscriptionRecord[];
  /** Stops sending anything (events and keepalives) on the open streams, as a dead connection would. */
  stall(): void;
  close(): Promise<void>;
}

const tenantOk = (tenant: string): boolean => tenant !== '' && SF_ORG_ID.startsWith(tenant);

export async function startPubSubServer(deps: PubSubServerDeps): Promise<PubSubServer> {
  const definition = protoLoader.loadSync(PROTO, {});
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    eventbus: { v1: { PubSub: { service: grpc.ServiceDefinition } } };
  };
  const streams = new Set<SubscribeStream>();
  const stalled = new WeakSet<SubscribeStream>();
  const history: SubscriptionRecord[] = [];
  const maxOpen = new Map<string, number>();
  const openOf = (topic: string): number =>
    [...streams].filter((s) => s.open && s.topicName === topic).length;
  const authError = (metadata: grpc.Metadata): (Partial<grpc.StatusObject> & Error) | undefined => {
    const token = String(metadata.get('accesstoken')[0] ?? '');
    const tenant = String(metadata.get('tenantid')[0] ?? '');
    const instance = String(metadata.get('instanceurl')[0] ?? '');
    if (deps.auth.check(token) !== undefined && tenantOk(tenant) && instance !== '') return undefined;
    return pubsubError(grpc.status.UNAUTHENTICATED, PUBSUB_ERROR.auth, 'authentication exception');
  };
  const topicObject = (topic: string) => {
    const obj = objectOfChannel(deps.org, topic);
    return obj !== undefined && deps.watched(obj.name) ? obj : undefined;
  };
  const topicExists = (topic: string): boolean => topicObject(topic) !== undefined;
  const server = new grpc.Server();
  server.addService(pkg.eventbus.v1.PubSub.service, {
    GetTopic: (
      call: grpc.ServerUnaryCall<{ topicName: string }, unknown>,
      done: grpc.sendUnaryData<unknown>,
    ) => {
      const denied = authError(call.metadata);
      if (denied !== undefined) return done(denied);
      const obj = topicObject(call.request.topicName);
      if (obj === undefined)
        return done(pubsubError(grpc.status.NOT_FOUND, PUBSUB_ERROR.topicNotFound, 'topic not found'));
      const schemaId = deps.publisher.schemaOf(obj).id;
      const topicName = call.request.topicName;
      done(null, {
        topicName,
        tenantGuid: SF_ORG_ID,
        canPublish: false,
        canSubscribe: true,
        schemaId,
        rpcId: randomUUID(),
      });
    },
    GetSchema: (
      call: grpc.ServerUnaryCall<{ schemaId: string }, unknown>,
      done: grpc.sendUnaryData<unknown>,
    ) => {
      const denied = authError(call.metadata);
      if (denied !== undefined) return done(denied);
      const schema = deps.publisher.schemaById(call.request.schemaId);
      if (schema === undefined)
        return done(pubsubError(grpc.status.NOT_FOUND, PUBSUB_ERROR.topicNotFound, 'no schema'));
      done(null, { schemaJson: schema.json, schemaId: schema.id, rpcId: randomUUID() });
    },
    Subscribe: (call: grpc.ServerDuplexStream<FetchRequest, unknown>) => {
      const stream = new SubscribeStream(call, deps.bus, topicExists);
      streams.add(stream);
      history.push(stream.record);
      if (history.length > 1_000) history.shift();
      const forget = (): void => {
        stream.record.closedAt ??= Date.now();
        streams.delete(stream);
      };
      call.on('data', (req: FetchRequest) => {
        const denied = authError(call.metadata);
        if (denied !== undefined) stream.fail(denied);
        else if (!stalled.has(stream)) {
          const first = stream.topicName === '';
          stream.request(req);
          const topic = stream.topicName;
          if (first && topic !== '') maxOpen.set(topic, Math.max(maxOpen.get(topic) ?? 0, openOf(topic)));
        }
      });
      call.on('end', () => {
        forget();
        call.end();
      });
      call.on('error', forget);
      call.on('cancelled', forget);
    },
  });
  const stopPumping = deps.bus.onAppend(() => {
    for (const s of streams) if (!stalled.has(s)) setImmediate(() => s.pump());
  });
  const keepalive = setInterval(() => {
    for (const s of streams) if (!stalled.has(s)) s.keepalive();
  }, deps.keepaliveMs);
  const credentials = grpc.ServerCredentials.createSsl(null, [
    {
      private_key: Buffer.from(LOOPBACK_KEY),
      cert_chain: Buffer.from(LOOPBACK_CERT),
    },
  ]);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', credentials, (err, bound) => (err ? reject(err) : resolve(bound)));
  });
  const endAll = (error: Partial<grpc.StatusObject> & Error): void => {
    for (const s of streams) s.fail(error);
    streams.clear();
  };
  return {
    endpoint: `127.0.0.1:${port}`,
    resetStreams: () => endAll(pubsubError(grpc.status.UNAVAILABLE, PUBSUB_ERROR.reset, 'stream reset')),
    rejectSessions: () =>
      endAll(pubsubError(grpc.status.UNAUTHENTICATED, PUBSUB_ERROR.auth, 'session expired')),
    openStreams: openOf,
    maxOpenStreams: (topic) => maxOpen.get(topic) ?? 0,
    subscriptions: (topic) => history.filter((r) => r.topic === topic),
    stall: () => {
      for (const s of streams) stalled.add(s);
    },
    close: async () => {
      clearInterval(keepalive);
      stopPumping();
      endAll(pubsubError(grpc.status.UNAVAILABLE, PUBSUB_ERROR.reset, 'server shutting down'));
      server.forceShutdown();
    },
  };
}
