import type { WriteGroup } from './plan-writes.js';

/**
 * Splits a group into vendor-sized batches, so the outcome of each call is recorded as soon as it
 * returns: a rate limit or failure on a later call then never makes a retry send again what an
 * earlier call already wrote.
 */
export function vendorBatches(group: WriteGroup, size: number): WriteGroup[] {
  const out: WriteGroup[] = [];
  for (let i = 0; i < group.writes.length; i += size)
    out.push({ ...group, writes: group.writes.slice(i, i + size) });
  return out;
}
