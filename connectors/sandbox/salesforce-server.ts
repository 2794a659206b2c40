import type { Express, NextFunction, Request, Response } from 'express';
import { CallCounter } from './call-counter.js';
import { FaultInjector, type FaultConfig } from './faults.js';
import { countCalls, createSandboxApp, injectFaults, listen, sendError } from './http-app.js';
import { DailyQuota } from './rate-limit.js';
import {
  defaultSfCredentials,
  registerOAuthRoute,
  requireSession,
  SfAuth,
  type SfCredentials,
} from './salesforce/auth.js';
import { notFound, sfError } from './salesforce/errors.js';
import { adminActor, SfOrg } from './salesforce/org.js';
import type { SfOrgFeatures } from './salesforce/org-features.js';
import {
  cdcDelivery,
  cdcEvents,
  outboundMessage,
  type SfChangeEvent,
} from './salesforce/outbound-message.js';
import { registerBulkRoutes } from './salesforce/routes-bulk.js';
import { registerCompositeRoutes } from './salesforce/routes-composite.js';
import { registerLimitsRoutes, registerVersionsRoute } from './salesforce/routes-limits.js';
import { QueryCursors, registerQueryRoutes } from './salesforce/routes-query.js';
import { registerSObjectRoutes } from './salesforce/routes-sobjects.js';
import { registerToolingRoutes } from './salesforce/routes-tooling.js';
import type { RecordStore } from './store.js';
import { WebhookEmitter } from './webhook-emitter.js';
import {
  startSandboxPubSub,
  type SandboxPubSub,
  type SandboxPubSubOptions,
} from './salesforce/pubsub/sandbox-pubsub.js';

export interface SalesforceWebhookOptions {
  readonly url?: string | undefined;
  readonly enabled?: boolean | undefined;
  /** `soap` = workflow outbound messages (default); `cdc` = Change Data Capture JSON. */
  readonly format?: 'soap' | 'cdc' | undefined;
  readonly flushIntervalMs?: number | undefined;
  /** Objects that fire (default Lead, Contact, Account, Opportunity). */
  readonly objects?: readonly string[] | undefined;
  /** Delivery attempts per message (default 3; Salesforce keeps retrying for 24 hours). */
  readonly maxAttempts?: number | undefined;
  /** First retry gap; later gaps double (default 100 ms; Salesforce's grow up to 2 hours). */
  readonly retryDelayMs?: number | undefined;
  /** CDC: changes in one transaction past this many become one GAP_OVERFLOW event (Salesforce: 100,000). */
  readonly overflowAfter?: number | undefined;
}

export interface SalesforceSandboxOptions {
  readonly port?: number | undefined;
  readonly now?: (() => number) | undefined;
  /** Daily API request allowance (Developer Edition: 15,000; default 100,000). */
  readonly dailyApiLimit?: number | undefined;
  readonly faults?: Partial<FaultConfig> | undefined;
  readonly credentials?: Partial<SfCredentials> | undefined;
  /** Lifetime of tokens issued by the OAuth endpoint (default: no expiry). */
  readonly tokenTtlMs?: number | null | undefined;
  readonly requiredFields?: Readonly<Record<string, readonly string[]>> | undefined;
  /** Org settings that add standard fields; all off by default (see salesforce/org-features.ts). */
  readonly features?: SfOrgFeatures | undefined;
  readonly webhook?: SalesforceWebhookOptions | undefined;
  /** Serve the Pub/Sub API (gRPC, TLS on loopback) with the org's change events; off unless given. */
  readonly pubsub?: SandboxPubSubOptions | undefined;
}

export interface SalesforceSandbox {
  readonly url: string;
  readonly org: SfOrg;
  readonly store: RecordStore;
  readonly counters: CallCounter;
  readonly faults: FaultInjector;
  readonly auth: SfAuth;
  readonly quota: DailyQuota;
  readonly credentials: SfCredentials;
  readonly webhooks: WebhookEmitter<SfChangeEvent>;
  /** The Pub/Sub API endpoint and its faults, when `pubsub` was given. */
  readonly pubsub: SandboxPubSub | undefined;
  /**
   * CDC: records changed where Salesforce could not generate change events (a database-level cleanup,
   * an event over 1 MB): one GAP_UPDATE event with their ids and no fields.
   * https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_other_events_gap.htm
   */
  gap(objectType: string, ids: readonly string[]): void;
  /**
   * Runs `change` with the object's change events replaced by gap events (GAP_CREATE, GAP_UPDATE, …:
   * the record ids, no fields), as for changes Salesforce cannot generate events for. Same source.
   */
  withGapEvents(objectType: string, change: () => void): void;
  close(): Promise<void>;
}

const isApi = (path: string): boolean => path.startsWith('/services/data/');
const ACK = /<(?:\w+:)?Ack>\s*true\s*<\/(?:\w+:)?Ack>/;

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm
function enforceQuota(quota: DailyQuota) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const ok = quota.tryTake();
    res.set('Sforce-Limit-Info', `api-usage=${quota.used}/${quota.limit}`);
    if (!ok) {
      const e = sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
      res.status(403).json(e.body);
      return;
    }
    next();
  };
}

/**
 * Salesforce caps the request URI plus headers at 16,384 bytes: past it the URI alone answers 414,
 * otherwise 431. https://help.salesforce.com/s/articleView?id=000386264&type=1 (real case: a wide
 * SELECT in a GET, PipedreamHQ/pipedream#14560).
 */
export const SF_URI_AND_HEADERS_LIMIT = 16_384;

function enforceUriLimit(req: Request, res: Response, next: NextFunction): void {
  const uri = Buffer.byteLength(req.originalUrl);
  const headers = req.rawHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0);
  if (uri + headers <= SF_URI_AND_HEADERS_LIMIT) {
    next();
    return;
  }
  const status = uri > SF_URI_AND_HEADERS_LIMIT ? 414 : 431;
  res
    .status(status)
    .type('text/html')
    .send(status === 414 ? '<h1>414 URI Too Long</h1>' : '<h1>431 Request Header Fields Too Large</h1>');
}

function faultResponder(kind: 'rateLimit' | 'serverError', res: Response): void {
  const e =
    kind === 'rateLimit'
      ? sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.')
      : sfError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable, please try again later.');
  res.status(e.status).json(e.body);
}

export async function createSalesforceSandbox(
  opts: SalesforceSandboxOptions = {},
): Promise<SalesforceSandbox> {
  const org = new SfOrg({ now: opts.now, requiredFields: opts.requiredFields, features: opts.features });
  const credentials: SfCredentials = { ...defaultSfCredentials(), ...opts.credentials };
  const auth = new SfAuth(credentials, org.now, opts.tokenTtlMs ?? null);
  const quota = new DailyQuota(opts.dailyApiLimit ?? 100_000, org.now);
  const counters = new CallCounter();
  const faults = new FaultInjector(opts.faults);
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = '';
  const ctx = { org, quota, baseUrl: () => baseUrl };
  const app: Express = createSandboxApp();

  app.use(countCalls(counters, (p) => p.startsWith('/services/')));
  app.use(enforceUriLimit);
  registerOAuthRoute(app, auth, ctx.baseUrl);
  registerVersionsRoute(app);
  app.use(
    '/services/data',
    injectFaults(faults, isApi, faultResponder, timers),
    requireSession(auth),
    enforceQuota(quota),
  );
  const cursors = new QueryCursors();
  registerQueryRoutes(app, ctx, cursors);
  registerSObjectRoutes(app, ctx);
  registerCompositeRoutes(app, ctx);
  registerBulkRoutes(app, ctx);
  registerToolingRoutes(app, ctx, cursors);
  registerLimitsRoutes(app, ctx);
  app.use(() => {
    throw notFound();
  });
  // express recognises error handlers by their four parameters
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    sendError(err, res, (message) =>
      sfError(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred: ${message}`),
    );
  });

  // Node's own 16 KiB head cap would answer first; the Salesforce limit above decides instead.
  const server = await listen(app, opts.port ?? 0, timers, 4 * SF_URI_AND_HEADERS_LIMIT);
  baseUrl = server.url;
  const hook = opts.webhook ?? {};
  const watched = new Set(
    (hook.objects ?? ['Lead', 'Contact', 'Account', 'Opportunity']).map((o) => o.toLowerCase()),
  );
  let replayId = 0;
  const webhooks = new WebhookEmitter<SfChangeEvent>({
    url: hook.url,
    enabled: hook.enabled,
    flushIntervalMs: hook.flushIntervalMs,
    maxBatch: 100,
    groupKey: (e) => e.obj.name,
    // https://developer.salesforce.com/docs/atlas.en-us.246.0.api.meta/api/sforce_api_om_outboundmessaging_notifications.htm:
    // queued and retried with exponentially growing gaps; an outbound message counts as delivered
    // only when the listener answers <Ack>true</Ack>, within 60 s
    // (help.salesforce.com platform.workflow_om_considerations.htm).
    maxAttempts: hook.maxAttempts,
    retryDelayMs: hook.retryDelayMs,
    backoff: 'exponential',
    ...(hook.format === 'cdc'
      ? {}
      : { timeoutMs: 60_000, accepted: (status: number, body: string) => status < 300 && ACK.test(body) }),
    encode: (batch) => {
      if (hook.format === 'cdc') {
        const events = cdcEvents(org, batch, hook.overflowAfter ?? 100_000);
        replayId += events.length;
        return cdcDelivery(events, replayId - events.length + 1);
      }
      return outboundMessage(org, baseUrl, batch);
    },
  });
  const pubsub =
    opts.pubsub === undefined
      ? undefined
      : await startSandboxPubSub(org, auth, opts.pubsub, {
          watched: (name) => watched.has(name.toLowerCase()),
          overflowAfter: hook.overflowAfter ?? 100_000,
        });
  const gapped = new Set<string>();
  org.store.onChange((change) => {
    const obj = org.object(change.record.type);
    if (!obj || !watched.has(obj.name.toLowerCase())) return;
    if (gapped.has(obj.name)) {
      pubsub?.publisher.enqueue(change, obj, true);
      webhooks.enqueue({ change, obj, notificationId: org.ids.next('04l'), gap: true });
      return;
    }
    pubsub?.publisher.enqueue(change, obj);
    // Outbound messages fire on create/edit only; CDC also reports deletes and undeletes.
    if (hook.format !== 'cdc' && change.kind !== 'create' && change.kind !== 'update') return;
    webhooks.enqueue({ change, obj, notificationId: org.ids.next('04l') });
  });
  return {
    url: server.url,
    org,
    store: org.store,
    counters,
    faults,
    auth,
    quota,
    credentials,
    webhooks,
    pubsub,
    gap: (objectType, ids) => {
      const obj = org.objectOrThrow(objectType);
      const at = org.now();
      for (const id of ids) {
        const record = org.store.getAny(obj.name, id);
        if (!record) throw new Error(`no ${obj.name} ${id}`);
        const change = { kind: 'update' as const, record, changed: [], actor: adminActor, at };
        webhooks.enqueue({ change, obj, notificationId: org.ids.next('04l'), gap: true });
        pubsub?.publisher.enqueue(change, obj, true);
      }
    },
    withGapEvents: (objectType, change) => {
      const name = org.objectOrThrow(objectType).name;
      gapped.add(name);
      try {
        change();
      } finally {
        gapped.delete(name);
      }
    },
    close: async () => {
      await pubsub?.server.close();
      await webhooks.close();
      await server.close();
    },
  };
}
