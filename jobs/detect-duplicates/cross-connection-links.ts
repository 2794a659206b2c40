import { checkRecord } from '../../src/matching/check-record.js';
import type { MatchIndex } from '../../src/matching/match-index.js';
import { createPersonMatcher } from '../../src/matching/match-people.js';
import type { PreparedRecord } from '../../src/matching/prepare-record.js';
import {
  createCrossConnectionMatchIndex,
  parseScopedId,
  scopedId,
} from '../../src/store/cross-connection-match-index.js';
import type { CrossConnectionLink, DuplicateStore } from '../../src/store/duplicate-store.js';
import type { JobDeps } from '../../src/queue/pipeline-deps.js';

const matcher = createPersonMatcher();

/**
 * Links each record to the people it matches in the process's other connections (a HubSpot contact
 * and the Salesforce lead for the same person), through a view over their match indexes. Links are
 * stored on both sides for the admin API and reports; they are never written into either CRM as duplicate flags,
 * since `duplicateOf` must name a record in the same CRM. Returns how many links were found.
 */
export async function crossConnectionLinks(
  deps: Pick<JobDeps, 'matchIndex' | 'connections'>,
  store: DuplicateStore,
  connectionId: string,
  records: readonly PreparedRecord[],
): Promise<number> {
  const members = new Map<string, MatchIndex>();
  for (const runtime of deps.connections.list()) {
    const id = runtime.config.id;
    if (id !== connectionId) members.set(id, deps.matchIndex(id));
  }
  if (members.size === 0 || records.length === 0) return 0;
  const view = createCrossConnectionMatchIndex(members);
  let total = 0;
  for (const record of records) {
    const self = scopedId(connectionId, record.id);
    const matches = await checkRecord(view, matcher, { ...record, id: self });
    const links: CrossConnectionLink[] = [];
    for (const m of matches) {
      const other = parseScopedId(m.leftId === self ? m.rightId : m.leftId);
      if (other === null || m.decision === 'unique') continue;
      const found = { score: Math.round(m.score * 1000) / 1000, decision: m.decision, reason: m.reasonText };
      links.push({ connection: other.connectionId, id: other.id, ...found });
      // The other side learns of the link too, whichever record was processed last.
      await store.addLink(other.connectionId, other.id, {
        connection: connectionId,
        id: record.id,
        ...found,
      });
    }
    await store.setLinks(connectionId, record.id, links);
    total += links.length;
  }
  return total;
}
