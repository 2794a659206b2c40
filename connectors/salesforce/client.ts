import { Connection } from 'jsforce';
import type { HttpResponse } from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api.js';
import type { z } from 'zod';
import { CrmAuthError, CrmRateLimitError, CrmTransientError } from '../../src/core/errors/index.js';
import type { SalesforceAuth } from '../connection-config.js';
import type { ApiUsage, CallContext } from '../port.js';
import type { RateGate } from '../rate-budget.js';
import { withDeadline } from '../with-deadline.js';
import { retryCall, type RetryOptions } from '../with-retries.js';
import { requestSalesforceToken } from './auth.js';
import type { SalesforceToken } from './auth.js';
import { classifySalesforceError } from './classify-error.js';
import { identityFromUrl, SALESFORCE_CLIENT_NAME, UserInfo, type SalesforceIdentity } from './identity.js';

export interface SalesforceClientOptions {
  readonly connectionId: string;
  readonly loginUrl: string;
  readonly instanceUrl?: string;
  readonly apiVersion: string;
  readonly auth: SalesforceAuth;
  readonly gate: RateGate;
  readonly now?: () => number;
  /** Persist refreshed tokens here (fired on jsforce's `refresh` event and on first sign-in). */
  /** Retry transient failures of each call in place (setup commands; workers retry whole jobs). */
  readonly retry?: RetryOptions;
  readonly onToken?: (token: { accessToken: string; instanceUrl: string }) => void;
  /** A token rejected again within this window after being issued is a real auth failure. */
  readonly refreshCooldownMs?: number;
}

export type SalesforceMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface SalesforceRequest {
  readonly method: SalesforceMethod;
  /** `/sobjects/Lead/describe` (under /services/data/vXX.X), or an absolute `/services/...` path. */
  readonly path: string;
  readonly body?: unknown;
  readonly contentType?: string;
}

export interface SalesforceResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * The transport under the Salesforce connector: jsforce's HttpApi (auth header, session refresh on
 * 401 INVALID_SESSION_ID, `refresh` event) with jsforce's own retries switched off — we own retries
 * and budgets. Every call spends a token, runs under a deadline and is classified on failure.
 */
export class SalesforceClient {
  readonly conn: Connection;
  private usage: ApiUsage | null = null;
  private issuedAt = 0;
  private known: SalesforceIdentity | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: SalesforceClientOptions) {
    this.now = opts.now ?? Date.now;
    const auth = opts.auth;
    const refreshable = auth.type !== 'access_token';
    this.conn = new Connection({
      version: opts.apiVersion,
      loginUrl: opts.loginUrl,
      ...(opts.instanceUrl !== undefined ? { instanceUrl: opts.instanceUrl } : {}),
      ...(auth.type === 'access_token'
        ? { accessToken: auth.accessToken, instanceUrl: opts.instanceUrl ?? auth.instanceUrl }
        : {}),
      ...(auth.type === 'refresh_token' && auth.accessToken !== undefined
        ? { accessToken: auth.accessToken }
        : {}),
      ...(auth.type === 'refresh_token' && auth.instanceUrl !== undefined && opts.instanceUrl === undefined
        ? { instanceUrl: auth.instanceUrl }
        : {}),
      ...(refreshable
        ? {
            refreshFn: (_conn, callback) => {
              this.refresh().then(
                (token) => {
                  callback(null, token.access_token);
                },
                (err: unknown) => {
                  callback(err instanceof Error ? err : new Error(String(err)));
                },
              );
            },
          }
        : {}),
    });
    this.conn.on('refresh', (accessToken: string) => {
      opts.onToken?.({ accessToken, instanceUrl: this.conn.instanceUrl });
    });
  }

  get connectionId(): string {
    return this.opts.connectionId;
  }

  get apiVersion(): string {
    return this.opts.apiVersion;
  }

  apiUsage(): ApiUsage | null {
    return this.usage;
  }

  private async refresh(signal: AbortSignal = AbortSignal.timeout(30_000)): Promise<SalesforceToken> {
    if (this.issuedAt > 0 && this.now() - this.issuedAt < (this.opts.refreshCooldownMs ?? 10_000)) {
      throw new Error('a freshly issued access token was rejected');
    }
    const token = await requestSalesforceToken({
      connectionId: this.opts.connectionId,
      loginUrl: this.opts.loginUrl,
      auth: this.opts.auth,
      signal,
      now: this.now,
    });
    this.issuedAt = this.now();
    this.known = identityFromUrl(token.id) ?? this.known;
    if (this.opts.instanceUrl === undefined && token.instance_url !== undefined)
      this.conn.instanceUrl = token.instance_url;
    return token;
  }

  /** Signs in when no access token is known yet (JWT, client credentials, refresh token only). */
  private async ensureSession(ctx: CallContext, fresh = false): Promise<void> {
    if (this.conn.accessToken && !fresh) return;
    const token = await withDeadline(ctx, 'Salesforce sign-in', (signal) => this.refresh(signal));
    this.conn.accessToken = token.access_token;
    this.opts.onToken?.({ accessToken: token.access_token, instanceUrl: this.conn.instanceUrl });
  }

  /** The session the Pub/Sub API stream presents; `fresh` signs in again first (the stream rejected the token). */
  async streamSession(
    ctx: CallContext,
    fresh: boolean,
  ): Promise<{ accessToken: string; instanceUrl: string; organizationId: string }> {
    await this.ensureSession(ctx, fresh && this.opts.auth.type !== 'access_token');
    const { organizationId } = await this.identity(ctx);
    const accessToken = this.conn.accessToken ?? '';
    return { accessToken, instanceUrl: this.conn.instanceUrl, organizationId };
  }

  /** The user and org our token belongs to: from the token response, else from the UserInfo endpoint. */
  async identity(ctx: CallContext): Promise<SalesforceIdentity> {
    await this.ensureSession(ctx);
    if (this.known !== null) return this.known;
    const info = await this.call(UserInfo, { method: 'GET', path: '/services/oauth2/userinfo' }, ctx);
    this.known = { userId: info.user_id, organizationId: info.organization_id };
    return this.known;
  }

  private url(path: string): string {
    const base = this.conn.instanceUrl.replace(/\/$/, '');
    if (path.startsWith('/services/')) return base + path;
    return `${base}/services/data/v${this.opts.apiVersion}${path}`;
  }

  /** One HTTP call; `schema` parses the body at the edge. */
  async call<T>(schema: z.ZodType<T>, req: SalesforceRequest, ctx: CallContext): Promise<T> {
    const res = await this.send(req, ctx);
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) {
      throw new CrmTransientError(
        `Salesforce ${req.method} ${req.path}: unexpected response shape: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  }

  async send(req: SalesforceRequest, ctx: CallContext): Promise<SalesforceResponse> {
    const retry = this.opts.retry;
    if (retry === undefined) return this.sendOnce(req, ctx);
    const what = `Salesforce ${req.method} ${req.path.split('?')[0] ?? req.path}`;
    return retryCall(retry, this.opts.connectionId, what, ctx.signal, () => this.sendOnce(req, ctx));
  }

  private async sendOnce(req: SalesforceRequest, ctx: CallContext): Promise<SalesforceResponse> {
    await this.ensureSession(ctx);
    await this.opts.gate.acquire('default', 1, ctx.signal);
    let last: HttpResponse | undefined;
    const api = new HttpApi(this.conn, { retry: { maxRetries: 0 }, timeout: ctx.timeoutMs ?? 30_000 });
    api.on('response', (res: HttpResponse) => {
      last = res;
    });
    // Marks our own writes: their change events then carry `client=partnersync` in changeOrigin.
    const headers: Record<string, string> = {
      'content-type': req.contentType ?? 'application/json',
      'sforce-call-options': `client=${SALESFORCE_CLIENT_NAME}`,
    };
    const body =
      req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    try {
      const out: unknown = await withDeadline(ctx, `Salesforce ${req.method} ${req.path}`, () =>
        api.request({
          method: req.method,
          url: this.url(req.path),
          headers,
          ...(body !== undefined ? { body } : {}),
        }),
      );
      const done = last;
      if (done !== undefined) await this.recordUsage(done.headers);
      return { status: done?.statusCode ?? 200, headers: done?.headers ?? {}, body: out };
    } catch (err) {
      if (ctx.signal.aborted || err instanceof CrmTransientError) throw err;
      const failed = last;
      const { error } =
        failed !== undefined && failed.statusCode >= 300
          ? classifySalesforceError(
              { kind: 'response', status: failed.statusCode, headers: failed.headers, body: failed.body },
              { now: this.now() },
            )
          : classifySalesforceError({ kind: 'network', error: err }, { now: this.now() });
      if (failed !== undefined) await this.recordUsage(failed.headers);
      if (error instanceof CrmRateLimitError)
        await this.opts.gate.pauseUntil(this.now() + error.retryAfterMs, error.policy);
      if (error instanceof CrmAuthError && !error.message.includes(this.opts.connectionId)) {
        throw new CrmAuthError(`Salesforce connection "${this.opts.connectionId}": ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm
  private async recordUsage(headers: Readonly<Record<string, string | undefined>>): Promise<void> {
    const m = /api-usage=(\d+)\/(\d+)/.exec(headers['sforce-limit-info'] ?? '');
    if (m?.[1] === undefined || m[2] === undefined) return;
    const used = Number(m[1]);
    const limit = Number(m[2]);
    this.usage = { used, limit, observedAt: this.now() };
    await this.opts.gate.observeDailyUsage(used, limit);
  }
}
