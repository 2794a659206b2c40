import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { ConnectionList } from '../admin/admin-schemas.js';
import { PairReviewResponse } from '../admin/duplicate-review.js';
import { DuplicatesResponse } from '../admin/get-duplicates.js';
import type { AdminApi } from './admin-api.js';
import { sessionOf } from './console-auth.js';
import { html, type SafeHtml } from './html.js';
import { BASE, csrfField, type Flash, flashBox, layout } from './layout.js';
import type { ConsoleSession } from './session-store.js';
import { SIDE_BY_SIDE_LABELS } from '../../matching/side-by-side.js';

type Pair = z.infer<typeof DuplicatesResponse>['pairs'][number];

const LABELS: Readonly<Record<string, string>> = SIDE_BY_SIDE_LABELS;

/** A value, marked when both records share it. */
const cell = (value: string | null, same: boolean): SafeHtml =>
  value === null
    ? html`<td class="muted">—</td>`
    : same
      ? html`<td><mark>${value}</mark></td>`
      : html`<td>${value}</td>`;

function pairCard(session: ConsoleSession, connection: string, p: Pair, i: number): SafeHtml {
  const hidden = html`${csrfField(session)}<input
      type="hidden"
      name="connection"
      value="${connection}"
    /><input type="hidden" name="recordId" value="${p.record.id}" /><input
      type="hidden"
      name="duplicateOf"
      value="${p.duplicateOf.id}"
    />`;
  return html`<section class="card duplicate-pair" aria-labelledby="pair-${i}" data-record="${p.record.id}">
    <h2 id="pair-${i}">
      ${p.record.name ?? p.record.id} → ${p.duplicateOf.name ?? p.duplicateOf.id}
      <span class="muted">(${p.status})</span>
    </h2>
    <p class="muted">${p.reason ?? ''}</p>
    <table>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">${p.record.kind ?? 'record'} ${p.record.id} (flagged)</th>
          <th scope="col">${p.duplicateOf.kind ?? 'record'} ${p.duplicateOf.id} (to keep)</th>
        </tr>
      </thead>
      <tbody>
        ${p.fields.map(
          (f) =>
            html`<tr>
              <th scope="row">
                ${LABELS[f.field] ?? f.field}${f.same ? html` <span class="muted">(same)</span>` : ''}
              </th>
              ${cell(f.left, f.same)}${cell(f.right, f.same)}
            </tr>`,
        )}
      </tbody>
    </table>
    <div class="row">
      <form method="post" action="${BASE}/duplicates/dismiss">
        ${hidden}<button type="submit" aria-describedby="pair-${i}">Not a duplicate</button>
      </form>
      <form method="post" action="${BASE}/duplicates/confirm">
        ${hidden}<button type="submit" class="secondary" aria-describedby="pair-${i}">
          Confirm duplicate
        </button>
      </form>
    </div>
  </section>`;
}

export async function duplicatesPage(
  api: AdminApi,
  session: ConsoleSession,
  state: { connection?: string; flash?: Flash } = {},
): Promise<string> {
  const { connections } = await api.call(session.actor, 'get', '/connections', ConnectionList);
  const connection = state.connection ?? connections[0]?.id;
  const listed =
    connection === undefined
      ? null
      : await api.call(session.actor, 'get', '/connections/:id/duplicates', DuplicatesResponse, {
          params: { id: connection },
          query: { status: 'all' },
        });
  const body = html`<h1>Duplicates to review</h1>
    ${flashBox(state.flash)}
    <section class="card">
      <p>
        Each pair side by side, shared values marked. <strong>Not a duplicate</strong> is final, as when a rep
        sets it in the CRM: the pair is never flagged again and the record shows it.
        <strong>Confirm duplicate</strong> marks the record Duplicate, confirmed by you.
      </p>
      <form method="get" action="${BASE}/duplicates" class="row">
        <div>
          <label for="dup-connection">Connection</label
          ><select id="dup-connection" name="connection">
            ${connections.map((c) => html`<option value="${c.id}" ${c.id === connection ? html`selected` : ''}>${c.id}</option>`)}
          </select>
        </div>
        <button type="submit" class="secondary">Show</button>
      </form>
    </section>
    ${
      listed === null || connection === undefined
        ? ''
        : listed.pairs.length === 0
          ? html`<p class="muted" id="no-duplicates">No flagged pairs to review on ${connection}.</p>`
          : listed.pairs.map((p, i) => pairCard(session, connection, p, i))
    }`;
  return layout('Duplicates', session, body);
}

/** Mounts the page and its two actions; each action is the admin API's own route, run in process. */
export function mountDuplicatesPage(
  router: Router,
  api: AdminApi,
  page: (fn: (req: Request, res: Response) => Promise<void>) => RequestHandler,
  field: (req: Request, name: string) => string,
): void {
  router.get(
    '/duplicates',
    page(async (req, res) => {
      const c = req.query['connection'];
      const state = typeof c === 'string' && c !== '' ? { connection: c } : {};
      res.type('html').send(await duplicatesPage(api, sessionOf(res).session, state));
    }),
  );
  for (const [action, done] of [
    ['dismiss', 'dismissed: it will not be flagged again, and the CRM shows Not a duplicate'],
    ['confirm', 'confirmed as a duplicate; the CRM is being updated'],
  ] as const)
    router.post(
      `/duplicates/${action}`,
      page(async (req, res) => {
        const { session } = sessionOf(res);
        const connection = field(req, 'connection');
        const body = { recordId: field(req, 'recordId'), duplicateOf: field(req, 'duplicateOf') };
        await api.call(session.actor, 'post', `/connections/:id/duplicates/${action}`, PairReviewResponse, {
          params: { id: connection },
          body,
        });
        const text = `${body.recordId} and ${body.duplicateOf}: ${done}.`;
        res
          .type('html')
          .send(await duplicatesPage(api, session, { connection, flash: { kind: 'success', text } }));
      }),
    );
}
