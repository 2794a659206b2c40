import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ConnectionConfig } from '../../connectors/connection-config.js';
import { hubspotDefaultSchema } from '../../connectors/hubspot/default-schema.js';
import type { CrmConnector, FieldDescription, ProvisionReport, SchemaSpec } from '../../connectors/port.js';
import { salesforceDefaultSchema } from '../../connectors/salesforce/default-schema.js';
import { buildSalesforceMetadataPackage } from '../../connectors/salesforce/metadata-package.js';
import { mappingObjects } from '../admin/describe-for-mapping.js';
import { fieldAccessIssues } from '../admin/field-access.js';
import type { Mapping } from '../../mappings/schema.js';
import { ConfigError, CrmRejectedError } from '../core/errors/index.js';
import type { Logger } from '../core/logger.js';
import type { RetryOptions } from '../../connectors/with-retries.js';
import { cliRetry } from './cli-retry.js';
import { journalSubscriptionItems } from '../admin/journal-subscription-items.js';
import { buildConnections } from '../queue/build-connections.js';
import { ensureRedis } from '../queue/local-redis.js';
import { createRedis } from '../queue/redis.js';
import type { RedisTarget } from '../queue/redis-target.js';
import type { KeySpace } from '../store/keys.js';

export interface ProvisionOptions {
  readonly configs: readonly ConnectionConfig[];
  readonly connectionId: string;
  readonly dryRun: boolean;
  /** Write the deployable Salesforce metadata package here instead of calling the CRM. */
  readonly emitMetadata?: string | undefined;
  /** A `redis://` URL or a Redis Cluster. */
  readonly redis: string | RedisTarget;
  readonly autostartRedis: boolean;
  readonly keys: KeySpace;
  readonly log: Logger;
  readonly out: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Retries of transient CRM failures (default: shown on stderr). */
  readonly retry?: RetryOptions;
}

export function defaultSchemaOf(provider: ConnectionConfig['provider'], dryRun: boolean): SchemaSpec {
  return provider === 'salesforce' ? salesforceDefaultSchema(dryRun) : hubspotDefaultSchema(dryRun);
}

const LABEL = {
  existed: 'exists',
  created: 'created',
  would_create: 'would create',
  updated: 'updated',
  would_update: 'would update',
  failed: 'FAILED',
  fallback: 'fallback',
} as const;

export function formatReport(connectionId: string, report: ProvisionReport): string[] {
  const lines = [`${connectionId} (${report.provider}${report.dryRun ? ', dry run' : ''}):`];
  // Six fits every kind but `subscription`, which widens the column only in reports that have one.
  const kindWidth = Math.max(6, ...report.items.map((i) => i.kind.length));
  for (const i of report.items) {
    const detail = i.detail === undefined ? '' : `  ${i.detail}`;
    lines.push(`  ${LABEL[i.status].padEnd(12)} ${i.kind.padEnd(kindWidth)} ${i.name}${detail}`);
  }
  const counts = new Map<string, number>();
  for (const i of report.items) counts.set(LABEL[i.status], (counts.get(LABEL[i.status]) ?? 0) + 1);
  lines.push(`  ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing to do'}`);
  return lines;
}

async function emitMetadata(
  config: ConnectionConfig,
  dir: string,
  out: (line: string) => void,
): Promise<void> {
  if (config.provider !== 'salesforce')
    throw new ConfigError(
      `--emit-metadata: connection "${config.id}" is HubSpot; the package is for Salesforce`,
    );
  const files = buildSalesforceMetadataPackage(salesforceDefaultSchema(false), config.apiVersion);
  for (const [path, text] of Object.entries(files)) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text, 'utf8');
  }
  out(`wrote ${Object.keys(files).length} files of the Salesforce metadata package to ${dir}`);
}

/** Describe (fresh) of every object the mapping uses; an object the CRM refuses is left out. */
async function describeAll(
  connector: CrmConnector,
  mapping: Mapping,
  signal: AbortSignal,
): Promise<Record<string, FieldDescription[]>> {
  const out: Record<string, FieldDescription[]> = {};
  for (const object of mappingObjects(mapping)) {
    try {
      out[object] = await connector.describe(object, { signal, fresh: true });
    } catch (err) {
      if (!(err instanceof CrmRejectedError)) throw err;
    }
  }
  return out;
}

/**
 * `partnersync provision`: creates the fields and objects of docs/crm-contract.md in one connection, idempotently.
 * A dry run (all reads) always goes first, so bad credentials or missing permissions fail before
 * anything is written, with one error naming the connection. Returns null when only a package was emitted.
 */
export async function provisionConnection(opts: ProvisionOptions): Promise<ProvisionReport | null> {
  const config = opts.configs.find((c) => c.id === opts.connectionId);
  if (config === undefined) {
    const known = opts.configs.map((c) => c.id).join(', ') || 'none';
    throw new ConfigError(`no connection "${opts.connectionId}" is configured (configured: ${known})`);
  }
  if (opts.emitMetadata !== undefined) {
    await emitMetadata(config, opts.emitMetadata, opts.out);
    return null;
  }
  const endpoint = await ensureRedis(opts.redis, { autostart: opts.autostartRedis });
  const redis = createRedis(endpoint.target, 'worker');
  try {
    const runtime = buildConnections([config], {
      redis,
      keys: opts.keys,
      log: opts.log,
      retry: opts.retry ?? cliRetry(),
    }).get(config.id);
    if (runtime === undefined) throw new Error(`connection ${config.id} was not built`);
    const ctx = { signal: opts.signal ?? new AbortController().signal, timeoutMs: config.limits.timeoutMs };
    const plan = await runtime.connector.ensureSchema(defaultSchemaOf(config.provider, true), ctx);
    const pending = plan.items.some((i) => i.status === 'would_create' || i.status === 'would_update');
    const made =
      opts.dryRun || !pending
        ? { ...plan, dryRun: opts.dryRun }
        : await runtime.connector.ensureSchema(defaultSchemaOf(config.provider, false), ctx);
    // Salesforce: check as our own user that every field the mapping reads is readable and every
    // field it writes is writable (field-level security), naming the fix for each that is not.
    const report =
      opts.dryRun || config.provider !== 'salesforce'
        ? made
        : {
            ...made,
            items: [
              ...made.items,
              ...fieldAccessIssues(
                await runtime.mapping(),
                await describeAll(runtime.connector, await runtime.mapping(), ctx.signal),
              ),
            ],
          };
    const subscriptions = await journalSubscriptionItems(config, runtime, opts.dryRun, ctx);
    const full = { ...report, items: [...report.items, ...subscriptions] };
    for (const line of formatReport(config.id, full)) opts.out(line);
    return full;
  } finally {
    redis.disconnect();
    await endpoint.stop();
  }
}
