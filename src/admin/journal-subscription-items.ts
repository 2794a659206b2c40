import type { ConnectionConfig } from '../../connectors/connection-config.js';
import { HUBSPOT_MAPPING_ASSOCIATIONS } from '../../connectors/hubspot/associations.js';
import { ensureJournalSubscriptions } from '../../connectors/hubspot/journal/journal-subscriptions.js';
import {
  wantedSubscription,
  type WantedSubscription,
} from '../../connectors/hubspot/journal/subscription-plan.js';
import { standardTypeId } from '../../connectors/hubspot/standard-objects.js';
import type { CallContext, ProvisionItem } from '../../connectors/port.js';
import { sourceFieldsOf } from '../../mappings/source-fields.js';
import { CrmRejectedError } from '../core/errors/index.js';
import { mappingSources } from '../ingest/mapping-sources.js';
import type { ConnectionRuntime } from '../queue/pipeline-deps.js';

/** A mapped type's objectTypeId: standard ids as documented, custom objects through the schemas API. */
async function objectTypeIdOf(
  runtime: ConnectionRuntime,
  type: string,
  ctx: CallContext,
): Promise<string | undefined> {
  const standard = standardTypeId(type);
  const { connector } = runtime;
  if (standard !== undefined || connector.apiType === undefined) return standard;
  try {
    const name = await connector.apiType(type, ctx);
    return /^\d+-\d+$/.test(name) ? name : undefined;
  } catch (err) {
    if (err instanceof CrmRejectedError) return undefined;
    throw err;
  }
}

/** A mapped type without an objectTypeId: a custom object a dry run has not created yet, or none here. */
function unresolved(type: string, dryRun: boolean): ProvisionItem {
  const name = `${type}.journal`;
  if (dryRun)
    return { kind: 'subscription', name, status: 'would_create', detail: 'once its custom object exists' };
  const detail =
    'no objectTypeId for this type on this portal (custom objects unavailable?); nothing subscribed';
  return { kind: 'subscription', name, status: 'fallback', detail };
}

/**
 * `provision` for a HubSpot connection reading the webhooks journal: the journal holds only the
 * changes the app subscribed to, so every mapped object type gets the OBJECT subscription the sync
 * needs. Other connections: nothing.
 */
export async function journalSubscriptionItems(
  config: ConnectionConfig,
  runtime: ConnectionRuntime,
  dryRun: boolean,
  ctx: CallContext,
): Promise<ProvisionItem[]> {
  if (config.provider !== 'hubspot' || config.changes !== 'journal' || config.auth.type !== 'oauth')
    return [];
  const mapping = await runtime.mapping();
  const wanted: WantedSubscription[] = [];
  const items: ProvisionItem[] = [];
  for (const type of [...mappingSources(mapping)].sort()) {
    const typeId = await objectTypeIdOf(runtime, type, ctx);
    if (typeId === undefined) {
      items.push(unresolved(type, dryRun));
      continue;
    }
    const reads = sourceFieldsOf(mapping, type) ?? [];
    const associations = (HUBSPOT_MAPPING_ASSOCIATIONS[type]?.length ?? 0) > 0;
    wanted.push(wantedSubscription(type, typeId, reads, associations));
  }
  if (config.portalId === undefined) {
    const detail = "set the connection's portalId: journal subscriptions are made per portal";
    return [
      ...items,
      ...wanted.map((w) => ({
        kind: 'subscription' as const,
        name: `${w.type}.journal`,
        status: 'failed' as const,
        detail,
      })),
    ];
  }
  const target = {
    baseUrl: config.baseUrl,
    clientId: config.auth.clientId,
    clientSecret: config.auth.clientSecret,
    portalId: config.portalId,
    timeoutMs: config.limits.timeoutMs,
    now: Date.now,
  };
  return [...items, ...(await ensureJournalSubscriptions(target, wanted, dryRun))];
}
