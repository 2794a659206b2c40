import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  Router,
} from 'express';
import { z } from 'zod';
import { validateMapping } from '../../../mappings/index.js';
import { AdminRequestError, PartnersyncError } from '../../core/errors/index.js';
import { renderAttributionCsv } from '../../report/render-attribution-text.js';
import type { AdminDeps } from '../admin/admin-deps.js';
import type { AdminRoute } from '../admin/admin-route.js';
import { PreviewResponse, PutMappingResponse, SwitchResponse } from '../admin/admin-schemas.js';
import { createTokenResolver } from '../admin/require-admin.js';
import { type AdminApi, createAdminApi } from './admin-api.js';
import { CONSOLE_CSS, CONSOLE_JS } from './assets.js';
import {
  clearSessionCookie,
  cookieValue,
  requireCsrf,
  requireSession,
  securityHeaders,
  SESSION_COOKIE,
  sessionOf,
  setSessionCookie,
} from './console-auth.js';
import { connectionsPage } from './connections-page.js';
import { mountDuplicatesPage } from './duplicates-page.js';
import { html } from './html.js';
import { BASE, flashBox, layout } from './layout.js';
import { loginPage } from './login-page.js';
import { mappingsPage, ValidationIssueBody } from './mappings-page.js';
import { loadReport, type ReportQuery, reportsPage } from './reports-page.js';
import type { ConsoleSession, SessionStore } from './session-store.js';
import { type WhatIfInput, whatIfPage } from './what-if-page.js';
import { mountReviewRegistrations } from './review-registrations-page.js';
import { RecomputeResponse } from '../admin/post-attribution-recompute.js';
import { DuplicatesRecomputeResponse } from '../admin/post-duplicates-recompute.js';

export interface ConsoleDeps {
  readonly admin: AdminDeps;
  /** The admin API's routes (built-in and extra): the console changes state only through them. */
  readonly routes: readonly AdminRoute[];
  readonly sessions: SessionStore;
}

const Form = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const field = (req: Request, name: string): string => {
  const parsed = Form.safeParse(req.body);
  const value = parsed.success ? parsed.data[name] : undefined;
  return typeof value === 'string' ? value : '';
};

type Page = (req: Request, res: Response) => Promise<void>;

/** Console pages render their errors as HTML with the API's status; auth errors still go to JSON. */
function page(fn: Page): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch((err: unknown) => {
      if (
        err instanceof PartnersyncError &&
        err.httpStatus < 500 &&
        res.locals['consoleSession'] !== undefined
      ) {
        const { session } = sessionOf(res);
        // Field-level reasons (zod issues) say what to change; the bare message does not.
        const details = (err.issues ?? []).map((i) => i.message).join('; ');
        const text = details === '' ? err.message : `${err.message}: ${details}`;
        res
          .status(err.httpStatus)
          .type('html')
          .send(
            layout(
              'Error',
              session,
              html`<h1>Could not do that</h1>
                ${flashBox({ kind: 'error', text })}
                <p><a href="${BASE}/">Back to connections</a></p>`,
            ),
          );
        return;
      }
      next(err);
    });
  };
}

/**
 * The admin console under /admin/console: server-rendered pages and plain forms (a small self-hosted
 * script only enhances them), a Redis session from a token login, a synchronizer CSRF token on every
 * change, and every read and change made through the admin API's own route handlers.
 */
export function createConsoleRouter(deps: ConsoleDeps): Router {
  const router = Router();
  const api = createAdminApi(deps.admin, deps.routes);

  router.use(securityHeaders());
  mountAssets(router);
  mountLogin(router, deps);
  // Everything below needs a session; the session is checked before any body is parsed.
  mountSessionGate(router, deps.sessions);
  mountConnections(router, api);
  mountMappingEditor(router, api);
  mountMappingVersions(router, api);
  mountReports(router, api);
  mountWhatIf(router, api);
  mountReviewRegistrations(router, api, page, field);
  mountDuplicatesPage(router, api, page, field);
  return router;
}

function mountAssets(router: Router): void {
  router.get('/assets/console.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('text/css').send(CONSOLE_CSS);
  });
  router.get('/assets/console.js', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('application/javascript').send(CONSOLE_JS);
  });
}

/** The token login form and the one-time login links; these are the only pages without a session. */
function mountLogin(router: Router, deps: ConsoleDeps): void {
  const resolve = createTokenResolver(deps.admin.tokens);
  router.get('/login', (_req, res) => {
    res.type('html').send(loginPage());
  });
  router.post(
    '/login',
    express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 5 }),
    page(async (req, res) => {
      const actor = resolve(field(req, 'token').trim());
      if (actor === null) {
        res
          .status(401)
          .type('html')
          .send(loginPage({ kind: 'error', text: 'That token is not an admin token.' }));
        return;
      }
      const old = cookieValue(req, SESSION_COOKIE);
      if (old !== null) await deps.sessions.destroy(old);
      const { id } = await deps.sessions.create(actor);
      deps.admin.log.info({ actor: actor.identity }, 'console login');
      setSessionCookie(req, res, id, deps.sessions.ttlSeconds);
      res.redirect(303, `${BASE}/`);
    }),
  );

  // A one-time link (printed by `demo --keep`): the code is deleted as it is used.
  router.get(
    '/login/:code',
    page(async (req, res) => {
      const actor = await deps.sessions.redeemLoginCode(String(req.params['code']));
      if (actor === null) {
        res
          .status(401)
          .type('html')
          .send(loginPage({ kind: 'error', text: 'That login link was used or has expired.' }));
        return;
      }
      const { id } = await deps.sessions.create(actor);
      setSessionCookie(req, res, id, deps.sessions.ttlSeconds);
      res.redirect(303, `${BASE}/`);
    }),
  );
}

/** From here on a session is required, every POST body is parsed and CSRF-checked; then logout. */
function mountSessionGate(router: Router, sessions: SessionStore): void {
  const form = express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 100 });
  router.use(requireSession(sessions));
  router.post('*path', form, requireCsrf());

  router.post(
    '/logout',
    page(async (_req, res) => {
      await sessions.destroy(sessionOf(res).id);
      clearSessionCookie(res);
      res.redirect(303, `${BASE}/login`);
    }),
  );
}

/** The connections overview (the console's home page) and its failed-job retry button. */
function mountConnections(router: Router, api: AdminApi): void {
  router.get(
    '/',
    page(async (_req, res) => {
      res.type('html').send(await connectionsPage(api, sessionOf(res).session));
    }),
  );
  router.post(
    '/jobs/retry',
    page(async (req, res) => {
      const { session } = sessionOf(res);
      const params = { queue: field(req, 'queue'), jobId: field(req, 'jobId') };
      await api.call(session.actor, 'post', '/jobs/:queue/:jobId/retry', z.unknown(), { params });
      res.type('html').send(
        await connectionsPage(api, session, {
          kind: 'success',
          text: `Job ${params.jobId} of ${params.queue} is queued again.`,
        }),
      );
    }),
  );
}

const mappingId = (req: Request): string => String(req.params['id']);

/** The mapping editor: the page itself (optionally with a version diff) and its save/check form. */
function mountMappingEditor(router: Router, api: AdminApi): void {
  router.get(
    '/connections/:id/mapping',
    page(async (req, res) => {
      const from = typeof req.query['from'] === 'string' ? req.query['from'] : undefined;
      const to = typeof req.query['to'] === 'string' ? req.query['to'] : undefined;
      const state = from !== undefined && to !== undefined ? { diffFrom: from, diffTo: to } : {};
      res.type('html').send(await mappingsPage(api, sessionOf(res).session, mappingId(req), state));
    }),
  );
  router.post(
    '/connections/:id/mapping/save',
    page(async (req, res) => {
      const { session } = sessionOf(res);
      const id = mappingId(req);
      const text = field(req, 'text').replace(/\r\n/g, '\n');
      if (field(req, 'intent') === 'check') {
        await checkMapping(api, res, session, id, text);
        return;
      }
      await saveMapping(api, req, res, session, id, text);
    }),
  );
}

/** The same validation as `partnersync mappings validate`; nothing is stored. */
async function checkMapping(
  api: AdminApi,
  res: Response,
  session: ConsoleSession,
  id: string,
  text: string,
): Promise<void> {
  const result = validateMapping(text, 'mapping');
  const issues = result.ok
    ? []
    : result.issues.map((i) => ({
        path: i.path,
        message: i.message,
        suggestion: i.suggestion,
        line: i.line,
      }));
  const flash = issues.length === 0 ? { kind: 'success' as const, text: 'No issues found.' } : undefined;
  res
    .status(issues.length === 0 ? 200 : 422)
    .type('html')
    .send(await mappingsPage(api, session, id, { text, issues, ...(flash === undefined ? {} : { flash }) }));
}

/** Stores a new mapping version through the admin API; its validation issues re-render the editor. */
async function saveMapping(
  api: AdminApi,
  req: Request,
  res: Response,
  session: ConsoleSession,
  id: string,
  text: string,
): Promise<void> {
  const query: Record<string, string> = {
    activate: field(req, 'activate') === 'true' ? 'true' : 'false',
  };
  if (field(req, 'checkCrm') === 'true') query['check'] = 'crm';
  const note = field(req, 'note').trim();
  try {
    const saved = await api.call(session.actor, 'put', '/connections/:id/mapping', PutMappingResponse, {
      params: { id },
      query,
      body: note === '' ? { text } : { text, note },
    });
    const activeText = saved.active === saved.version.version ? ' and activated it' : '';
    res.type('html').send(
      await mappingsPage(api, session, id, {
        flash: { kind: 'success', text: `Saved version ${saved.version.version}${activeText}.` },
      }),
    );
  } catch (err) {
    const issues =
      err instanceof PartnersyncError ? z.array(ValidationIssueBody).safeParse(err.issues) : null;
    if (err instanceof PartnersyncError && err.httpStatus === 422 && issues?.success === true) {
      res
        .status(422)
        .type('html')
        .send(await mappingsPage(api, session, id, { text, issues: issues.data }));
      return;
    }
    throw err;
  }
}

/** The mapping page's other forms: preview a record, activate a version, roll back. */
function mountMappingVersions(router: Router, api: AdminApi): void {
  router.post(
    '/connections/:id/mapping/preview',
    page(async (req, res) => {
      const { session } = sessionOf(res);
      const id = mappingId(req);
      const previewInput = {
        object: field(req, 'object'),
        id: field(req, 'recordId'),
        version: field(req, 'version'),
      };
      const preview = await api.call(session.actor, 'post', '/connections/:id/preview', PreviewResponse, {
        params: { id },
        query: previewInput.version === '' ? {} : { version: previewInput.version },
        body: { object: previewInput.object, id: previewInput.id },
      });
      res.type('html').send(await mappingsPage(api, session, id, { preview, previewInput }));
    }),
  );
  router.post(
    '/connections/:id/mapping/activate',
    page(async (req, res) => {
      const { session } = sessionOf(res);
      const id = mappingId(req);
      const v = field(req, 'version');
      const result = await api.call(
        session.actor,
        'post',
        '/connections/:id/mapping/versions/:v/activate',
        SwitchResponse,
        {
          params: { id, v },
        },
      );
      const flash = { kind: 'success' as const, text: `Version ${result.active ?? v} is active.` };
      res.type('html').send(await mappingsPage(api, session, id, { flash }));
    }),
  );
  router.post(
    '/connections/:id/mapping/rollback',
    page(async (req, res) => {
      const { session } = sessionOf(res);
      const id = mappingId(req);
      const result = await api.call(
        session.actor,
        'post',
        '/connections/:id/mapping/rollback',
        SwitchResponse,
        {
          params: { id },
        },
      );
      const now = result.active === null ? 'the mapping file' : `version ${result.active}`;
      res.type('html').send(
        await mappingsPage(api, session, id, {
          flash: { kind: 'success', text: `Rolled back: ${now} is active.` },
        }),
      );
    }),
  );
}

const reportQuery = (req: Request): ReportQuery | null => {
  const q = req.query;
  const str = (k: string): string | undefined => (typeof q[k] === 'string' ? q[k] : undefined);
  const connection = str('connection');
  const from = str('from');
  const to = str('to');
  if (connection === undefined || from === undefined || to === undefined) return null;
  return { connection, from, to, basis: str('basis') === 'created' ? 'created' : 'won' };
};

/** The attribution report page and its CSV download. */
function mountReports(router: Router, api: AdminApi): void {
  router.get(
    '/reports',
    page(async (req, res) => {
      res.type('html').send(await reportsPage(api, sessionOf(res).session, reportQuery(req)));
    }),
  );
  router.get(
    '/reports.csv',
    page(async (req, res) => {
      const q = reportQuery(req);
      if (q === null) throw new AdminRequestError('connection, from and to are required');
      const data = await loadReport(api, sessionOf(res).session, q);
      // The same CSV as `partnersync report attribution --format csv`.
      res
        .type('text/csv')
        .attachment(`attribution-${q.connection}-${q.from}-${q.to}.csv`)
        .send(renderAttributionCsv(data.report));
    }),
  );
}

const whatIfInput = (req: Request): WhatIfInput => ({
  connection: field(req, 'connection'),
  model: field(req, 'model'),
  lookbackDays: field(req, 'lookbackDays').trim(),
  windowEnd: field(req, 'windowEnd'),
  duplicate: field(req, 'duplicate').trim(),
  possible: field(req, 'possible').trim(),
});

/** The duplicates what-if, when a threshold was given; the field's text must be a number. */
async function recomputeDuplicates(
  api: AdminApi,
  session: ConsoleSession,
  input: WhatIfInput,
  dryRun: boolean,
) {
  if (input.duplicate === '' && input.possible === '') return undefined;
  const score = (name: string, text: string): number | undefined => {
    if (text === '') return undefined;
    const n = Number(text);
    if (!Number.isFinite(n))
      throw new AdminRequestError(`${name} must be a number from 0 to 1, not "${text}"`);
    return n;
  };
  const body: Record<string, number> = {};
  const duplicate = score('Duplicate at score', input.duplicate);
  const possible = score('Possible duplicate at score', input.possible);
  if (duplicate !== undefined) body['duplicate'] = duplicate;
  if (possible !== undefined) body['possible'] = possible;
  return api.call(
    session.actor,
    'post',
    '/connections/:id/duplicates/recompute',
    DuplicatesRecomputeResponse,
    {
      params: { id: input.connection },
      query: { dryRun: String(dryRun) },
      body,
    },
  );
}

async function recompute(api: AdminApi, session: ConsoleSession, input: WhatIfInput, dryRun: boolean) {
  const body: Record<string, unknown> = {};
  if (input.model !== '') body['model'] = input.model;
  if (input.lookbackDays !== '') body['lookbackDays'] = Number(input.lookbackDays);
  if (input.windowEnd !== '') body['windowEnd'] = input.windowEnd;
  return api.call(session.actor, 'post', '/connections/:id/attribution/recompute', RecomputeResponse, {
    params: { id: input.connection },
    query: { dryRun: String(dryRun) },
    body,
  });
}

/** The what-if page: a dry run of new attribution rules or duplicate thresholds, then apply. */
function mountWhatIf(router: Router, api: AdminApi): void {
  router.get(
    '/what-if',
    page(async (_req, res) => {
      res.type('html').send(await whatIfPage(api, sessionOf(res).session));
    }),
  );
  router.post(
    '/what-if',
    page(async (req, res) => {
      const { session } = sessionOf(res);
      const input = whatIfInput(req);
      const duplicates = await recomputeDuplicates(api, session, input, true);
      const result = await recompute(api, session, input, true);
      res.type('html').send(
        await whatIfPage(api, session, {
          input,
          result,
          ...(duplicates === undefined ? {} : { duplicates }),
        }),
      );
    }),
  );
  router.post(
    '/what-if/apply',
    page(async (req, res) => {
      const { session } = sessionOf(res);
      const input = whatIfInput(req);
      // Thresholds first: they are checked against the stored ones, so a bad pair changes nothing.
      const duplicates = await recomputeDuplicates(api, session, input, false);
      const result = await recompute(api, session, input, false);
      const dupText =
        duplicates === undefined
          ? ''
          : ` Duplicate thresholds ${duplicates.thresholds.duplicate} / ${duplicates.thresholds.possible}: ${duplicates.changed} lead(s) and contact(s) are being re-checked.`;
      const text = `Applied model ${result.attribution.model} to ${input.connection}: ${result.changedOpportunities} opportunities changed; the CRM is being updated.${dupText}`;
      res.type('html').send(await whatIfPage(api, session, { flash: { kind: 'success', text } }));
    }),
  );
}
