import type { Express, NextFunction, Request, Response } from 'express';
import { CallCounter } from './call-counter.js';
import { FaultInjector, type FaultConfig } from './faults.js';
import { countCalls, createSandboxApp, injectFaults, listen, sendError } from './http-app.js';
import { isLegacyCrmPath } from './hubspot/api-versions.js';
import { Associations } from './hubspot/associations.js';
import {
  defaultHsCredentials,
  HsAuth,
  registerHsOAuthRoute,
  requireBearer,
  type HsCredentials,
} from './hubspot/auth.js';
import { hsBody, hsError } from './hubspot/errors.js';
import { HsJournal } from './hubspot/journal.js';
import { HsJournalSubscriptions } from './hubspot/journal-subscriptions.js';
import { HsPortal } from './hubspot/portal.js';
import {
  enforceHsLimits,
  HsRateLimits,
  tooManyBody,
  type HsRateLimitOptions,
} from './hubspot/rate-limits.js';
import { registerAssociationRoutes } from './hubspot/routes-associations.js';
import { registerBatchRoutes } from './hubspot/routes-batch.js';
import { registerObjectRoutes } from './hubspot/routes-objects.js';
import { registerPropertyRoutes } from './hubspot/routes-properties.js';
import { registerSchemaRoutes } from './hubspot/routes-schemas.js';
import {
  JOURNAL_READ_SCOPE,
  registerClientCredentialsRoute,
  registerJournalRoutes,
} from './hubspot/routes-journal.js';
import {
  registerJournalSubscriptionRoutes,
  SUBSCRIPTIONS_READ_SCOPE,
  SUBSCRIPTIONS_WRITE_SCOPE,
} from './hubspot/routes-journal-subscriptions.js';
import { registerSearchRoutes } from './hubspot/routes-search.js';
import { encodeHsBatch, HsEventFactory, type HsEvent } from './hubspot/webhook-format.js';
import type { RecordStore } from './store.js';
import { WebhookEmitter } from './webhook-emitter.js';

export interface HubspotWebhookOptions {
  readonly url?: string | undefined;
  readonly enabled?: boolean | undefined;
  readonly flushIntervalMs?: number | undefined;
  readonly maxAttempts?: number | undefined;
}

export interface HubspotSandboxOptions {
  readonly port?: number | undefined;
  readonly now?: (() => number) | undefined;
  readonly rateLimits?: HsRateLimitOptions | undefined;
  readonly faults?: Partial<FaultConfig> | undefined;
  readonly credentials?: Partial<HsCredentials> | undefined;
  /** false simulates a portal without custom objects (schemas API answers 403). Default true. */
  readonly customObjects?: boolean | undefined;
  readonly webhook?: HubspotWebhookOptions | undefined;
  /** Journal scopes the app was granted (default: journal read, subscriptions read and write). */
  readonly journalScopes?: readonly string[] | undefined;
}

export interface HubspotSandbox {
  readonly url: string;
  readonly portal: HsPortal;
  readonly store: RecordStore;
  readonly associations: Associations;
  readonly counters: CallCounter;
  readonly faults: FaultInjector;
  readonly auth: HsAuth;
  readonly limits: HsRateLimits;
  readonly credentials: HsCredentials;
  readonly webhooks: WebhookEmitter<HsEvent>;
  /** The webhooks journal: the events of the webhooks its subscriptions cover, pulled by the app. */
  readonly journal: HsJournal;
  readonly journalSubscriptions: HsJournalSubscriptions;
  /** Calls made to a legacy (`/crm/v3`, `/crm/v4`, `/crm-object-schemas/v3`) path, as `METHOD /path`. */
  legacyCalls(): readonly string[];
  close(): Promise<void>;
}

const isApi = (path: string): boolean => path.startsWith('/crm');

/**
 * Injected faults as HubSpot sends them: a 429 with the ten-secondly policy body (and a Retry-After
 * a proxy in front may add), or a 500 / 502 / 503 in turn.
 * https://developers.hubspot.com/docs/api-reference/error-handling
 */
function faultResponder(): (kind: 'rateLimit' | 'serverError', res: Response) => void {
  let n = 0;
  return (kind, res) => {
    if (kind === 'rateLimit') {
      res.status(429).set('Retry-After', '1').json(tooManyBody('TEN_SECONDLY_ROLLING'));
      return;
    }
    const [status, message] = (
      [
        [500, 'Internal Server Error'],
        [502, 'Bad Gateway'],
        [503, 'Service Unavailable'],
      ] as const
    )[n % 3] ?? [502, 'Bad Gateway'];
    n += 1;
    res.status(status).json(hsBody('INTERNAL_ERROR', message));
  };
}

export async function createHubspotSandbox(opts: HubspotSandboxOptions = {}): Promise<HubspotSandbox> {
  const portal = new HsPortal(opts.now, opts.customObjects ?? true);
  const associations = new Associations();
  const credentials: HsCredentials = { ...defaultHsCredentials(), ...opts.credentials };
  const auth = new HsAuth(credentials, portal.now);
  const limits = new HsRateLimits(opts.rateLimits ?? {}, portal.now);
  const counters = new CallCounter();
  const faults = new FaultInjector(opts.faults);
  const timers = new Set<NodeJS.Timeout>();
  const ctx = { portal, associations };
  const journal = new HsJournal(portal.now);
  const subscriptions = new HsJournalSubscriptions(credentials.appId, portal.now);
  const journalScopes = opts.journalScopes ?? [
    JOURNAL_READ_SCOPE,
    SUBSCRIPTIONS_READ_SCOPE,
    SUBSCRIPTIONS_WRITE_SCOPE,
  ];
  const app: Express = createSandboxApp();

  app.use(
    countCalls(counters, (p) => isApi(p) || p.startsWith('/oauth') || p.startsWith('/webhooks-journal')),
  );
  const legacy: string[] = [];
  app.use((req, _res, next) => {
    if (isLegacyCrmPath(req.path)) legacy.push(`${req.method} ${req.path}`);
    next();
  });
  registerClientCredentialsRoute(app, auth, journal, new Set(journalScopes));
  registerHsOAuthRoute(app, auth);
  // Journal reads are exempt from the daily and ten-secondly limits (spec: x-hubspot-rate-limit-exemptions).
  app.use(
    '/webhooks-journal',
    injectFaults(faults, () => true, faultResponder(), timers),
  );
  registerJournalRoutes(app, auth, journal);
  registerJournalSubscriptionRoutes(app, auth, journal, subscriptions, () =>
    portal.allTypes().map((t) => t.objectTypeId),
  );
  app.use(
    ['/crm', '/crm-object-schemas'],
    injectFaults(faults, () => true, faultResponder(), timers),
    requireBearer(auth),
    enforceHsLimits(limits),
  );
  registerSearchRoutes(app, ctx);
  registerBatchRoutes(app, ctx);
  registerObjectRoutes(app, ctx);
  registerPropertyRoutes(app, ctx);
  registerSchemaRoutes(app, ctx);
  registerAssociationRoutes(app, ctx);
  app.use(() => {
    throw hsError(404, 'OBJECT_NOT_FOUND', 'Unknown endpoint');
  });
  // express recognises error handlers by their four parameters
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    sendError(err, res, (message) => hsError(500, 'INTERNAL_ERROR', message));
  });

  const server = await listen(app, opts.port ?? 0, timers);
  const events = new HsEventFactory(portal, credentials.appId);
  const hook = opts.webhook ?? {};
  const webhooks = new WebhookEmitter<HsEvent>({
    url: hook.url,
    enabled: hook.enabled,
    flushIntervalMs: hook.flushIntervalMs,
    maxAttempts: hook.maxAttempts,
    maxBatch: 100,
    encode: (batch, attempt, url) => encodeHsBatch(batch, attempt, url, credentials.clientSecret, Date.now),
  });
  portal.store.onChange((c) => {
    const changed = events.fromChange(c);
    for (const e of changed) webhooks.enqueue(e);
    const typeId = portal.type(c.record.type)?.objectTypeId;
    journal.record(changed.filter((e) => subscriptions.covers(typeId, e)));
  });
  // Changes made through the API by our app carry its id (an echo); a user's changes in the UI do not.
  associations.onChange((a) => {
    const event = events.fromAssociation(a, a.appId);
    webhooks.enqueue(event);
    const typeId = portal.type(a.fromType)?.objectTypeId;
    if (subscriptions.covers(typeId, event)) journal.record([event]);
  });
  return {
    url: server.url,
    portal,
    store: portal.store,
    associations,
    counters,
    faults,
    auth,
    limits,
    credentials,
    webhooks,
    journal,
    journalSubscriptions: subscriptions,
    legacyCalls: () => [...legacy],
    close: async () => {
      await webhooks.close();
      await server.close();
    },
  };
}
