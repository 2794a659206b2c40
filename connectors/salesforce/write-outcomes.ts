/**
 * Records per sObject Collections call: the vendor takes at most 200.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm
 */
export const SALESFORCE_WRITE_BATCH = 200;

// A status code naming a record that no longer exists (deleted, merged away) or an id that resolves to none.
// https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm
const GONE = /ENTITY_IS_DELETED|NOT_FOUND|INVALID_CROSS_REFERENCE_KEY|INVALID_ID_FIELD/;

/** Whether a rejected write's status code says the record is gone, so deleting it is already done. */
export const isSalesforceRecordGone = (crmCode: string): boolean => GONE.test(crmCode);
