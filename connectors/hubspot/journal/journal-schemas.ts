import { z } from 'zod';

/**
 * What the local journal answers for earliest / latest / next: the entry's offset and a file URL valid
 * until `expiresAt` (spec `webhooksJournal.json` 2026-03, schema `JournalFetchResponse`).
 * https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/journal-entries/guide
 */
export const JournalFetchResponse = z.object({
  currentOffset: z.string().min(1),
  expiresAt: z.iso.datetime({ offset: true }),
  url: z.url(),
});
export type JournalFetchResponse = z.infer<typeof JournalFetchResponse>;

/**
 * A client-credentials token answer (RFC 6749 §4.4.3).
 * https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/overview#client-credentials
 */
export const ClientCredentialsToken = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

// https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide#authentication-and-scopes
export const JOURNAL_READ_SCOPE = 'developer.webhooks_journal.read';
/** "changes that occurred for your subscriptions over the past 3 days" (journal-entries guide). */
export const JOURNAL_RETENTION_MS = 3 * 24 * 3_600_000;
export const JOURNAL_LOCAL_PATH = '/webhooks-journal/journal-local/2026-03';
