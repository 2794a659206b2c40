import type { SfAuth } from '../auth.js';
import type { SfOrg } from '../org.js';
import { ChangePublisher } from './change-publisher.js';
import { EventBus } from './event-bus.js';
import { startPubSubServer, type PubSubServer } from './pubsub-server.js';

export interface SandboxPubSubOptions {
  /** How long events stay replayable (Salesforce: 72 hours). */
  readonly retentionMs?: number | undefined;
  /** Empty FetchResponses on idle streams (Salesforce: within 270 s). */
  readonly keepaliveMs?: number | undefined;
}

export interface SandboxPubSub {
  readonly endpoint: string;
  readonly bus: EventBus;
  readonly publisher: ChangePublisher;
  readonly server: PubSubServer;
  /** Invalidates every access token and ends the open streams with UNAUTHENTICATED. */
  expireTokens(): void;
}

const RETENTION_MS = 72 * 3600_000;

export async function startSandboxPubSub(
  org: SfOrg,
  auth: SfAuth,
  options: SandboxPubSubOptions,
  scope: { readonly watched: (name: string) => boolean; readonly overflowAfter: number },
): Promise<SandboxPubSub> {
  const bus = new EventBus(org.now, options.retentionMs ?? RETENTION_MS);
  const publisher = new ChangePublisher(org, bus, scope.overflowAfter);
  const server = await startPubSubServer({
    org,
    auth,
    bus,
    publisher,
    watched: scope.watched,
    keepaliveMs: options.keepaliveMs ?? 270_000,
  });
  return {
    endpoint: server.endpoint,
    bus,
    publisher,
    server,
    expireTokens: () => {
      auth.expireAll();
      server.rejectSessions();
    },
  };
}
