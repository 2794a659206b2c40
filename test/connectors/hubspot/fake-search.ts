import nock from 'nock';

/**
 * A nock fake of HubSpot CRM search that enforces the vendor rules the connector must survive: one
 * sort property, ties in arbitrary (here: reversed) order, at most 200 per page, and a 400 once
 * `after` reaches 10,000. https://developers.hubspot.com/docs/api-reference/search/guide
 */
export interface FakeObject {
  readonly id: number;
  readonly modified: number;
}

interface Filter {
  propertyName: string;
  operator: string;
  value: string;
}

export function fakeSearch(
  base: string,
  type: string,
  data: readonly FakeObject[],
): { requests: () => number } {
  let requests = 0;
  // Contacts expose `lastmodifieddate`; other objects `hs_lastmodifieddate`.
  const modified = type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
  const val = (o: FakeObject, p: string): number => {
    if (p === 'hs_object_id') return o.id;
    if (p === modified) return o.modified;
    throw new Error(`fake search: ${type} has no property ${p}`);
  };
  const test = (o: FakeObject, f: Filter): boolean => {
    const v = val(o, f.propertyName);
    const x = Number(f.value);
    switch (f.operator) {
      case 'GTE':
        return v >= x;
      case 'GT':
        return v > x;
      case 'LT':
        return v < x;
      case 'LTE':
        return v <= x;
      case 'EQ':
        return v === x;
      default:
        throw new Error(`fake search: operator ${f.operator}`);
    }
  };
  nock(base)
    .persist()
    .post(`/crm/objects/2026-03/${type}/search`)
    .reply((_uri, raw) => {
      requests += 1;
      const body = raw as {
        filterGroups: { filters: Filter[] }[];
        sorts: { propertyName: string }[];
        limit: number;
        after: string;
      };
      const after = Number(body.after);
      if (after >= 10_000 || body.limit > 200) {
        return [
          400,
          {
            status: 'error',
            message: 'Paging past 10000 results is not supported',
            category: 'VALIDATION_ERROR',
          },
        ];
      }
      const sortBy = body.sorts[0]?.propertyName ?? 'hs_object_id';
      const hits = data
        .filter((o) => body.filterGroups.some((g) => g.filters.every((f) => test(o, f))))
        .sort((a, b) => val(a, sortBy) - val(b, sortBy) || b.id - a.id);
      const page = hits.slice(after, after + body.limit);
      const next =
        after + body.limit < hits.length ? { next: { after: String(after + body.limit) } } : undefined;
      return [
        200,
        {
          total: Math.min(hits.length, 10_000),
          results: page.map((o) => ({
            id: String(o.id),
            properties: {
              hs_object_id: String(o.id),
              [type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate']: new Date(
                o.modified,
              ).toISOString(),
            },
            createdAt: new Date(o.modified).toISOString(),
            updatedAt: new Date(o.modified).toISOString(),
            archived: false,
          })),
          ...(next !== undefined ? { paging: next } : {}),
        },
      ];
    });
  return { requests: () => requests };
}
