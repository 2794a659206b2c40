import type { CallContext, ChangeCursor, ChangePage, ProviderMerge, ProviderRecord } from '../port.js';
import { objectsPath } from './api-paths.js';
import type { HubspotClient } from './client.js';
import { HsListResponse, HsSearchResponse } from './schemas.js';
import type { HsObject } from './schemas.js';
import type { SearchFilter } from './search-filter.js';
import { searchNumber, filter } from './search-filter.js';

/** HubSpot search pages hold at most 200 and a query never returns more than 10,000 results. */
export const SEARCH_PAGE = 200;
export const SEARCH_CAP = 10_000;
const ID = 'hs_object_id';

/**
 * Contacts carry their last-modified time in `lastmodifieddate`; every other CRM object in
 * `hs_lastmodifieddate`. https://developers.hubspot.com/docs/api-reference/search/guide
 */
export function modifiedProperty(type: string): 'lastmodifieddate' | 'hs_lastmodifieddate' {
  return type === 'contacts' || type === 'contact' || type === '0-1'
    ? 'lastmodifieddate'
    : 'hs_lastmodifieddate';
}

export interface HubspotListOptions {
  readonly now: () => number;
  readonly lookbackMs: number;
  readonly properties: readonly string[];
  /** The type as HubSpot paths take it (a custom object's objectTypeId); `type` when absent. */
  readonly apiType?: string;
}

const ts = (o: HsObject): number => {
  const v = o.properties.hs_lastmodifieddate ?? o.properties.lastmodifieddate ?? o.updatedAt ?? '0';
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isNaN(n) ? 0 : n;
};

export function toProviderRecord(type: string, o: HsObject, deleted: boolean): ProviderRecord {
  const at = deleted && o.archivedAt !== undefined ? Date.parse(o.archivedAt) : ts(o);
  return {
    objectType: type,
    id: o.id,
    fields: o.properties,
    modifiedAt: new Date(at).toISOString(),
    deleted,
  };
}

function mergesOf(type: string, objects: readonly HsObject[]): ProviderMerge[] {
  return objects.flatMap((o) => {
    const merged = (o.properties.hs_merged_object_ids ?? '').split(';').filter((s) => s !== '');
    return merged.length === 0
      ? []
      : [{ objectType: type, survivorId: o.id, mergedIds: merged, mergedAt: new Date(ts(o)).toISOString() }];
  });
}

type Query = { filters: SearchFilter[]; sortBy: string };

/** Runs one search query page by page until it ends or reaches the 10,000-result cap. */
async function* runQuery(
  client: HubspotClient,
  type: string,
  q: Query,
  props: readonly string[],
  ctx: CallContext,
) {
  let after = 0;
  for (;;) {
    // https://developers.hubspot.com/docs/api-reference/search/guide
    const { body } = await client.call(
      HsSearchResponse,
      {
        method: 'POST',
        path: `${objectsPath(type)}/search`,
        bucket: 'search',
        body: {
          filterGroups: [{ filters: q.filters }],
          sorts: [{ propertyName: q.sortBy, direction: 'ASCENDING' }],
          properties: [...new Set([...props, modifiedProperty(type), ID])],
          limit: SEARCH_PAGE,
          after: String(after),
        },
      },
      ctx,
    );
    const next = body.paging?.next?.after;
    const capped = next !== undefined && Number(next) + SEARCH_PAGE > SEARCH_CAP;
    yield { results: body.results, more: next !== undefined, capped };
    if (next === undefined || capped) return;
    after = Number(next);
  }
}

/**
 * Changes in [since − lookback, end) by hs_lastmodifieddate ascending. When a query reaches the cap
 * it restarts from the last timestamp seen (ids already delivered at that instant are skipped); when
 * 10,000 results share one timestamp, that instant is drained by hs_object_id > lastId instead.
 */
async function* listUpserts(
  client: HubspotClient,
  type: string,
  from: number,
  end: number,
  opts: HubspotListOptions,
  ctx: CallContext,
) {
  const MODIFIED = modifiedProperty(type);
  let fromTs = from;
  let seenAtFrom = new Set<string>();
  for (;;) {
    const q: Query = {
      filters: [filter(MODIFIED, 'GTE', searchNumber(fromTs)), filter(MODIFIED, 'LT', searchNumber(end))],
      sortBy: MODIFIED,
    };
    let last: HsObject | undefined;
    let first: HsObject | undefined;
    let capped = false;
    let seenAtLast = new Set<string>();
    for await (const page of runQuery(client, opts.apiType ?? type, q, opts.properties, ctx)) {
      const fresh = page.results.filter((o) => !(ts(o) === fromTs && seenAtFrom.has(o.id)));
      for (const o of page.results) {
        if (last !== undefined && ts(o) !== ts(last)) seenAtLast = new Set();
        seenAtLast.add(o.id);
        first ??= o;
        last = o;
      }
      capped = page.capped;
      // Sorted by modification time: everything before the page's last instant is delivered, so a
      // resumed listing restarts at that instant (>=), not at the window start.
      yield { results: fresh, resumeFrom: last === undefined ? fromTs : Math.max(fromTs, ts(last)) };
    }
    if (!capped || last === undefined || first === undefined) return;
    const instant = ts(last);
    // A few records at the last instant: restart the window there. A page or more of them: the
    // restarted window could cap at that same instant again, so walk the instant by id right away.
    if (instant > fromTs && seenAtLast.size < SEARCH_PAGE) {
      seenAtFrom = seenAtLast;
      fromTs = instant;
      continue;
    }
    seenAtFrom = instant > fromTs ? seenAtLast : new Set([...seenAtFrom, ...seenAtLast]);
    fromTs = instant;
    // Walk that instant by id.
    let afterId = 0;
    for (;;) {
      const byId: Query = {
        filters: [filter(MODIFIED, 'EQ', searchNumber(fromTs)), filter(ID, 'GT', searchNumber(afterId))],
        sortBy: ID,
      };
      let more = false;
      for await (const page of runQuery(client, opts.apiType ?? type, byId, opts.properties, ctx)) {
        yield { results: page.results.filter((o) => !seenAtFrom.has(o.id)), resumeFrom: fromTs };
        const tail = page.results.at(-1);
        if (tail !== undefined) afterId = Number(tail.id);
        more = page.capped;
      }
      if (!more) break;
    }
    fromTs += 1;
    seenAtFrom = new Set();
  }
}

export async function* listHubspotChanges(
  client: HubspotClient,
  type: string,
  cursor: ChangeCursor | null,
  ctx: CallContext,
  opts: HubspotListOptions,
): AsyncGenerator<ChangePage> {
  const end = opts.now() - 1000;
  const since = cursor === null ? 0 : Math.max(0, Date.parse(cursor.since) - opts.lookbackMs);
  const deletedSince = cursor === null ? 0 : Math.max(0, Date.parse(cursor.deletedSince) - opts.lookbackMs);
  const at = (ms: number): string => new Date(ms).toISOString();
  for await (const page of listUpserts(client, type, since, end, opts, ctx)) {
    const cursorNow: ChangeCursor = {
      provider: 'hubspot',
      objectType: type,
      since: at(page.resumeFrom),
      afterId: null,
      deletedSince: at(deletedSince),
    };
    yield {
      records: page.results.map((o) => toProviderRecord(type, o, false)),
      merges: mergesOf(type, page.results),
      cursor: cursorNow,
    };
  }
  // Deletes: archived records (search never returns them). https://developers.hubspot.com/docs/api/crm/contacts
  let after: string | undefined;
  do {
    const qs: Record<string, string> = {
      archived: 'true',
      limit: '100',
      ...(after !== undefined ? { after } : {}),
    };
    const { body } = await client.call(
      HsListResponse,
      { method: 'GET', path: objectsPath(opts.apiType ?? type), qs },
      ctx,
    );
    const deleted = body.results
      .filter(
        (o) =>
          o.archivedAt !== undefined &&
          Date.parse(o.archivedAt) >= deletedSince &&
          Date.parse(o.archivedAt) < end,
      )
      .map((o) => toProviderRecord(type, o, true));
    after = body.paging?.next?.after;
    const cursorNow: ChangeCursor = {
      provider: 'hubspot',
      objectType: type,
      since: at(end),
      afterId: null,
      deletedSince: at(after === undefined ? end : deletedSince),
    };
    yield { records: deleted, merges: [], cursor: cursorNow };
  } while (after !== undefined);
}
