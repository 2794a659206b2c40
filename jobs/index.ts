import type { AnyJobDefinition } from '../src/queue/job-definition.js';
import type { ServiceDeps } from '../src/service.js';

/** Every job the workers run, one file per job in this folder. */
export const allJobs: readonly AnyJobDefinition<ServiceDeps>[] = [];
