import { z } from 'zod';

/** Queue and name of every pipeline job, and the data each one takes (parsed by the worker runtime). */
export const JOBS = {
  ingestEvents: { queue: 'crm-events', name: 'ingest-events' },
  syncIncremental: { queue: 'crm-events', name: 'sync-incremental' },
  detectDuplicates: { queue: 'dedupe', name: 'detect-duplicates' },
  attributeDeal: { queue: 'attribution', name: 'attribute-deal' },
  reviewRegistration: { queue: 'registration', name: 'review-registration' },
  expireRegistrations: { queue: 'registration', name: 'expire-registrations' },
  writeBack: { queue: 'write-back', name: 'write-back' },
} as const;

const ConnectionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const Ids = z.array(z.string().min(1)).min(1).max(5_000);

export const IngestEventsData = z.object({ connection: ConnectionId });
export const SyncIncrementalData = z.object({ connection: ConnectionId, objectType: z.string().min(1) });
export const DetectDuplicatesData = z.object({ connection: ConnectionId, personIds: Ids });
export const AttributeDealData = z.object({ connection: ConnectionId, opportunityIds: Ids });
export const ReviewRegistrationData = z.object({ connection: ConnectionId, registrationIds: Ids });
export const ExpireRegistrationsData = z.object({ connection: ConnectionId });
export const WriteBackData = z.object({ connection: ConnectionId });
