import { randomBytes } from 'node:crypto';
import type { Express, NextFunction, Request, Response } from 'express';
import { rawBody } from '../http-app.js';
import { sfError } from './errors.js';
import { SF_INTEGRATION_USER_ID, SF_ORG_ID } from './org.js';

export interface SfCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly username: string;
  /** A ready-to-use access token, valid from start. */
  readonly accessToken: string;
}

interface TokenInfo {
  readonly userId: string;
  readonly expiresAt: number | null;
}

export function defaultSfCredentials(): SfCredentials {
  return {
    clientId: '3MVG9sandbox.partnersync.consumer.key',
    clientSecret: 'sandbox-consumer-secret',
    refreshToken: '5Aep861sandboxRefreshToken',
    username: 'integration@partnersync.sandbox',
    accessToken: `${SF_ORG_ID.slice(0, 15)}!AQ4Asandbox.${randomBytes(12).toString('hex')}`,
  };
}

/** Issued access tokens; tests can expire them to exercise the client's refresh path. */
export class SfAuth {
  private readonly tokens = new Map<string, TokenInfo>();

  constructor(
    readonly credentials: SfCredentials,
    private readonly now: () => number,
    private readonly tokenTtlMs: number | null = null,
  ) {
    this.tokens.set(credentials.accessToken, { userId: SF_INTEGRATION_USER_ID, expiresAt: null });
  }

  issue(): string {
    const token = `${SF_ORG_ID.slice(0, 15)}!AQ4A${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, {
      userId: SF_INTEGRATION_USER_ID,
      expiresAt: this.tokenTtlMs === null ? null : this.now() + this.tokenTtlMs,
    });
    return token;
  }

  check(token: string): TokenInfo | undefined {
    const info = this.tokens.get(token);
    if (!info || (info.expiresAt !== null && info.expiresAt <= this.now())) return undefined;
    return info;
  }

  /** Invalidates every token issued so far (the next call answers 401 INVALID_SESSION_ID). */
  expireAll(): void {
    this.tokens.clear();
  }

  expire(token: string): void {
    this.tokens.delete(token);
  }
}

const oauthError = (res: Response, error: string, description: string): void => {
  res.status(400).json({ error, error_description: description });
};

function jwtClaims(assertion: string): Record<string, unknown> | null {
  const part = assertion.split('.')[1];
  if (!part) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_endpoints.htm
export function registerOAuthRoute(app: Express, auth: SfAuth, baseUrl: () => string): void {
  app.post('/services/oauth2/token', (req, res) => {
    const form = new URLSearchParams(rawBody(req));
    const creds = auth.credentials;
    const grant = form.get('grant_type');
    const clientId = form.get('client_id');
    const secret = form.get('client_secret');
    if (grant === 'refresh_token') {
      if (clientId !== creds.clientId)
        return oauthError(res, 'invalid_client_id', 'client identifier invalid');
      if (secret !== null && secret !== creds.clientSecret)
        return oauthError(res, 'invalid_client', 'invalid client credentials');
      if (form.get('refresh_token') !== creds.refreshToken)
        return oauthError(res, 'invalid_grant', 'expired access/refresh token');
    } else if (grant === 'client_credentials') {
      if (clientId !== creds.clientId || secret !== creds.clientSecret)
        return oauthError(res, 'invalid_client', 'invalid client credentials');
    } else if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      // The signature is not verified: the sandbox checks the claims only.
      const claims = jwtClaims(form.get('assertion') ?? '');
      if (!claims || claims['iss'] !== creds.clientId)
        return oauthError(res, 'invalid_client_id', 'client identifier invalid');
      if (claims['sub'] !== creds.username)
        return oauthError(res, 'invalid_grant', "user hasn't approved this consumer");
      if (typeof claims['exp'] === 'number' && claims['exp'] * 1000 < Date.now())
        return oauthError(res, 'invalid_grant', 'expired authorization code');
    } else {
      return oauthError(res, 'unsupported_grant_type', 'grant type not supported');
    }
    const base = baseUrl();
    res.json({
      access_token: auth.issue(),
      signature: randomBytes(32).toString('base64'),
      scope: 'api refresh_token',
      instance_url: base,
      id: `${base}/id/${SF_ORG_ID}/${SF_INTEGRATION_USER_ID}`,
      token_type: 'Bearer',
      issued_at: String(Date.now()),
    });
  });
  // https://help.salesforce.com/HTViewHelpDoc?id=remoteaccess_using_userinfo_endpoint.htm
  app.get('/services/oauth2/userinfo', requireSession(auth), (_req, res) => {
    const base = baseUrl();
    const userId = String(res.locals['userId'] ?? '');
    res.json({
      sub: `${base}/id/${SF_ORG_ID}/${userId}`,
      user_id: userId,
      organization_id: SF_ORG_ID,
      preferred_username: auth.credentials.username,
      email_verified: true,
      zoneinfo: 'GMT',
    });
  });
}

/** 401 `INVALID_SESSION_ID` unless a live Bearer token is presented; stores the user in `res.locals`. */
export function requireSession(auth: SfAuth) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization') ?? '';
    const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header)?.[1] ?? '';
    const info = auth.check(token);
    if (!info) {
      const e = sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      res.status(e.status).json(e.body);
      return;
    }
    res.locals['userId'] = info.userId;
    next();
  };
}
