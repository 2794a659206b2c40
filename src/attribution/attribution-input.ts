import type { DealRegistration, Opportunity, Partner, PartnerTouch, Person } from '../domain/entities.js';

/** Everything the engine looks at for one opportunity. `now` is a parameter: the engine has no clock. */
export interface AttributionInput {
  readonly opportunity: Opportunity;
  readonly partners: readonly Partner[];
  /** Registrations that may be linked to the opportunity (others are ignored). */
  readonly registrations: readonly DealRegistration[];
  /** The lead(s) the opportunity may have come from (matched by `sourceLeadId` or `convertedOpportunityId`). */
  readonly leads: readonly Person[];
  readonly touches: readonly PartnerTouch[];
  readonly now: string;
}
