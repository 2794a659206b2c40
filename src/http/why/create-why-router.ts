import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from '../../core/logger.js';
import { verifyWhyLink } from '../../why-link/verify-why-link.js';
import type { WhyKey } from '../../why-link/why-link.js';
import { loadWhyView } from './load-why-view.js';
import { renderWhyPage } from './render-why-page.js';
import { WHY_CSS } from './why-assets.js';
import { sendWhyFailure } from './why-refusal.js';
import type { WhyStores } from './why-stores.js';

export interface WhyRouterDeps {
  /** The current signing key; null (links off) refuses every link. */
  readonly key: WhyKey | null;
  readonly stores: WhyStores;
  /** Connections configured in this process; a link to any other is "not found". */
  readonly connections: ReadonlySet<string>;
  readonly log: Logger;
}

/** Nothing but our stylesheet; no script, no inline style, no other origin, no framing, no forms. */
export const WHY_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const headers: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': WHY_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The link is the credential: never send it on as a referrer, never keep the page in a cache.
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Robots-Tag': 'noindex, nofollow',
  });
  next();
};

/** GET /why/:connection/:object/:recordId?kid=…&signature=… — the read-only page of one record, no login. */
export function createWhyRouter(deps: WhyRouterDeps): Router {
  const router = Router();
  router.use(headers);
  router.get('/assets/why.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').type('text/css').send(WHY_CSS);
  });
  router.get('/:connection/:object/:recordId', (req: Request, res: Response, next) => {
    const css = '../../assets/why.css';
    const verdict = verifyWhyLink(deps.key, {
      connection: req.params['connection'],
      object: req.params['object'],
      recordId: req.params['recordId'],
      kid: req.query['kid'],
      signature: req.query['signature'],
    });
    if (!verdict.ok) {
      deps.log.info({ refusal: verdict.refusal }, 'why link refused');
      sendWhyFailure(req, res, verdict.refusal, css);
      return;
    }
    const { target } = verdict;
    if (!deps.connections.has(target.connection)) {
      sendWhyFailure(req, res, 'not_found', css);
      return;
    }
    loadWhyView(deps.stores, target)
      .then((view) => {
        if (view === null) sendWhyFailure(req, res, 'not_found', css);
        else res.status(200).type('html').send(renderWhyPage(view, css));
      })
      .catch(next);
  });
  return router;
}
