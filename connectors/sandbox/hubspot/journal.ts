import { randomUUID } from 'node:crypto';
import type { HsEvent } from './webhook-format.js';

/**
 * The account's webhooks journal: every change the portal records, in order, kept for 3 days.
 * "query for changes that occurred for your subscriptions over the past 3 days"
 * https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/journal-entries/guide
 */
export const JOURNAL_RETENTION_MS = 3 * 24 * 3_600_000;
/** How long a returned file URL stays valid (`expiresAt`); HubSpot does not publish the figure. */
const FILE_TTL_MS = 5 * 60_000;

export interface HsJournalEntry {
  readonly offset: string;
  readonly at: number;
  readonly events: readonly HsEvent[];
}

export class HsJournal {
  private entries: HsJournalEntry[] = [];
  private readonly files = new Map<string, { events: readonly HsEvent[]; expiresAt: number }>();
  /** The scopes each client-credentials token was issued with (`developer.webhooks_journal.*`). */
  readonly tokenScopes = new Map<string, ReadonlySet<string>>();

  constructor(private readonly now: () => number) {}

  record(events: readonly HsEvent[]): void {
    if (events.length > 0) this.entries.push({ offset: randomUUID(), at: this.now(), events });
  }

  private live(): HsJournalEntry[] {
    const cutoff = this.now() - JOURNAL_RETENTION_MS;
    this.entries = this.entries.filter((e) => e.at >= cutoff);
    return this.entries;
  }

  earliest = (): HsJournalEntry | undefined => this.live()[0];
  latest = (): HsJournalEntry | undefined => this.live().at(-1);

  /** The entry after `offset`: `gone` when the journal no longer holds (or never held) that offset. */
  next(offset: string): HsJournalEntry | 'gone' | 'none' {
    const live = this.live();
    const i = live.findIndex((e) => e.offset === offset);
    if (i < 0) return 'gone';
    return live[i + 1] ?? 'none';
  }

  /** Drops every entry held now, as 3 days passing would: their offsets answer 404 from then on. */
  expireAll(): void {
    this.entries = [];
  }

  /** Stores the entry's data as a file and returns its id and expiry. */
  publish(entry: HsJournalEntry): { readonly id: string; readonly expiresAt: number } {
    const id = randomUUID();
    const expiresAt = this.now() + FILE_TTL_MS;
    this.files.set(id, { events: entry.events, expiresAt });
    return { id, expiresAt };
  }

  file(id: string): readonly HsEvent[] | 'expired' | undefined {
    const f = this.files.get(id);
    if (f === undefined) return undefined;
    return f.expiresAt <= this.now() ? 'expired' : f.events;
  }

  size = (): number => this.live().length;
  /** Every event the journal holds now, oldest first. */
  events = (): HsEvent[] => this.live().flatMap((e) => e.events);
}
