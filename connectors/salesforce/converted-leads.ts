import type { CallContext, WriteResult } from '../port.js';
import { chunk } from '../with-deadline.js';
import { firstQueryPage } from './change-listing.js';
import type { SalesforceClient } from './client.js';
import { soqlId } from './soql.js';

/**
 * A converted lead cannot be updated: every save answers CANNOT_UPDATE_CONVERTED_LEAD
 * (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_convertlead.htm;
 * simple-salesforce/simple-salesforce#341). Its person lives on as the contact it was converted
 * into, which the mapping syncs and writes on its own. The collection call answers each converted
 * lead on its own (allOrNone false), so we send the writes as they are and only then ask, for the
 * leads it refused, which contact each became: the rejection names it and is never retried. Asking
 * first would cost a query for every 200 leads written, to catch a refusal that is rare.
 */
export const CONVERTED_LEAD = 'CANNOT_UPDATE_CONVERTED_LEAD';

/** Converted lead id (15-character form, which 18-character ids start with) → the contact it became. */
export async function convertedLeads(
  client: SalesforceClient,
  ids: readonly string[],
  ctx: CallContext,
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const part of chunk(ids, 200)) {
    const soql =
      'SELECT Id, ConvertedContactId FROM Lead WHERE IsConverted = true AND Id IN ' +
      `(${part.map(soqlId).join(', ')})`;
    const page = await firstQueryPage(client, 'query', soql, ctx);
    for (const r of page.records)
      out.set(
        r.Id.slice(0, 15),
        typeof r['ConvertedContactId'] === 'string' ? r['ConvertedContactId'] : null,
      );
  }
  return out;
}

/** Results with each CANNOT_UPDATE_CONVERTED_LEAD refusal rewritten to name the lead's contact. */
export async function nameConvertedLeads(
  client: SalesforceClient,
  results: readonly WriteResult[],
  ctx: CallContext,
): Promise<WriteResult[]> {
  const refusedId = (r: WriteResult): string | null =>
    r.status === 'rejected' && r.crmCode === CONVERTED_LEAD ? r.id : null;
  const refused = results.map(refusedId).filter((id): id is string => id !== null);
  if (refused.length === 0) return [...results];
  const contacts = await convertedLeads(client, refused, ctx);
  return results.map((r) => {
    const id = refusedId(r);
    return id === null ? r : convertedLeadResult(r.index, id, contacts.get(id.slice(0, 15)) ?? null);
  });
}

export function convertedLeadResult(index: number, id: string, contactId: string | null): WriteResult {
  return {
    status: 'rejected',
    index,
    id,
    crmCode: CONVERTED_LEAD,
    message:
      `converted lead: not written (Salesforce refuses edits to converted leads)` +
      (contactId === null ? '' : `; its contact ${contactId} carries the fields`),
    fields: [],
  };
}
