import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { ConnectionList } from '../admin/admin-schemas.js';
import {
  type PendingRegistrationBody,
  RegistrationVerdictResponse,
  ReviewQueueResponse,
} from '../admin/registration-review-schemas.js';
import { PartnersyncError } from '../../core/errors/index.js';
import type { AdminApi } from './admin-api.js';
import { sessionOf } from './console-auth.js';
import { html, type SafeHtml } from './html.js';
import { BASE, csrfField, type Flash, flashBox, layout } from './layout.js';
import type { ConsoleSession } from './session-store.js';

type Pending = z.infer<typeof PendingRegistrationBody>;

/** Path of this page; sibling review pages (e.g. possible duplicates) live beside it under /review. */
export const REVIEW_REGISTRATIONS_PATH = '/review/registrations';

const money = (amount: number | null, currency: string | null): string =>
  amount === null
    ? 'no amount'
    : `${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${currency ?? ''}`.trim();

function registrationCard(session: ConsoleSession, connection: string, r: Pending): SafeHtml {
  const title = `${r.customerCompany} via ${r.partnerName}`;
  const failed = r.ruleChecks.filter((c) => !c.passed);
  const passed = r.ruleChecks.filter((c) => c.passed);
  return html`<section class="card" aria-labelledby="reg-${r.id}" data-registration="${r.id}">
    <h3 id="reg-${r.id}">${title}</h3>
    <p>
      ${money(r.amount, r.currency)} · submitted ${r.submittedAt.slice(0, 10)}
      ${r.customerDomain === null ? '' : html` · ${r.customerDomain}`}
      ${
        r.contactName === null && r.contactEmail === null
          ? ''
          : html` · contact ${[r.contactName, r.contactEmail].filter((x) => x !== null).join(', ')}`
      }
      ${r.territory === null ? '' : html` · territory ${r.territory}`}
    </p>
    <h4>Conflicts</h4>
    ${
      r.conflicts.length === 0
        ? html`<p class="muted">No other registration or open opportunity for this customer.</p>`
        : html`<ul>
            ${r.conflicts.map(
              (c) => html`<li class="${c.severity === 'hard' ? 'bad' : 'warn'}">${c.text}</li>`,
            )}
          </ul>`
    }
    <h4>Approval rules</h4>
    <ul>
      ${failed.map((c) => html`<li class="warn">Needs a person: ${c.text}</li>`)}
      ${passed.map((c) => html`<li class="muted">Passed: ${c.text}</li>`)}
    </ul>
    <form method="post" action="${BASE}${REVIEW_REGISTRATIONS_PATH}/${connection}/${r.id}">
      ${csrfField(session)}
      <input type="hidden" name="title" value="${title}" />
      <label for="reason-${r.id}">Reason for ${title} (written to the CRM)</label>
      <input id="reason-${r.id}" name="reason" type="text" size="60" maxlength="200" required />
      <div class="row">
        <button type="submit" name="verdict" value="approve">Approve</button>
        <button type="submit" name="verdict" value="reject" class="secondary">Reject</button>
      </div>
    </form>
  </section>`;
}

export async function reviewRegistrationsPage(
  api: AdminApi,
  session: ConsoleSession,
  flash?: Flash,
): Promise<string> {
  const { connections } = await api.call(session.actor, 'get', '/connections', ConnectionList);
  const queues = await Promise.all(
    connections.map((c) =>
      api.call(session.actor, 'get', '/connections/:id/registrations/pending', ReviewQueueResponse, {
        params: { id: c.id },
      }),
    ),
  );
  const body = html`<h1>Review: deal registrations</h1>
    ${flashBox(flash)}
    <p class="muted">
      Registrations the automatic review could not decide. Approve or reject with a reason: the decision is
      written to the CRM, and the automatic review will not change it.
    </p>
    ${queues.map(
      (q) =>
        html`<section aria-labelledby="queue-${q.connection}">
          <h2 id="queue-${q.connection}">${q.connection}: ${q.registrations.length} waiting for review</h2>
          ${
            q.registrations.length === 0
              ? html`<p class="muted">Nothing to review.</p>`
              : q.registrations.map((r) => registrationCard(session, q.connection, r))
          }
        </section>`,
    )}`;
  return layout('Review registrations', session, body);
}

/** Mounts the page and its form target on the console router (after the session and CSRF checks). */
export function mountReviewRegistrations(
  router: Router,
  api: AdminApi,
  page: (fn: (req: Request, res: Response) => Promise<void>) => RequestHandler,
  field: (req: Request, name: string) => string,
): void {
  router.get(
    REVIEW_REGISTRATIONS_PATH,
    page(async (_req, res) => {
      res.type('html').send(await reviewRegistrationsPage(api, sessionOf(res).session));
    }),
  );
  router.post(
    `${REVIEW_REGISTRATIONS_PATH}/:id/:registrationId`,
    page(async (req, res) => {
      const { session } = sessionOf(res);
      const verdict = field(req, 'verdict') === 'reject' ? 'reject' : 'approve';
      const params = { id: String(req.params['id']), registrationId: String(req.params['registrationId']) };
      const queue = await api.call(
        session.actor,
        'get',
        '/connections/:id/registrations/pending',
        ReviewQueueResponse,
        { params: { id: params.id } },
      );
      const pending = queue.registrations.find((r) => r.id === params.registrationId);
      // Decided meanwhile: it is no longer in the queue, so the page's own title names it (display only).
      const posted = field(req, 'title').trim().slice(0, 200);
      const title =
        pending !== undefined
          ? `${pending.customerCompany} via ${pending.partnerName}`
          : posted !== ''
            ? posted
            : `Registration ${params.registrationId}`;
      try {
        const result = await api.call(
          session.actor,
          'post',
          `/connections/:id/registrations/:registrationId/${verdict}`,
          RegistrationVerdictResponse,
          { params, body: { reason: field(req, 'reason') } },
        );
        const r = result.registration;
        const text = `${title}: ${r.status}. ${r.reason}. ${
          result.writes > 0 ? 'The CRM is being updated.' : 'The mapping writes no registration fields.'
        }`;
        res.type('html').send(await reviewRegistrationsPage(api, session, { kind: 'success', text }));
      } catch (err) {
        // A missing reason or a registration decided meanwhile: say so on the page, nothing changed.
        if (!(err instanceof PartnersyncError) || (err.httpStatus !== 400 && err.httpStatus !== 409))
          throw err;
        const details = (err.issues ?? []).map((i) => i.message).join('; ');
        const text = `${title} was not changed: ${details === '' ? err.message : details}.`;
        res
          .status(err.httpStatus)
          .type('html')
          .send(await reviewRegistrationsPage(api, session, { kind: 'error', text }));
      }
    }),
  );
}
