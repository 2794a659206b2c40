import type { PipelineDeps } from '../src/pipeline/pipeline-deps.js';
import type { AnyJobDefinition } from '../src/queue/job-definition.js';
import { detectDuplicates } from './detect-duplicates.js';
import { attributeDeal } from './attribute-deal.js';
import { expireRegistrationsJob } from './expire-registrations.js';
import { ingestEvents } from './ingest-events.js';
import { reviewRegistration } from './review-registration.js';
import { syncIncremental } from './sync-incremental.js';
import { writeBack } from './write-back.js';

/** Every job the workers run, one file per job in this folder. */
export const allJobs: readonly AnyJobDefinition<PipelineDeps>[] = [
  ingestEvents,
  syncIncremental,
  writeBack,
  detectDuplicates,
  attributeDeal,
  reviewRegistration,
  expireRegistrationsJob,
];
