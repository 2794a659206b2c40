import { createSign } from 'node:crypto';
import { z } from 'zod';
import { CrmAuthError } from '../../src/core/errors/index.js';
import type { SalesforceAuth } from '../connection-config.js';
import { parseJsonBody } from '../vendor-failure.js';
import { classifySalesforceError } from './classify-error.js';

/**
 * Salesforce OAuth 2.0 token requests for every flow we support. Tokens are fetched with the global
 * fetch so failures are classified from the raw response; jsforce then uses the token and calls
 * back here (through its refresh hook) when the API answers 401 INVALID_SESSION_ID.
 */

// https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_refresh_token_flow.htm
export const SalesforceToken = z.object({
  access_token: z.string().min(1),
  instance_url: z.url().optional(),
  token_type: z.string().optional(),
  issued_at: z.string().optional(),
  /** Identity URL `…/id/<orgId>/<userId>`. */
  id: z.string().optional(),
});
export type SalesforceToken = z.infer<typeof SalesforceToken>;

export interface TokenRequestOptions {
  readonly connectionId: string;
  readonly loginUrl: string;
  readonly auth: SalesforceAuth;
  readonly signal: AbortSignal;
  readonly now?: () => number;
}

function jwtAssertion(
  clientId: string,
  username: string,
  audience: string,
  privateKey: string,
  now: number,
): string {
  // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
  const enc = (v: object): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const unsigned = `${enc({ alg: 'RS256' })}.${enc({ iss: clientId, sub: username, aud: audience, exp: Math.floor(now / 1000) + 180 })}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url');
  return `${unsigned}.${signature}`;
}

function grantParams(auth: SalesforceAuth, loginUrl: string, now: number): URLSearchParams | null {
  switch (auth.type) {
    case 'access_token':
      return null;
    case 'refresh_token': {
      const p = new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: auth.clientId,
        refresh_token: auth.refreshToken,
      });
      if (auth.clientSecret !== undefined) p.set('client_secret', auth.clientSecret);
      return p;
    }
    case 'jwt_bearer':
      return new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwtAssertion(auth.clientId, auth.username, loginUrl, auth.privateKey, now),
      });
    case 'client_credentials':
      return new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: auth.clientId,
        client_secret: auth.clientSecret,
      });
  }
}

/** Requests a new access token. Bad credentials → one CrmAuthError naming the connection. */
export async function requestSalesforceToken(opts: TokenRequestOptions): Promise<SalesforceToken> {
  const now = (opts.now ?? Date.now)();
  const params = grantParams(opts.auth, opts.loginUrl, now);
  if (params === null) {
    throw new CrmAuthError(
      `Salesforce connection "${opts.connectionId}": the access token was rejected and cannot be refreshed`,
    );
  }
  // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_endpoints.htm
  const url = `${opts.loginUrl.replace(/\/$/, '')}/services/oauth2/token`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: params.toString(),
      signal: opts.signal,
    });
  } catch (err) {
    throw classifySalesforceError({ kind: 'network', error: err }, { now }).error;
  }
  const text = await res.text();
  if (!res.ok) {
    const { error } = classifySalesforceError(
      { kind: 'response', status: res.status, headers: Object.fromEntries(res.headers), body: text },
      { now },
    );
    if (res.status >= 400 && res.status < 500) {
      throw new CrmAuthError(
        `Salesforce connection "${opts.connectionId}": ${opts.auth.type} sign-in failed: ${error.message}`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  const token = SalesforceToken.safeParse(parseJsonBody(text));
  if (!token.success)
    throw new CrmAuthError(`Salesforce connection "${opts.connectionId}": token response unreadable`);
  return token.data;
}
