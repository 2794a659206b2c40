/**
 * API calls per 1,000 changes on the whole path (re-reads, association reads, writes) beside the fewest
 * the same mix needs at full vendor batches: for each kind, ⌈records carried ÷ vendor maximum⌉.
 */
import type { CallCounterSnapshot } from '../../connectors/sandbox/call-counter.js';

export interface CallKind {
  readonly name: string;
  readonly endpoint: RegExp;
  /** Records one call of this kind may carry (the vendor's documented maximum). */
  readonly perCall: number;
}

// https://developers.hubspot.com/docs/api-reference/crm-objects-v3/guide#batch-endpoints (100 per batch);
// https://developers.hubspot.com/changelog/bug-fix-batch-read-limit-for-hubspot-associations-api (1,000 ids).
export const HUBSPOT_KINDS: readonly CallKind[] = [
  { name: 'reRead', endpoint: /^POST \/crm\/objects\/[^ ]*\/batch\/read$/, perCall: 100 },
  { name: 'associationRead', endpoint: /^POST \/crm\/associations\/[^ ]*\/batch\/read$/, perCall: 1_000 },
  { name: 'write', endpoint: /^POST \/crm\/objects\/[^ ]*\/batch\/(update|create|upsert)$/, perCall: 100 },
];

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_retrieve_post.htm (2,000);
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm (200).
export const SALESFORCE_KINDS: readonly CallKind[] = [
  {
    name: 'reRead',
    endpoint: /^POST \/services\/data\/:version\/composite\/sobjects\/:sobject$/,
    perCall: 2_000,
  },
  { name: 'write', endpoint: /^(PATCH|POST) \/services\/data\/:version\/composite\/sobjects$/, perCall: 200 },
];

export interface CallMix {
  readonly callsPer1000Changes: number;
  readonly minCallsPer1000Changes: number;
  readonly otherCalls: number;
  readonly rateLimited: number;
  readonly byKind: Readonly<Record<string, { readonly calls: number; readonly records: number }>>;
}

const sumOver = (table: Readonly<Record<string, number>>, endpoint: RegExp): number =>
  Object.entries(table).reduce((sum, [key, n]) => (endpoint.test(key) ? sum + n : sum), 0);

const delta = (before: CallCounterSnapshot, after: CallCounterSnapshot, endpoint: RegExp, items: boolean) =>
  items
    ? sumOver(after.itemsByEndpoint, endpoint) - sumOver(before.itemsByEndpoint, endpoint)
    : sumOver(after.byEndpoint, endpoint) - sumOver(before.byEndpoint, endpoint);

const per1000 = (value: number, changes: number): number => Math.round((value * 10_000) / changes) / 10;

export function callMix(
  kinds: readonly CallKind[],
  before: CallCounterSnapshot,
  after: CallCounterSnapshot,
  changes: number,
): CallMix {
  const byKind = Object.fromEntries(
    kinds.map((k) => [
      k.name,
      { calls: delta(before, after, k.endpoint, false), records: delta(before, after, k.endpoint, true) },
    ]),
  );
  const calls = after.total - before.total;
  const fewest = kinds.reduce((sum, k) => sum + Math.ceil((byKind[k.name]?.records ?? 0) / k.perCall), 0);
  return {
    callsPer1000Changes: per1000(calls, changes),
    minCallsPer1000Changes: per1000(fewest, changes),
    otherCalls: calls - kinds.reduce((sum, k) => sum + (byKind[k.name]?.calls ?? 0), 0),
    rateLimited: after.rateLimited - before.rateLimited,
    byKind,
  };
}
