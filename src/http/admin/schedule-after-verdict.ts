import type { DealRegistration } from '../../domain/entities.js';
import type { JobScheduler } from '../../queue/job-scheduler.js';
import type { RelationIndex } from '../../store/relation-index.js';

/** What the review job schedules after a decision, scheduled after a person's verdict too. */
export async function scheduleAfterVerdict(
  scheduler: JobScheduler,
  relations: RelationIndex,
  connection: string,
  r: DealRegistration,
  verdict: 'approved' | 'rejected',
): Promise<void> {
  // Rivals for the same customer that still wait are reviewed again (this one is decided, so that
  // review skips it).
  await scheduler.reviewRegistrations(connection, [r.id]);
  if (verdict !== 'approved') return;
  // An approval can convert into an opportunity that already exists.
  const customer = { company: r.customerCompany, domain: r.customerDomain ?? r.contactEmail };
  const accounts = await relations.accountsOfCustomer(connection, customer);
  const opportunities = await relations.opportunitiesOfAccounts(connection, accounts);
  await scheduler.attributeDeals(connection, opportunities);
}
