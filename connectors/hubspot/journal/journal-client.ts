import { CrmAuthError } from '../../../src/core/errors/index.js';
import { clientCredentialsToken, type ClientCredentials } from './client-credentials.js';
import { journalFetch, type JournalHttpOptions } from './journal-http.js';
import { JOURNAL_LOCAL_PATH, JournalFetchResponse } from './journal-schemas.js';

/** Where to read: the oldest entry held, the newest, or the one after an offset. */
export type JournalPosition = { readonly from: 'earliest' | 'latest' } | { readonly after: string };

/** One entry: its offset and its file's contents; `none` = nothing there yet; `gone` = offset expired. */
export type JournalRead =
  | { readonly kind: 'entry'; readonly offset: string; readonly file: unknown }
  | { readonly kind: 'none' }
  | { readonly kind: 'gone' };

export interface JournalClientOptions extends ClientCredentials, JournalHttpOptions {
  readonly portalId: number | undefined;
}

/**
 * The local journal of one account (`installPortalId`), read one entry at a time.
 * https://developers.hubspot.com/docs/api-reference/2026-03/webhooks-journal/journal-entries/local/get-journal-local-next
 */
export function createJournalClient(options: JournalClientOptions) {
  const token = clientCredentialsToken(options, options);
  const query = options.portalId === undefined ? '' : `?installPortalId=${options.portalId}`;
  const call = async (path: string): Promise<Response> => {
    const headers = { authorization: `Bearer ${await token.get()}` };
    const url = `${options.baseUrl}${JOURNAL_LOCAL_PATH}${path}${query}`;
    try {
      return await journalFetch(url, { headers }, options, [404]);
    } catch (err) {
      if (err instanceof CrmAuthError) token.invalidate();
      throw err;
    }
  };
  return {
    async read(position: JournalPosition): Promise<JournalRead> {
      const path =
        'after' in position ? `/offset/${encodeURIComponent(position.after)}/next` : `/${position.from}`;
      const res = await call(path);
      // "Fails with a 404 if the offset has expired or doesn't exist." (2027-03-beta next page)
      if (res.status === 404 && 'after' in position) return { kind: 'gone' };
      if (res.status === 404 || res.status === 204) return { kind: 'none' };
      const entry = JournalFetchResponse.parse(await res.json());
      // The file URL is pre-signed and may be on another host: no bearer token goes with it.
      const file = await journalFetch(entry.url, {}, options);
      return { kind: 'entry', offset: entry.currentOffset, file: await file.json() };
    },
  };
}
export type JournalClient = ReturnType<typeof createJournalClient>;
