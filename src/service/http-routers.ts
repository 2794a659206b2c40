import type { ConnectionConfig } from '../../connectors/connection-config.js';
import type { fileMappings } from '../admin/file-mappings.js';
import type { Env } from '../core/env.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import type { AdminDeps } from '../http/admin/admin-deps.js';
import { ADMIN_ROUTES, createAdminRouter } from '../http/admin/create-admin-router.js';
import { attributionReportRoute } from '../http/admin/get-attribution-report.js';
import { connectionStatusRoute } from '../http/admin/get-connection-status.js';
import { explainRoute } from '../http/admin/get-explain.js';
import { getDuplicatesRoute } from '../http/admin/get-duplicates.js';
import { postDuplicateConfirmRoute } from '../http/admin/post-duplicate-confirm.js';
import { postDuplicateDismissRoute } from '../http/admin/post-duplicate-dismiss.js';
import { getMappingDiff } from '../http/admin/get-mapping-diff.js';
import { getJobs, postJobRetry } from '../http/admin/jobs-routes.js';
import { attributionRecomputeRoute } from '../http/admin/post-attribution-recompute.js';
import { duplicatesRecomputeRoute } from '../http/admin/post-duplicates-recompute.js';
import { pendingRegistrationsRoute } from '../http/admin/get-pending-registrations.js';
import { registrationVerdictRoute } from '../http/admin/post-registration-verdict.js';
import { createConsoleRouter } from '../http/console/create-console-router.js';
import { createSessionStore } from '../http/console/session-store.js';
import { createWebhookRouter } from '../http/create-webhook-router.js';
import { createWhyRouter } from '../http/why/create-why-router.js';
import { whyLinksFromEnv } from '../why-link/why-links.js';
import { ownIdentities } from '../ingest/own-identities.js';
import { webhookConnectionOf } from '../queue/build-connections.js';
import type { JobScheduler } from '../queue/job-scheduler.js';
import type { ConnectionRegistry } from '../queue/pipeline-deps.js';
import type { RedisClient } from '../queue/redis.js';
import type { Queue } from 'bullmq';
import type { KeySpace } from '../store/keys.js';
import type { Stores } from '../store/stores.js';
import type { WebhookSpool } from '../store/webhook-spool.js';
import { createJournalReporter, type JournalReporter } from '../http/journal-report.js';
import { createJournalOffsets } from '../store/journal-offsets.js';
import { RESYNC_DELAY_MS } from '../ingest/resync-delay.js';

/** What the HTTP side of the process is built from: its own Redis client, stores, queues and scheduler. */
export interface HttpParts {
  readonly env: Env;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly configs: readonly ConnectionConfig[];
  readonly connections: ConnectionRegistry;
  readonly client: RedisClient;
  readonly keys: KeySpace;
  readonly stores: Stores;
  /** The connections' mapping files, the base of diffs while no stored version is active. */
  readonly fileMapping: ReturnType<typeof fileMappings>;
  /** On its own client, so spooling a webhook never waits behind admin reads. */
  readonly spool: WebhookSpool;
  readonly queues: readonly Queue[];
  readonly scheduler: JobScheduler;
  readonly now: () => number;
}

/** The webhook router: connections by id, known with our own identity (echo detection). */
export function webhookRouterOf(parts: HttpParts): ReturnType<typeof createWebhookRouter> {
  const { env, log, metrics, scheduler, now } = parts;
  const webhookConnections = new Map(parts.configs.map((c) => [c.id, webhookConnectionOf(c)]));
  const identities = ownIdentities(parts.connections, log);
  identities.warm();
  return createWebhookRouter({
    lookup: (id) => {
      const connection = webhookConnections.get(id);
      return connection === undefined ? undefined : identities.withIdentity(connection);
    },
    inbox: parts.stores.inbox,
    spool: parts.spool,
    scheduleIngest: (id) => scheduler.ingest(id),
    scheduleResync: async (id, types) => {
      // A relayed GAP_OVERFLOW names no records: the sync must run once they are inside its window.
      await Promise.all(types.map((t) => scheduler.syncNow(id, t, RESYNC_DELAY_MS)));
    },
    publicBaseUrl: env.PUBLIC_BASE_URL,
    now,
    log,
    metrics,
  });
}

/** The admin API and the console, which serves the same routes to a signed-in browser. */
export function adminRoutersOf(parts: HttpParts): {
  readonly adminRouter: ReturnType<typeof createAdminRouter>;
  readonly consoleRouter: ReturnType<typeof createConsoleRouter>;
} {
  const { env, client, keys, now } = parts;
  const adminDeps: AdminDeps = {
    log: parts.log.child({ component: 'admin' }),
    tokens: { adminToken: env.ADMIN_TOKEN, connections: parts.configs },
    connections: parts.connections,
    mappings: parts.stores.mappings,
    writeBack: parts.stores.writeBack,
    fileMapping: parts.fileMapping,
    queues: parts.queues,
  };
  const io = { stores: parts.stores, scheduler: parts.scheduler, now };
  const extraRoutes = [
    explainRoute(io),
    getDuplicatesRoute(io),
    postDuplicateDismissRoute(io),
    postDuplicateConfirmRoute(io),
    connectionStatusRoute(io),
    attributionReportRoute(io),
    attributionRecomputeRoute(io),
    pendingRegistrationsRoute(io),
    registrationVerdictRoute(io, 'approved', 'approve'),
    registrationVerdictRoute(io, 'rejected', 'reject'),
    duplicatesRecomputeRoute(io),
    getMappingDiff,
    getJobs,
    postJobRetry,
  ];
  return {
    adminRouter: createAdminRouter(adminDeps, { extraRoutes, bodyLimitBytes: env.BODY_LIMIT_BYTES }),
    consoleRouter: createConsoleRouter({
      admin: adminDeps,
      routes: [...ADMIN_ROUTES, ...extraRoutes],
      sessions: createSessionStore(client, keys),
    }),
  };
}

/** The reps' "Why?" pages: read-only, signed links, no admin auth. */
export function whyRouterOf(parts: HttpParts): ReturnType<typeof createWhyRouter> {
  return createWhyRouter({
    key: whyLinksFromEnv(parts.env)?.key ?? null,
    stores: parts.stores,
    connections: new Set(parts.configs.map((c) => c.id)),
    log: parts.log.child({ component: 'why' }),
  });
}

/** The HubSpot journal readers' state and lag (written to Redis by whichever process reads). */
export function journalReporterOf(parts: HttpParts): JournalReporter | undefined {
  const ids = parts.configs
    .filter((c) => c.provider === 'hubspot' && c.changes === 'journal')
    .map((c) => c.id);
  if (ids.length === 0) return undefined;
  const offsets = createJournalOffsets(parts.client, parts.keys);
  return createJournalReporter(offsets, ids, parts.metrics.registry, parts.now);
}
