import { text } from '../text.js';
import type { Request, Response } from 'express';
import type { SandboxHttpError } from '../http-error.js';
import type { Actor } from '../store.js';
import { hsBody, hsError } from './errors.js';
import type { HsPortal } from './portal.js';
import type { HsObjectType } from './schema.js';
import type { HsFailure } from './write.js';
import type { Associations } from './associations.js';

export interface HsContext {
  readonly portal: HsPortal;
  readonly associations: Associations;
}

export function typeOf(ctx: HsContext, req: Request, param = 'objectType'): HsObjectType {
  const raw: unknown = req.params[param];
  const ref = typeof raw === 'string' ? raw : '';
  // https://developers.hubspot.com/changelog/breaking-change-removed-support-for-referencing-custom-object-types-by-base-name
  const t = ctx.portal.apiType(ref);
  if (!t) throw hsError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${ref}`);
  return t;
}

export function actorOf(res: Response): Actor {
  const appId: unknown = res.locals['appId'];
  return { userId: String(res.locals['userId'] ?? ''), appId: typeof appId === 'string' ? appId : undefined };
}

/** Comma-separated `properties` query parameter (also accepts repeated parameters). */
export function listParam(req: Request, name: string): string[] | null {
  const v = req.query[name];
  if (v === undefined) return null;
  const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'string' ? x.split(',') : []));
  return parts.map((s) => s.trim()).filter((s) => s !== '');
}

export function failureError(f: HsFailure): SandboxHttpError {
  return hsError(f.status, text(f.error['category'] ?? 'VALIDATION_ERROR'), text(f.error['message']), {
    context: f.error['context'],
  });
}

export function invalidInput(message: string): SandboxHttpError {
  return hsError(400, 'VALIDATION_ERROR', `Invalid input JSON on line 1: ${message}`);
}

export { hsBody };
