/**
 * Every HubSpot CRM path the connector calls, on the date-versioned APIs (GA 2026-03-30). The legacy
 * `/crm/v4/associations…` paths lose support on 2027-03-30 and `/crm/v3/…` in September 2027, so no
 * call goes there; request and response bodies are the same as on v3/v4.
 * https://developers.hubspot.com/docs/api-reference/latest/overview
 * https://developers.hubspot.com/changelog/deprecating-support-for-hubspot-v4-apis
 * https://developers.hubspot.com/docs/api-reference/legacy/migration-guide
 */
export const HUBSPOT_API_VERSION = '2026-03';

const seg = (s: string): string => encodeURIComponent(s);

/**
 * Objects: list (`?archived=true`), `/search`, `/batch/read|create|update|upsert|archive`.
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/objects/custom-objects/batch/upsert-custom-objects
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/search-the-crm
 */
export const objectsPath = (objectType: string): string =>
  `/crm/objects/${HUBSPOT_API_VERSION}/${seg(objectType)}`;

/**
 * Associations between two object types: `/batch/read|create|archive` and `/labels` (types).
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/associations/associate-records/batch/get-associations
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/associations/associations-schema/labels/get-associations-label
 */
export const associationsPath = (fromObjectType: string, toObjectType: string): string =>
  `/crm/associations/${HUBSPOT_API_VERSION}/${seg(fromObjectType)}/${seg(toObjectType)}`;

/**
 * Properties of an object type, and its property groups (`/groups`, `/groups/{name}`).
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/properties/property-groups/get-properties
 */
export const propertiesPath = (objectType: string): string =>
  `/crm/properties/${HUBSPOT_API_VERSION}/${seg(objectType)}`;

/**
 * Custom object schemas (list, create).
 * https://developers.hubspot.com/docs/api-reference/2026-03/crm/objects/schemas/guide
 */
export const SCHEMAS_PATH = `/crm-object-schemas/${HUBSPOT_API_VERSION}/schemas`;
