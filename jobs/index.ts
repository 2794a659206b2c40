import type { PipelineDeps } from '../src/pipeline/pipeline-deps.js';
import type { AnyJobDefinition } from '../src/queue/job-definition.js';
import { ingestEvents } from './ingest-events.js';
import { syncIncremental } from './sync-incremental.js';
import { writeBack } from './write-back.js';

/** Every job the workers run, one file per job in this folder. */
export const allJobs: readonly AnyJobDefinition<PipelineDeps>[] = [ingestEvents, syncIncremental, writeBack];
