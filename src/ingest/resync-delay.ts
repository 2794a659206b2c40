/**
 * How long after a change event that names no fields (a gap, an overflow, a refused replay id) its
 * incremental sync runs. The Salesforce listing reads up to a whole second at least one second behind
 * its start (connectors/salesforce/change-listing.ts), so a sync started at once misses the very changes
 * the event stands for. One due ≥ 3 s later covers them, also when it shares its due second (its job
 * id, see `syncNow`) with an earlier request.
 */
export const RESYNC_DELAY_MS = 3_000;
