import type { Request, RequestHandler, Response } from 'express';
import { safeEqual } from '../../../connectors/safe-equal.js';
import { AdminAuthError, AdminForbiddenError } from '../../core/errors/index.js';
import { BASE } from './layout.js';
import type { ConsoleSession, SessionStore } from './session-store.js';

export const SESSION_COOKIE = 'psc_session';

/**
 * No inline script or style, nothing from another origin, no framing, forms post only to us. The chart
 * is inline SVG built from numbers (SVG presentation attributes are not styles).
 */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set({
      'Content-Security-Policy': CONSOLE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    next();
  };
}

export function cookieValue(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function setSessionCookie(req: Request, res: Response, id: string, maxAgeSeconds: number): void {
  const secure = req.secure ? '; Secure' : '';
  res.append(
    'Set-Cookie',
    `${SESSION_COOKIE}=${id}; Path=${BASE}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`,
  );
}

export function clearSessionCookie(res: Response): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=; Path=${BASE}; HttpOnly; SameSite=Strict; Max-Age=0`);
}

export function sessionOf(res: Response): { id: string; session: ConsoleSession } {
  const value: unknown = res.locals['consoleSession'];
  if (typeof value !== 'object' || value === null) throw new AdminAuthError('not signed in');
  return value as { id: string; session: ConsoleSession };
}

/** Pages need a session: a GET without one goes to the login form, anything else is refused (401). */
export function requireSession(sessions: SessionStore): RequestHandler {
  return async (req, res, next) => {
    const id = cookieValue(req, SESSION_COOKIE);
    const session = id === null ? null : await sessions.get(id);
    if (id === null || session === null) {
      if (req.method === 'GET' || req.method === 'HEAD') {
        res.redirect(303, `${BASE}/login`);
        return;
      }
      throw new AdminAuthError('no console session: log in first');
    }
    res.locals['consoleSession'] = { id, session };
    next();
  };
}

/** Synchronizer token: a change must carry the session's `_csrf` (a form field or `X-CSRF-Token`). */
export function requireCsrf(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    const { session } = sessionOf(res);
    const body: unknown = req.body;
    const field =
      typeof body === 'object' && body !== null && '_csrf' in body && typeof body._csrf === 'string'
        ? body._csrf
        : req.get('x-csrf-token');
    if (typeof field !== 'string' || !safeEqual(field, session.csrf))
      throw new AdminForbiddenError('missing or wrong CSRF token: reload the page and try again');
    next();
  };
}
