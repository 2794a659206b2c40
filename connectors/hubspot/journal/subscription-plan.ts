import type { SubscriptionAction, SubscriptionResponse } from './subscription-schemas.js';

/** The journal subscription one mapped object type needs. */
export interface WantedSubscription {
  /** The mapping's name (`contacts`, `ps_deal_registration`), for the report. */
  readonly type: string;
  readonly objectTypeId: string;
  readonly actions: readonly SubscriptionAction[];
  readonly properties: readonly string[];
}

/**
 * Pure: what the sync needs to hear of one type: creations, property changes of the properties the
 * mapping reads, deletions, merges and restores, and association changes when the mapping reads
 * the type's associations.
 */
export function wantedSubscription(
  type: string,
  objectTypeId: string,
  properties: readonly string[],
  readsAssociations: boolean,
): WantedSubscription {
  const actions: SubscriptionAction[] = ['CREATE', 'UPDATE', 'DELETE', 'MERGE', 'RESTORE'];
  if (readsAssociations) actions.push('ASSOCIATION_ADDED', 'ASSOCIATION_REMOVED');
  return { type, objectTypeId, actions, properties: [...new Set(properties)].sort() };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && new Set([...a, ...b]).size === new Set(a).size;

export type SubscriptionChange =
  | { readonly kind: 'existed' }
  | { readonly kind: 'create' }
  | { readonly kind: 'update'; readonly detail: string };

/** Pure: whether the app's existing OBJECT subscription for the type already says what we want. */
export function subscriptionChange(
  wanted: WantedSubscription,
  portalId: number,
  existing: readonly SubscriptionResponse[],
): SubscriptionChange {
  const found = existing.find(
    (s) =>
      s.subscriptionType === 'OBJECT' && s.objectTypeId === wanted.objectTypeId && s.portalId === portalId,
  );
  if (found === undefined) return { kind: 'create' };
  const properties = found.properties ?? [];
  const narrowed = (found.objectIds ?? []).length > 0;
  if (sameSet(found.actions, wanted.actions) && sameSet(properties, wanted.properties) && !narrowed)
    return { kind: 'existed' };
  const added = wanted.properties.filter((p) => !properties.includes(p));
  const dropped = properties.filter((p) => !wanted.properties.includes(p));
  const parts = [
    sameSet(found.actions, wanted.actions) ? '' : `actions ${wanted.actions.join(',')}`,
    added.length > 0 ? `adds properties ${added.join(', ')}` : '',
    dropped.length > 0 ? `drops properties ${dropped.join(', ')}` : '',
    narrowed ? 'all objects (was limited to some objectIds)' : '',
  ];
  return { kind: 'update', detail: parts.filter((p) => p !== '').join('; ') };
}
