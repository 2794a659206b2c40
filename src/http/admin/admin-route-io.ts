import type { JobScheduler } from '../../queue/job-scheduler.js';
import type { Stores } from '../../store/stores.js';

/**
 * What the admin routes that read decisions or schedule jobs are built from: the stores the service
 * built once, the scheduler and the clock. Routes never open Redis themselves.
 */
export interface AdminRouteIo {
  readonly stores: Stores;
  readonly scheduler: JobScheduler;
  readonly now: () => number;
}
