import type { HubspotConnectionConfig } from '../../connectors/connection-config.js';
import { createJournalClient } from '../../connectors/hubspot/journal/journal-client.js';
import type { Env } from '../core/env.js';
import type { Logger } from '../core/logger.js';
import { runJournalConsumer } from '../ingest/hubspot-journal/run-journal-consumer.js';
import { mappingSources } from '../ingest/mapping-sources.js';
import type { PipelineDeps } from '../queue/pipeline-deps.js';
import { createJournalOffsets } from '../store/journal-offsets.js';

export interface JournalConsumers {
  close(): Promise<void>;
}

/** One journal reader per HubSpot connection configured with `changes: journal` (lease-guarded). */
export function startJournalConsumers(deps: PipelineDeps, env: Env, log: Logger): JournalConsumers {
  const controller = new AbortController();
  const offsets = createJournalOffsets(deps.redis, deps.keys);
  const running = deps.connections
    .list()
    .map((runtime) => runtime.config)
    .filter((c): c is HubspotConnectionConfig => c.provider === 'hubspot' && c.changes === 'journal')
    .map((config) => {
      if (config.auth.type !== 'oauth') throw new Error(`connection ${config.id}: journal needs oauth auth`);
      const journal = createJournalClient({
        baseUrl: config.baseUrl,
        clientId: config.auth.clientId,
        clientSecret: config.auth.clientSecret,
        portalId: config.portalId,
        timeoutMs: config.limits.timeoutMs,
        now: deps.now,
      });
      const consumerLog = log.child({ component: 'hubspot-journal', connection: config.id });
      return runJournalConsumer({
        connectionId: config.id,
        portalId: config.portalId,
        journal,
        offsets,
        status: offsets,
        spool: deps.spool,
        leases: deps.leases,
        scheduleIngest: (id) => deps.scheduler.ingest(id),
        resyncAll: async (id) => {
          const runtime = deps.connections.get(id);
          const types = runtime === undefined ? [] : [...mappingSources(await runtime.mapping())];
          await Promise.all(types.map((t) => deps.scheduler.syncNow(id, t)));
          return types;
        },
        now: deps.now,
        log: consumerLog,
        pollMs: env.HUBSPOT_JOURNAL_POLL_MS,
        leaseTtlMs: 10_000,
        signal: controller.signal,
      }).catch((err: unknown) => consumerLog.error({ err }, 'HubSpot journal reader stopped'));
    });
  return {
    async close() {
      controller.abort();
      await Promise.all(running);
    },
  };
}
