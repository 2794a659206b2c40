import type { JobDeps } from '../src/queue/pipeline-deps.js';
import type { AnyJobDefinition } from '../src/queue/job-definition.js';
import { detectDuplicates } from './detect-duplicates/detect-duplicates.js';
import { attributeDeal } from './attribute-deal/attribute-deal.js';
import { expireRegistrationsJob } from './expire-registrations/expire-registrations.js';
import { ingestEvents } from './ingest-events/ingest-events.js';
import { reviewRegistration } from './review-registration/review-registration.js';
import { syncIncremental } from './sync-incremental/sync-incremental.js';
import { writeBack } from './write-back/write-back.js';

/** Every job the workers run, one file per job in this folder. */
export const allJobs: readonly AnyJobDefinition<JobDeps>[] = [
  ingestEvents,
  syncIncremental,
  writeBack,
  detectDuplicates,
  attributeDeal,
  reviewRegistration,
  expireRegistrationsJob,
];
