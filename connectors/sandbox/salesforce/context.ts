import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { DailyQuota } from '../rate-limit.js';
import type { Actor } from '../store.js';
import { notFound, sfError } from './errors.js';
import type { SfOrg } from './org.js';
import type { SfObject } from './schema.js';
import type { SandboxHttpError } from '../http-error.js';

/** Everything a Salesforce route group needs. */
export interface SfContext {
  readonly org: SfOrg;
  readonly quota: DailyQuota;
  readonly baseUrl: () => string;
}

/** `v60.0` from the path, or 404 like Salesforce for an unknown version segment. */
export function versionOf(req: Request): string {
  const v = String(req.params['version'] ?? '');
  if (!/^v\d{2}\.0$/.test(v)) throw notFound();
  return v;
}

export function param(req: Request, name: string): string {
  return String(req.params[name] ?? '');
}

/** The user the request's access token belongs to. */
export function userOf(res: Response): string {
  return String(res.locals['userId'] ?? '');
}

/** The object as the calling user sees it (permission sets applied); 404 when unknown or not granted. */
export function objectOf(ctx: SfContext, name: string, res: Response): SfObject {
  const obj = ctx.org.apiObject(name, userOf(res));
  if (!obj) throw notFound();
  return obj;
}

/** The acting user, plus the client id from `Sforce-Call-Options: client=…` (used to tag our own writes). */
export function actorOf(req: Request, res: Response): Actor {
  const callOptions = req.get('sforce-call-options') ?? '';
  const clientId = /(?:^|,)\s*client=([^,\s]+)/.exec(callOptions)?.[1];
  // Every record a request writes is saved in one transaction.
  const transactionId = (res.locals['transactionId'] ??= randomBytes(8).toString('hex')) as string;
  return { userId: userOf(res), clientId, transactionId };
}

export const badRequest = (message: string): SandboxHttpError => sfError(400, 'JSON_PARSER_ERROR', message);

export function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
