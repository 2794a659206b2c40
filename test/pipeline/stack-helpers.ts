import { randomUUID } from 'node:crypto';
import type { RecordStore } from '../../connectors/sandbox/store.js';
import { createLogger } from '../../src/core/logger.js';
import {
  startEmbeddedStack,
  type EmbeddedStack,
  type EmbeddedStackOptions,
} from '../../src/embedded/start-embedded-stack.js';
import { waitUntilIdle } from '../../src/embedded/wait-until-idle.js';
import { mappingSources } from '../../src/ingest/mapping-sources.js';
import { TEST_REDIS_URL, deleteKeys } from '../helpers/redis.js';

export const UI_USER = { userId: '9000001' };

export async function startTestStack(
  options: Partial<EmbeddedStackOptions> = {},
): Promise<{ stack: EmbeddedStack; prefix: string; stop(): Promise<void> }> {
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  const stack = await startEmbeddedStack({
    log: createLogger({ level: 'silent' }),
    seed: true,
    // Pipeline tests drive Salesforce changes through outbound messages; the Pub/Sub path has its own tests.
    salesforceChanges: 'outbound',
    ...options,
    env: {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      INGEST_WINDOW_MS: '50',
      WRITE_BACK_WINDOW_MS: '50',
      REDIS_AUTOSTART: 'false',
      ...options.env,
    },
  });
  return {
    stack,
    prefix,
    stop: async () => {
      await stack.close();
      const { Redis } = await import('ioredis');
      const redis = new Redis(TEST_REDIS_URL);
      await deleteKeys(redis, `*${prefix}*`);
      redis.disconnect();
    },
  };
}

/** Runs the incremental sync of every mapped object type of every connection, then waits for all work. */
export async function syncEverything(stack: EmbeddedStack, timeoutMs = 30_000): Promise<void> {
  const { deps } = stack.service;
  for (const runtime of deps.connections.list()) {
    for (const objectType of mappingSources(await runtime.mapping()))
      await deps.scheduler.syncNow(runtime.config.id, objectType);
  }
  await waitUntilIdle(deps, timeoutMs);
}

export async function settle(stack: EmbeddedStack, timeoutMs = 30_000): Promise<void> {
  await Promise.all([stack.salesforce.webhooks.flush(), stack.hubspot.webhooks.flush()]);
  await waitUntilIdle(stack.service.deps, timeoutMs);
}

/** Our fields on people, keyed by object and email, with "duplicate of" as the target's email, so runs compare. */
const ID_FIELDS = new Set([
  'PS_Duplicate_Of__c',
  'PS_Duplicate_Of_Lead__c',
  'PS_Duplicate_Of_Contact__c',
  'ps_duplicate_of',
]);
const WHY_LINK_FIELDS = new Set(['PS_Why_Link__c', 'ps_why_link']);

/**
 * A "Why?" link names the service's address and is signed with the stack's own key, so two stacks
 * agree only on what it points at: the connection, the object and the record (by its email).
 */
function whyLinkTarget(link: string, byId: ReadonlyMap<string, string>): string {
  const [, , connection, object, id] = new URL(link).pathname.split('/');
  return `why:${connection ?? ''}/${object ?? ''}/${byId.get(id ?? '') ?? id ?? ''}`;
}

export function duplicateFlags(
  store: RecordStore,
  objects: readonly string[],
  prefix: 'PS_' | 'ps_',
): Record<string, Record<string, unknown>> {
  const emailOf = (fields: Record<string, unknown>): string => {
    const email = fields['Email'] ?? fields['email'];
    return typeof email === 'string' ? email.toLowerCase() : '';
  };
  const byId = new Map<string, string>();
  for (const object of objects)
    for (const r of store.list(object)) byId.set(r.id, `${object}:${emailOf(r.fields)}`);
  const out: Record<string, Record<string, unknown>> = {};
  for (const object of objects) {
    for (const record of store.list(object)) {
      const ours: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(record.fields)) {
        if (!k.startsWith(prefix)) continue;
        ours[k] = ID_FIELDS.has(k)
          ? (byId.get(String(v)) ?? v)
          : WHY_LINK_FIELDS.has(k) && typeof v === 'string'
            ? whyLinkTarget(v, byId)
            : v;
      }
      out[
        `${object}:${emailOf(record.fields)}:${String(record.fields['FirstName'] ?? record.fields['firstname'] ?? '')}`
      ] = ours;
    }
  }
  return out;
}
