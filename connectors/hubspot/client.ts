import { Client } from '@hubspot/api-client';
import type { z } from 'zod';
import { CrmAuthError, CrmRateLimitError, CrmTransientError } from '../../src/core/errors/index.js';
import type { HubspotAuth } from '../connection-config.js';
import type { ApiUsage, CallContext } from '../port.js';
import type { RateGate } from '../rate-budget.js';
import { parseJsonBody } from '../vendor-failure.js';
import { withDeadline } from '../with-deadline.js';
import { retryCall, type RetryOptions } from '../with-retries.js';
import { classifyHubspotError } from './classify-error.js';
import { HsToken } from './schemas.js';

export interface HubspotClientOptions {
  readonly connectionId: string;
  readonly baseUrl: string;
  readonly auth: HubspotAuth;
  readonly gate: RateGate;
  readonly portalUtcOffsetMinutes?: number;
  readonly now?: () => number;
  /** Retry transient failures of each call in place (setup commands; workers retry whole jobs). */
  readonly retry?: RetryOptions;
  /** Persist refreshed OAuth tokens here. */
  readonly onToken?: (token: { accessToken: string; refreshToken: string }) => void;
}

export interface HubspotRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
  readonly qs?: Readonly<Record<string, string>>;
  /** `search` calls spend from HubSpot's separate search budget. */
  readonly bucket?: 'default' | 'search';
}

/**
 * The transport under the HubSpot connector: @hubspot/api-client's `apiRequest` (auth header,
 * configurable basePath) with the SDK's retries and limiter off — we own both. Every call spends a
 * token, runs under a deadline, refreshes OAuth once on 401, and is classified on failure.
 */
export class HubspotClient {
  readonly sdk: Client;
  private accessToken: string | undefined;
  private refreshToken: string | undefined;
  private usage: ApiUsage | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: HubspotClientOptions) {
    this.now = opts.now ?? Date.now;
    this.accessToken = opts.auth.accessToken;
    this.refreshToken = opts.auth.type === 'oauth' ? opts.auth.refreshToken : undefined;
    // numberOfApiCallRetries 0 and no limiterOptions: the SDK adds no retry or limiter decorators.
    this.sdk = new Client({
      basePath: opts.baseUrl.replace(/\/$/, ''),
      numberOfApiCallRetries: 0,
      ...(this.accessToken !== undefined ? { accessToken: this.accessToken } : {}),
    });
  }

  get connectionId(): string {
    return this.opts.connectionId;
  }

  apiUsage(): ApiUsage | null {
    return this.usage;
  }

  async call<T>(
    schema: z.ZodType<T>,
    req: HubspotRequest,
    ctx: CallContext,
  ): Promise<{ status: number; body: T }> {
    const res = await this.send(req, ctx);
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) {
      throw new CrmTransientError(
        `HubSpot ${req.method} ${req.path}: unexpected response shape: ${parsed.error.message}`,
      );
    }
    return { status: res.status, body: parsed.data };
  }

  async send(req: HubspotRequest, ctx: CallContext): Promise<{ status: number; body: unknown }> {
    const retry = this.opts.retry;
    if (retry === undefined) return this.sendOnce(req, ctx);
    const what = `HubSpot ${req.method} ${req.path}`;
    return retryCall(retry, this.opts.connectionId, what, ctx.signal, () => this.sendOnce(req, ctx));
  }

  private async sendOnce(
    req: HubspotRequest,
    ctx: CallContext,
    refreshed = false,
  ): Promise<{ status: number; body: unknown }> {
    if (this.accessToken === undefined) await this.refresh(ctx);
    await this.opts.gate.acquire(req.bucket ?? 'default', 1, ctx.signal);
    let status: number;
    let headers: Record<string, string>;
    let text: string;
    try {
      ({ status, headers, text } = await withDeadline(ctx, `HubSpot ${req.method} ${req.path}`, async () => {
        const res = await this.sdk.apiRequest({
          method: req.method,
          path: req.path,
          ...(req.body !== undefined ? { body: req.body } : {}),
          ...(req.qs !== undefined ? { qs: req.qs } : {}),
        });
        const h: Record<string, string> = {};
        res.headers.forEach((value, key) => (h[key.toLowerCase()] = value));
        return { status: res.status, headers: h, text: await res.text() };
      }));
    } catch (err) {
      if (ctx.signal.aborted || err instanceof CrmTransientError) throw err;
      throw classifyHubspotError({ kind: 'network', error: err }, { now: this.now() }).error;
    }
    this.recordUsage(headers);
    if (status < 300) return { status, body: text === '' ? undefined : parseJsonBody(text) };
    if (status === 401 && !refreshed && this.opts.auth.type === 'oauth') {
      await this.refresh(ctx);
      return this.sendOnce(req, ctx, true);
    }
    const { error } = classifyHubspotError(
      { kind: 'response', status, headers, body: text },
      {
        now: this.now(),
        ...(this.opts.portalUtcOffsetMinutes !== undefined
          ? { portalUtcOffsetMinutes: this.opts.portalUtcOffsetMinutes }
          : {}),
      },
    );
    if (error instanceof CrmRateLimitError)
      await this.opts.gate.pauseUntil(this.now() + error.retryAfterMs, error.policy);
    if (error instanceof CrmAuthError) {
      throw new CrmAuthError(`HubSpot connection "${this.opts.connectionId}": ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }

  /**
   * OAuth refresh through the 2026-03 token endpoint (v1 is removed on 2027-02-16); failures come
   * back as RFC 6749 `error` / `error_description`.
   * https://developers.hubspot.com/docs/api-reference/2026-03/authentication/manage-oauth-tokens;
   * https://developers.hubspot.com/changelog/v1-oauth-api-deprecation
   */
  private async refresh(ctx: CallContext): Promise<void> {
    const auth = this.opts.auth;
    if (auth.type !== 'oauth' || this.refreshToken === undefined) {
      throw new CrmAuthError(
        `HubSpot connection "${this.opts.connectionId}": no access token and no way to refresh one`,
      );
    }
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: auth.clientId,
      client_secret: auth.clientSecret,
      refresh_token: this.refreshToken,
    });
    const res = await withDeadline(ctx, 'HubSpot token refresh', async () => {
      const r = await this.sdk.apiRequest({
        method: 'POST',
        path: '/oauth/2026-03/token',
        body: form.toString(),
        defaultJson: false,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      return { status: r.status, text: await r.text() };
    });
    const token = HsToken.safeParse(parseJsonBody(res.text));
    if (res.status >= 300 || !token.success) {
      const { error } = classifyHubspotError(
        { kind: 'response', status: res.status, headers: {}, body: res.text },
        { now: this.now() },
      );
      if (res.status >= 500) throw error;
      throw new CrmAuthError(
        `HubSpot connection "${this.opts.connectionId}": OAuth refresh failed: ${error.message}`,
        { cause: error },
      );
    }
    this.accessToken = token.data.access_token;
    this.refreshToken = token.data.refresh_token ?? this.refreshToken;
    this.sdk.setAccessToken(this.accessToken);
    this.opts.onToken?.({ accessToken: this.accessToken, refreshToken: this.refreshToken });
  }

  // https://developers.hubspot.com/changelog/2018-11-06-rate-limit-information-headers-will-be-included-in-http-responses
  private recordUsage(headers: Readonly<Record<string, string>>): void {
    const daily = Number(headers['x-hubspot-ratelimit-daily']);
    const remaining = Number(headers['x-hubspot-ratelimit-daily-remaining']);
    if (!Number.isFinite(daily) || !Number.isFinite(remaining) || daily <= 0) return;
    this.usage = { used: daily - remaining, limit: daily, observedAt: this.now() };
    void this.opts.gate.observeDailyUsage(daily - remaining, daily).catch(() => undefined);
  }
}
