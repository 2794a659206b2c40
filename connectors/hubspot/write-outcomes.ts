/**
 * Records per CRM batch call (update, upsert, archive): the vendor takes at most 100.
 * https://developers.hubspot.com/docs/api-reference/crm-objects-v3/guide#batch-endpoints
 */
export const HUBSPOT_WRITE_BATCH = 100;

/** Whether a rejected write's category says the record is gone (`OBJECT_NOT_FOUND`), so deleting it is done. */
export const isHubspotRecordGone = (crmCode: string): boolean => /NOT_FOUND/.test(crmCode);
