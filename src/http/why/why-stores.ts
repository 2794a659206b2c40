import type { Stores } from '../../store/stores.js';

/** The stores a page reads: decisions, duplicate statuses and reviews, and the mirror for names. */
export type WhyStores = Pick<Stores, 'decisions' | 'duplicates' | 'pairReviews' | 'mirror'>;

/** A partner's name for a page; never its id, which means nothing to a rep. */
export async function partnerNames(
  stores: WhyStores,
  connection: string,
  ids: readonly (string | null)[],
): Promise<(id: string | null) => string> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const found = await stores.mirror.getMany(connection, 'partner', wanted);
  const names = new Map(found.flatMap((p) => (p === null ? [] : [[p.entity.id, p.entity.name] as const])));
  return (id) => (id === null ? 'no partner' : (names.get(id) ?? 'an unknown partner'));
}
