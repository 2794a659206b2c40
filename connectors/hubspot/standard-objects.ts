/**
 * HubSpot's standard objects: the plural name the CRM API takes (`contacts`), the singular name webhook
 * subscription types use (`contact.creation`), and the objectTypeId that generic events and journal
 * subscriptions carry (`0-1`).
 * https://developers.hubspot.com/docs/api/crm/understanding-the-crm#object-type-ids
 */
const STANDARD_OBJECTS: readonly { plural: string; singular: string; typeId: string }[] = [
  { plural: 'contacts', singular: 'contact', typeId: '0-1' },
  { plural: 'companies', singular: 'company', typeId: '0-2' },
  { plural: 'deals', singular: 'deal', typeId: '0-3' },
  { plural: 'tickets', singular: 'ticket', typeId: '0-5' },
  { plural: 'products', singular: 'product', typeId: '0-7' },
  { plural: 'line_items', singular: 'line_item', typeId: '0-8' },
  { plural: 'quotes', singular: 'quote', typeId: '0-14' },
  { plural: 'leads', singular: 'lead', typeId: '0-136' },
];

const TYPE_ID_BY_PLURAL = new Map(STANDARD_OBJECTS.map((o) => [o.plural, o.typeId]));
const SINGULAR_BY_TYPE_ID = new Map(STANDARD_OBJECTS.map((o) => [o.typeId, o.singular]));

/** `0-1` for `contacts`; undefined for a custom object or an unknown name. */
export function standardTypeId(plural: string): string | undefined {
  return TYPE_ID_BY_PLURAL.get(plural.toLowerCase());
}

/** `contact` for `0-1`; undefined for a custom object's id. */
export function standardSingularName(typeId: string): string | undefined {
  return SINGULAR_BY_TYPE_ID.get(typeId);
}
