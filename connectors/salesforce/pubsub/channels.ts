/**
 * One standard per-object channel per object the mapping reads: `/data/LeadChangeEvent`, and
 * `/data/Foo__ChangeEvent` for a custom object `Foo__c`.
 * https://developer.salesforce.com/docs/platform/change-data-capture/guide/cdc-subscribe-channels.html
 *
 * Per-object channels need no setup beyond selecting the objects for Change Data Capture, where a
 * custom channel needs a PlatformEventChannel + members deployed through the Metadata API. Either way
 * the objects count against the org's entity selections: 5 across all channels without the Change
 * Data Capture add-on. The default mapping reads 4 (Lead, Contact, Account, Opportunity).
 * https://developer.salesforce.com/docs/platform/change-data-capture/guide/cdc-allocations.html
 */
export function changeEventChannel(objectType: string): string {
  return `/data/${objectType.replace(/__c$/, '__')}ChangeEvent`;
}

/** Salesforce's per-org default number of entities selected for change events (all channels). */
export const CDC_DEFAULT_ENTITY_SELECTIONS = 5;
