import PubSubApiClient from 'salesforce-pubsub-api-client';
import { classifyStreamFailure, type StreamFailureKind } from './stream-failure.js';

/** What the Pub/Sub API client needs: the session of our jsforce connection. */
export interface StreamSession {
  readonly accessToken: string;
  readonly instanceUrl: string;
  readonly organizationId: string;
}

export interface ChangeStreamHandlers {
  /** One decoded event, in stream order. */
  onEvent(event: unknown): void;
  /** An event the client could not decode (its records are unknown: resync the channel's object). */
  onUndecodable(reason: string): void;
  /** Every event requested so far has been delivered. */
  onBatchDelivered(): void;
  /** An empty FetchResponse: the server is alive; its latest replay id. */
  onKeepalive(latestReplayId: number): void;
  /** The stream is over; reconnect as `kind` says. Called once. */
  onClosed(kind: StreamFailureKind, reason: string): void;
}

export interface ChangeStreamOptions {
  readonly endpoint: string;
  readonly channel: string;
  /** Resume after this replay id, or start at the tip of the stream (LATEST) or, with `earliest`, at the oldest retained event. */
  readonly afterReplayId: number | null;
  readonly earliest?: boolean;
  /** Events per FetchRequest (the API caps it at 100). */
  readonly batchSize: number;
}

export interface ChangeStream {
  /** Asks for the next `batchSize` events (flow control: only once the last ones are spooled). */
  requestMore(): void;
  /** Stops listening. The client is closed once the server has ended the stream. */
  abandon(): void;
}

const LOOPBACK = /^(?:127\.0\.0\.1|localhost|\[::1\]):\d+$/;
const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const lastReplayIdOf = (info: unknown): number =>
  typeof info === 'object' && info !== null && 'lastReplayId' in info ? Number(info.lastReplayId) : NaN;

/**
 * Subscribes to one channel with `salesforce-pubsub-api-client` (user-supplied session). A loopback
 * endpoint is the local sandbox: its self-signed certificate is accepted and its http instance URL
 * is presented as https, which the client insists on. The client's `close()` drops its stream
 * listeners, so it is only called once the stream has ended (an error on an open, unlistened stream
 * would crash the process).
 */
export async function openChangeStream(
  session: StreamSession,
  options: ChangeStreamOptions,
  handlers: ChangeStreamHandlers,
): Promise<ChangeStream> {
  const loopback = LOOPBACK.test(options.endpoint);
  const client = new PubSubApiClient(
    {
      authType: 'user-supplied',
      accessToken: session.accessToken,
      instanceUrl: loopback ? session.instanceUrl.replace(/^http:/, 'https:') : session.instanceUrl,
      organizationId: session.organizationId,
      pubSubEndpoint: options.endpoint,
      rejectUnauthorizedSsl: !loopback,
    },
    quiet,
  );
  await client.connect();
  let state: 'open' | 'abandoned' | 'closed' = 'open';
  const close = (kind: StreamFailureKind, reason: string): void => {
    const was = state;
    state = 'closed';
    client.close();
    if (was === 'open') handlers.onClosed(kind, reason);
  };
  const callback = (info: unknown, type: string, data?: unknown): void => {
    if (state === 'closed') return;
    if (type === 'end') close('transient', 'stream ended');
    else if (type === 'error' && data instanceof Error && 'latestReplayId' in data) {
      // EventParseError: the stream goes on; the event still counts towards the batch.
      if (state === 'open') handlers.onUndecodable(data.message);
    } else if (type === 'error') {
      const failure = classifyStreamFailure(data);
      close(failure.kind, failure.reason);
    } else if (state === 'abandoned') return;
    else if (type === 'event') handlers.onEvent(data);
    else if (type === 'lastEvent') handlers.onBatchDelivered();
    else if (type === 'grpcKeepAlive') handlers.onKeepalive(lastReplayIdOf(info));
  };
  const { channel, batchSize, afterReplayId } = options;
  if (afterReplayId === null && options.earliest === true)
    client.subscribeFromEarliestEvent(channel, callback, batchSize);
  else if (afterReplayId === null) client.subscribe(channel, callback, batchSize);
  else client.subscribeFromReplayId(channel, callback, batchSize, afterReplayId);
  return {
    requestMore: () => {
      if (state === 'open') client.requestAdditionalEvents(channel, batchSize);
    },
    abandon: () => {
      if (state === 'open') state = 'abandoned';
    },
  };
}
