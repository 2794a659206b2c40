import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { ConnectionConfig } from '../../../connectors/connection-config.js';
import { safeEqual } from '../../../connectors/safe-equal.js';
import { AdminAuthError, AdminForbiddenError } from '../../core/errors/index.js';

/** Who called: the all-connections token, or one connection's own token. Never the token itself. */
export type AdminActor =
  | { readonly scope: 'all'; readonly identity: 'admin' }
  | { readonly scope: 'connection'; readonly connectionId: string; readonly identity: string };

export interface AdminTokens {
  /** ADMIN_TOKEN: every connection and the queue dashboard. */
  readonly adminToken: string | undefined;
  readonly connections: readonly Pick<ConnectionConfig, 'id' | 'adminToken'>[];
}

/** Digests make every comparison the same length, so `safeEqual` leaks nothing about the token. */
const digest = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;
const BASIC = /^Basic ([A-Za-z0-9+/=]+)$/;

/** The token of an `Authorization` header. `Basic` (password = token) is accepted for browsers. */
function presentedToken(header: string | undefined, allowBasic: boolean): string | null {
  if (header === undefined) return null;
  const bearer = BEARER.exec(header);
  if (bearer?.[1] !== undefined) return bearer[1];
  const basic = allowBasic ? BASIC.exec(header) : null;
  if (basic?.[1] === undefined) return null;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

/** Resolves a token to an actor, comparing against every configured token in constant time. */
export function createTokenResolver(tokens: AdminTokens): (token: string) => AdminActor | null {
  const entries: { hash: string; actor: AdminActor }[] = [];
  if (tokens.adminToken !== undefined)
    entries.push({ hash: digest(tokens.adminToken), actor: { scope: 'all', identity: 'admin' } });
  for (const c of tokens.connections)
    if (c.adminToken !== undefined)
      entries.push({
        hash: digest(c.adminToken),
        actor: { scope: 'connection', connectionId: c.id, identity: `connection:${c.id}` },
      });
  return (token) => {
    const hash = digest(token);
    let found: AdminActor | null = null;
    // No early exit: every entry is compared whatever matches.
    for (const e of entries) if (safeEqual(hash, e.hash) && found === null) found = e.actor;
    return found;
  };
}

export function actorOf(res: Response): AdminActor {
  const actor: unknown = res.locals['adminActor'];
  if (typeof actor !== 'object' || actor === null) throw new AdminAuthError('not authenticated');
  return actor as AdminActor;
}

/** Whether the actor may act on this connection. */
export function mayAccess(actor: AdminActor, connectionId: string): boolean {
  return actor.scope === 'all' || actor.connectionId === connectionId;
}

export interface RequireAdminOptions {
  /** `all` = only ADMIN_TOKEN; `any` = any valid token (routes check connections themselves). */
  readonly scope: 'all' | 'any';
  /** Accept `Authorization: Basic` and ask browsers for it (the queue dashboard). */
  readonly basic?: boolean;
}

/** Bearer-token middleware: 401 without a valid token, 403 for a connection token outside its scope. */
export function requireAdmin(tokens: AdminTokens, options: RequireAdminOptions): RequestHandler {
  const resolve = createTokenResolver(tokens);
  const basic = options.basic ?? false;
  return (req, res, next) => {
    const token = presentedToken(req.headers.authorization, basic);
    const actor = token === null ? null : resolve(token);
    if (actor === null) {
      if (basic) res.set('WWW-Authenticate', 'Basic realm="partnersync admin", charset="UTF-8"');
      else res.set('WWW-Authenticate', 'Bearer realm="partnersync admin"');
      throw new AdminAuthError(
        token === null ? 'missing or malformed Authorization: Bearer token' : 'invalid admin token',
      );
    }
    if (options.scope === 'all' && actor.scope !== 'all')
      throw new AdminForbiddenError('this route needs the all-connections admin token');
    res.locals['adminActor'] = actor;
    next();
  };
}

/** For `/connections/:id/…` routes: a connection token only reaches its own connection. */
export function requireConnectionAccess(): RequestHandler {
  return (req, res, next) => {
    const id = req.params['id'];
    if (typeof id === 'string' && !mayAccess(actorOf(res), id))
      throw new AdminForbiddenError(`this token does not grant access to connection ${id}`);
    next();
  };
}
