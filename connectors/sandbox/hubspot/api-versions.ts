/**
 * The path prefixes a HubSpot portal serves for each API family: the date-versioned 2026-03 API (GA
 * 2026-03-30) and the legacy version, with the same request and response shapes. A real portal still
 * answers the legacy paths until they lose support (v4 associations on 2027-03-30, v1–v3 in September
 * 2027), so the sandbox serves both, and counts the legacy calls so tests can prove a client avoids them.
 * https://developers.hubspot.com/docs/api-reference/latest/overview
 * https://developers.hubspot.com/changelog/deprecating-support-for-hubspot-v4-apis
 * https://developers.hubspot.com/changelog/legacy-apis-and-legacy-apps-whats-going-unsupported-and-when
 */
export const DATED = '2026-03';

/** Objects: list/get/create/update/delete, search, batch, merge, GDPR delete. */
export const OBJECT_PREFIXES = [`/crm/objects/${DATED}`, '/crm/v3/objects'] as const;

/** One record's associations (`/{objectType}/{objectId}/associations/…`). */
export const RECORD_ASSOCIATION_PREFIXES = [`/crm/objects/${DATED}`, '/crm/v4/objects'] as const;

/** Associations between two object types: batch read/create/archive, labels. */
export const ASSOCIATION_PREFIXES = [`/crm/associations/${DATED}`, '/crm/v4/associations'] as const;

/** Properties and property groups. */
export const PROPERTY_PREFIXES = [`/crm/properties/${DATED}`, '/crm/v3/properties'] as const;

/** Custom object schemas. */
export const SCHEMA_PREFIXES = [
  `/crm-object-schemas/${DATED}/schemas`,
  '/crm-object-schemas/v3/schemas',
] as const;

/** A legacy (versioned, not dated) CRM path: `/crm/v3/…`, `/crm/v4/…`, `/crm-object-schemas/v3/…`. */
export const isLegacyCrmPath = (path: string): boolean =>
  /^\/crm(?:-object-schemas)?\/v\d+\//.test(path) || /^\/crm\/(?:objects|associations)\/v\d+\//.test(path);
