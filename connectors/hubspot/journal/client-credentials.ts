import { ClientCredentialsToken, JOURNAL_READ_SCOPE } from './journal-schemas.js';
import { journalFetch, type JournalHttpOptions } from './journal-http.js';

/** Renew this long before the token runs out, so no call carries a token about to expire. */
const RENEW_BEFORE_MS = 60_000;

export interface ClientCredentials {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * The app's client-credentials token with `scopes` (default: the journal read scope), fetched on
 * first use, renewed a minute before `expires_in` runs out or when a call was refused with 401.
 * Never logged.
 * https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide#authentication-and-scopes
 */
export function clientCredentialsToken(
  app: ClientCredentials,
  http: JournalHttpOptions,
  scopes: readonly string[] = [JOURNAL_READ_SCOPE],
) {
  let token: { value: string; renewAt: number } | undefined;
  return {
    async get(): Promise<string> {
      if (token !== undefined && http.now() < token.renewAt) return token.value;
      const body = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        scope: scopes.join(' '),
      });
      const res = await journalFetch(
        `${app.baseUrl}/oauth/2026-03/token`,
        { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        http,
      );
      const parsed = ClientCredentialsToken.parse(await res.json());
      const lifeMs = parsed.expires_in * 1000;
      token = {
        value: parsed.access_token,
        renewAt: http.now() + Math.max(lifeMs - RENEW_BEFORE_MS, lifeMs / 2),
      };
      return token.value;
    },
    invalidate(): void {
      token = undefined;
    },
  };
}
