import type { DealRegistration, Person } from '../domain/entities.js';
import { normaliseEmail } from '../matching/normalise-email.js';

/** A lead or contact that already has the registration's contact email. */
export interface ExistingPerson {
  readonly id: string;
  readonly score: number;
  readonly reason: string;
}

/**
 * Leads and contacts with the registration's contact email (normalised: case, `+tags`, Gmail dots), by
 * id. They are kept as evidence so the registration links to the person instead of creating another
 * lead; they never change the decision.
 */
export function findExistingPeople(
  registration: DealRegistration,
  people: readonly Person[],
): ExistingPerson[] {
  const contact = normaliseEmail(registration.contactEmail);
  if (contact === null) return [];
  return people
    .filter((person) => normaliseEmail(person.email)?.address === contact.address)
    .map((person) => ({ id: person.id, score: 1, reason: `existing ${person.kind} with the same email` }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
