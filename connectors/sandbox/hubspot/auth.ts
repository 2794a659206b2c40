import { randomBytes, randomUUID } from 'node:crypto';
import type { Express, NextFunction, Request, Response } from 'express';
import { rawBody } from '../http-app.js';
import { hsBody } from './errors.js';
import { HS_APP_ID } from './portal.js';

export interface HsCredentials {
  /** Private-app token (`pat-na1-…`), valid from start. */
  readonly accessToken: string;
  readonly clientId: string;
  /** Also the webhook signing secret (HubSpot signs with the app's client secret). */
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly appId: number;
}

export function defaultHsCredentials(): HsCredentials {
  return {
    accessToken: `pat-na1-${randomUUID()}`,
    clientId: randomUUID(),
    clientSecret: 'sandbox-client-secret-0000-000000000000',
    refreshToken: `na1-${randomBytes(4).toString('hex')}-sandbox-refresh`,
    appId: HS_APP_ID,
  };
}

/** Live and expired tokens; expired ones answer EXPIRED_AUTHENTICATION like HubSpot. */
export class HsAuth {
  private readonly live = new Map<string, number | null>();
  private readonly expired = new Set<string>();

  constructor(
    readonly credentials: HsCredentials,
    private readonly now: () => number,
    private readonly ttlMs = 1_800_000,
  ) {
    this.live.set(credentials.accessToken, null);
  }

  issue(): string {
    const token = `CO${randomBytes(32).toString('base64url')}`;
    this.live.set(token, this.now() + this.ttlMs);
    return token;
  }

  status(token: string): 'ok' | 'expired' | 'invalid' {
    const exp = this.live.get(token);
    if (exp === undefined) return this.expired.has(token) ? 'expired' : 'invalid';
    if (exp !== null && exp <= this.now()) {
      this.live.delete(token);
      this.expired.add(token);
      return 'expired';
    }
    return 'ok';
  }

  /** Expires every token issued so far, the private-app token included. */
  expireAll(): void {
    for (const t of this.live.keys()) this.expired.add(t);
    this.live.clear();
  }
}

// https://developers.hubspot.com/docs/api/oauth/tokens
export function registerHsOAuthRoute(app: Express, auth: HsAuth): void {
  app.post('/oauth/v1/token', (req, res) => {
    const form = new URLSearchParams(rawBody(req));
    const c = auth.credentials;
    if (form.get('grant_type') !== 'refresh_token') {
      res.status(400).json({
        status: 'BAD_GRANT_TYPE',
        message: 'grant_type must be refresh_token',
        correlationId: randomUUID(),
      });
      return;
    }
    if (form.get('client_id') !== c.clientId || form.get('client_secret') !== c.clientSecret) {
      res.status(400).json({
        status: 'BAD_CLIENT_ID',
        message: 'missing or unknown client id',
        correlationId: randomUUID(),
      });
      return;
    }
    if (form.get('refresh_token') !== c.refreshToken) {
      res.status(400).json({
        status: 'BAD_REFRESH_TOKEN',
        message: 'missing or invalid refresh token',
        correlationId: randomUUID(),
      });
      return;
    }
    res.json({
      token_type: 'bearer',
      refresh_token: c.refreshToken,
      access_token: auth.issue(),
      expires_in: 1800,
    });
  });

  /**
   * The 2026-03 token endpoint, which replaces v1 (removed on 2027-02-16): every parameter in the
   * form body, errors in the RFC 6749 shape (`error`, `error_description`).
   * https://developers.hubspot.com/docs/api-reference/2026-03/authentication/manage-oauth-tokens;
   * https://developers.hubspot.com/changelog/v1-oauth-api-deprecation;
   * https://developers.hubspot.com/changelog/new-oauth-v3-api-endpoints-and-standardized-error-responses
   */
  app.post('/oauth/2026-03/token', (req, res) => {
    const form = new URLSearchParams(rawBody(req));
    const c = auth.credentials;
    const fail = (error: string, description: string): void => {
      res.status(error === 'invalid_client' ? 401 : 400).json({ error, error_description: description });
    };
    if (Object.keys(req.query).length > 0) {
      fail('invalid_request', 'parameters must be sent in the request body');
      return;
    }
    if (form.get('grant_type') !== 'refresh_token') {
      fail('unsupported_grant_type', 'grant_type must be refresh_token or authorization_code');
      return;
    }
    if (form.get('client_id') !== c.clientId || form.get('client_secret') !== c.clientSecret) {
      fail('invalid_client', 'missing or unknown client id');
      return;
    }
    if (form.get('refresh_token') !== c.refreshToken) {
      fail('invalid_grant', 'missing or invalid refresh token');
      return;
    }
    res.json({
      token_type: 'bearer',
      refresh_token: c.refreshToken,
      access_token: auth.issue(),
      expires_in: 1800,
    });
  });
}

export function requireBearer(auth: HsAuth) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
    const s = auth.status(token);
    if (s === 'ok') {
      res.locals['appId'] = String(auth.credentials.appId);
      res.locals['userId'] = `app-${auth.credentials.appId}`;
      next();
      return;
    }
    res
      .status(401)
      .json(
        s === 'expired'
          ? hsBody(
              'EXPIRED_AUTHENTICATION',
              'The OAuth token used to make this call expired 0 minute(s) ago.',
            )
          : hsBody(
              'INVALID_AUTHENTICATION',
              'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
            ),
      );
  };
}
