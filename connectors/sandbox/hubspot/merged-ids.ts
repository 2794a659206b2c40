import type { RecordStore, StoredRecord } from '../store.js';

/**
 * Merged-away ids keep pointing at the record they ended in: fetching by an original id returns the
 * merged record under its own (new) id, a 200 and not a redirect or a 404.
 * https://developers.hubspot.com/changelog/updated-merge-functionality-for-contacts-and-companies
 * https://developers.hubspot.com/changelog/announcement-deals-now-support-merging ("GET … for Deal A",
 * the response carries Deal C's id; associations read under A's id are empty: they moved to C).
 */
export class HsMergedIds {
  private readonly survivorOf = new Map<string, string>();
  /**
   * Types whose merges create a new record C (deals: merging A and B creates deal C, per the deals
   * changelog). The contacts-and-companies changelog announces the same for them; tests add a type
   * here to get that behaviour, otherwise the primary keeps its id.
   */
  readonly mintNewId = new Set<string>(['deals']);

  point(type: string, ids: readonly string[], survivorId: string): void {
    for (const [key, to] of this.survivorOf)
      if (key.startsWith(`${type}|`) && ids.includes(to)) this.survivorOf.set(key, survivorId);
    for (const id of ids) this.survivorOf.set(`${type}|${id}`, survivorId);
  }

  /** The live record an id now reads as: itself, or the record it was merged into. */
  resolve(store: RecordStore, type: string, id: string): StoredRecord | undefined {
    const live = store.get(type, id);
    if (live) return live;
    const to = this.survivorOf.get(`${type}|${id}`);
    return to === undefined ? undefined : store.get(type, to);
  }
}
