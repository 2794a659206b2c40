import type { WhyTarget } from '../../why-link/why-link.js';
import { personView } from '../../why-page/person-view.js';
import type { WhyView } from '../../why-page/why-view.js';
import { loadOpportunityView, loadRegistrationView } from './load-decision-views.js';
import type { WhyStores } from './why-stores.js';

async function loadPersonView(stores: WhyStores, t: WhyTarget): Promise<WhyView | null> {
  const [status] = await stores.duplicates.statuses(t.connection, [t.recordId]);
  if (status === null || status === undefined) return null;
  const self = await stores.mirror.get(t.connection, 'person', t.recordId);
  const otherId = status.duplicateOf ?? self?.entity.dismissedDuplicateOf ?? null;
  const other = otherId === null ? null : await stores.mirror.get(t.connection, 'person', otherId);
  const reviews = await stores.pairReviews.ofRecord(t.connection, t.recordId);
  return personView({ status, self: self?.entity ?? null, other: other?.entity ?? null, reviews });
}

/** The page of one verified record, or null when we decided nothing about it. */
export async function loadWhyView(stores: WhyStores, target: WhyTarget): Promise<WhyView | null> {
  switch (target.object) {
    case 'person':
      return loadPersonView(stores, target);
    case 'registration':
      return loadRegistrationView(stores, target);
    case 'opportunity':
      return loadOpportunityView(stores, target);
  }
}
