import { CrmRejectedError } from '../../src/core/errors/index.js';
import type { CallContext, WriteResult } from '../port.js';
import type { SalesforceClient } from './client.js';
import { rejectAll, toWriteResults } from './save-results.js';
import { SaveResults } from './schemas.js';

/**
 * One sObject Collections request (≤ 200 records, allOrNone=false); a request-level rejection applies
 * to every record in it. `offset` is the index of the chunk's first record in the caller's batch.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm
 */
export async function sendCollection(
  client: SalesforceClient,
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body: unknown,
  ids: readonly (string | null)[],
  ctx: CallContext,
  offset = 0,
): Promise<WriteResult[]> {
  try {
    const saved = await client.call(
      SaveResults,
      { method, path, ...(body !== undefined ? { body } : {}) },
      ctx,
    );
    return toWriteResults(saved, offset, ids);
  } catch (err) {
    if (err instanceof CrmRejectedError)
      return rejectAll(ids.length, offset, err.crmCode, err.message, err.fields);
    throw err;
  }
}
