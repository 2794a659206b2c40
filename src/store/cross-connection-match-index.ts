import type { MatchIndex } from '../matching/match-index.js';
import type { PreparedRecord } from '../matching/prepare-record.js';

/** `connection/id`: how a record is named in a view that spans connections. */
export function scopedId(connectionId: string, id: string): string {
  return `${connectionId}/${id}`;
}

export function parseScopedId(scoped: string): { connectionId: string; id: string } | null {
  const at = scoped.indexOf('/');
  if (at <= 0 || at === scoped.length - 1) return null;
  return { connectionId: scoped.slice(0, at), id: scoped.slice(at + 1) };
}

const withId = (record: PreparedRecord, id: string): PreparedRecord => ({ ...record, id });

/**
 * One {@link MatchIndex} over several connections' indexes, with ids `connection/id`, so a HubSpot
 * contact and a Salesforce lead can be compared. It stores nothing itself: each record lives once, in
 * its own connection's index (one write, one removal, no second copy to drift), and a lookup asks
 * every member index at once (the calls share one Redis connection and pipeline). Stop keys and the
 * candidate cap apply per member, then the union is ordered by scoped id and capped again.
 */
export function createCrossConnectionMatchIndex(
  members: ReadonlyMap<string, MatchIndex>,
  maxCandidates = 200,
): MatchIndex {
  const route = <T>(items: readonly T[], idOf: (item: T) => string): Map<string, [string, T][]> => {
    const out = new Map<string, [string, T][]>();
    for (const item of items) {
      const parsed = parseScopedId(idOf(item));
      if (parsed === null || !members.has(parsed.connectionId)) continue;
      out.set(parsed.connectionId, [...(out.get(parsed.connectionId) ?? []), [parsed.id, item]]);
    }
    return out;
  };
  const member = (connectionId: string): MatchIndex => {
    const index = members.get(connectionId);
    if (index === undefined) throw new Error(`no match index for connection ${connectionId}`);
    return index;
  };
  return {
    async upsert(records) {
      const routed = route(records, (r) => r.id);
      await Promise.all(
        [...routed].map(([c, list]) => member(c).upsert(list.map(([id, r]) => withId(r, id)))),
      );
    },
    async remove(ids) {
      const routed = route(ids, (id) => id);
      await Promise.all([...routed].map(([c, list]) => member(c).remove(list.map(([id]) => id))));
    },
    async candidates(record, limit = maxCandidates) {
      const own = parseScopedId(record.id);
      const lists = await Promise.all(
        [...members].map(async ([c, index]) => {
          // Inside its own connection the record goes by its plain id, so it never finds itself.
          const probe = own?.connectionId === c ? withId(record, own.id) : record;
          const found = await index.candidates(probe, limit);
          return found.map((r) => withId(r, scopedId(c, r.id)));
        }),
      );
      const all = lists.flat().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return all.length > limit ? all.slice(0, limit) : all;
    },
    async size() {
      const sizes = await Promise.all([...members.values()].map((m) => m.size()));
      return sizes.reduce((a, b) => a + b, 0);
    },
  };
}
