import type { Express, NextFunction, Request, Response } from 'express';
import { rawBody } from '../http-app.js';
import type { HsAuth } from './auth.js';
import { hsBody, hsError } from './errors.js';
import type { HsJournal, HsJournalEntry } from './journal.js';
import { HS_PORTAL_ID } from './portal.js';

// https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide#authentication-and-scopes
export const JOURNAL_READ_SCOPE = 'developer.webhooks_journal.read';
const LOCAL = '/webhooks-journal/journal-local/2026-03';

/**
 * Client-credentials tokens on the 2026-03 token endpoint (the refresh-token grant is served by
 * `registerHsOAuthRoute`, reached through `next()`).
 * https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/overview#client-credentials
 */
export function registerClientCredentialsRoute(
  app: Express,
  auth: HsAuth,
  journal: HsJournal,
  appScopes: ReadonlySet<string>,
): void {
  app.post('/oauth/2026-03/token', (req, res, next) => {
    const form = new URLSearchParams(rawBody(req));
    if (form.get('grant_type') !== 'client_credentials') return next();
    const c = auth.credentials;
    if (form.get('client_id') !== c.clientId || form.get('client_secret') !== c.clientSecret) {
      res.status(401).json({ error: 'invalid_client', error_description: 'missing or unknown client id' });
      return;
    }
    const token = auth.issue();
    // A scope the app was not granted is left out of the token (HubSpot does not document this case).
    const asked = (form.get('scope') ?? '').split(/\s+/).filter((s) => appScopes.has(s));
    journal.tokenScopes.set(token, new Set(asked));
    res.json({ token_type: 'bearer', access_token: token, expires_in: 1800 });
  });
}

/** 401 for a missing or expired token, 403 MISSING_SCOPES when the token lacks `scope`. */
export function requireJournalScope(auth: HsAuth, journal: HsJournal, scope = JOURNAL_READ_SCOPE) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
    const status = auth.status(token);
    if (status !== 'ok') {
      const category = status === 'expired' ? 'EXPIRED_AUTHENTICATION' : 'INVALID_AUTHENTICATION';
      res.status(401).json(hsBody(category, 'Authentication credentials not valid'));
    } else if (journal.tokenScopes.get(token)?.has(scope) !== true) {
      res.status(403).json(
        hsBody('MISSING_SCOPES', 'This app lacks the required scopes', {
          context: { requiredScopes: [scope] },
        }),
      );
    } else next();
  };
}

/** Local-journal reads as documented: `{currentOffset, expiresAt, url}`; 404 for an offset no longer held. */
export function registerJournalRoutes(app: Express, auth: HsAuth, journal: HsJournal): void {
  app.get('/webhooks-journal/files/:id', (req, res) => {
    const file = journal.file(req.params.id);
    if (file === undefined) throw hsError(404, 'OBJECT_NOT_FOUND', 'no such journal file');
    if (file === 'expired') throw hsError(403, 'FORBIDDEN', 'the journal file URL has expired');
    res.json(file);
  });
  app.use(LOCAL, requireJournalScope(auth, journal));
  const answer = (req: Request, res: Response, entry: HsJournalEntry | undefined): void => {
    const portal = req.query['installPortalId'];
    if (entry === undefined || (portal !== undefined && Number(portal) !== HS_PORTAL_ID)) {
      res.status(204).end(); // nothing (yet) after this point: not documented by HubSpot
      return;
    }
    const file = journal.publish(entry);
    res.json({
      currentOffset: entry.offset,
      expiresAt: new Date(file.expiresAt).toISOString(),
      url: `${req.protocol}://${req.get('host') ?? ''}/webhooks-journal/files/${file.id}`,
    });
  };
  app.get(`${LOCAL}/earliest`, (req, res) => answer(req, res, journal.earliest()));
  app.get(`${LOCAL}/latest`, (req, res) => answer(req, res, journal.latest()));
  app.get(`${LOCAL}/offset/:offset/next`, (req, res) => {
    const next = journal.next(req.params.offset);
    // https://developers.hubspot.com/docs/api-reference/2027-03-beta/webhooks-journal/journal-entries/local/get-journal-local-next
    if (next === 'gone') throw hsError(404, 'OBJECT_NOT_FOUND', 'offset expired or unknown');
    answer(req, res, next === 'none' ? undefined : next);
  });
}
