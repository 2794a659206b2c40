import type { z } from 'zod';
import { ConnectionStatus } from '../admin/get-connection-status.js';
import { JobsOverview } from '../admin/jobs-routes.js';
import { ConnectionList, RejectionList } from '../admin/admin-schemas.js';
import type { AdminActor } from '../admin/require-admin.js';
import type { AdminApi } from './admin-api.js';
import { formatDuration } from './format-duration.js';
import { html, type SafeHtml } from './html.js';
import { BASE, csrfField, type Flash, flashBox, layout } from './layout.js';
import type { ConsoleSession } from './session-store.js';

const when = (iso: string | null): string =>
  iso === null ? 'never' : iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

/** The latest ten write-back rejections of one connection. */
function rejectionsTable(rejections: z.infer<typeof RejectionList>['rejections']): SafeHtml {
  return rejections.length === 0
    ? html`<p class="muted">None.</p>`
    : html`<table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Record</th>
            <th scope="col">CRM code</th>
            <th scope="col">Reason</th>
            <th scope="col">Fields</th>
          </tr>
        </thead>
        <tbody>
          ${rejections.slice(0, 10).map(
            (r) =>
              html`<tr>
                <td>${when(r.at)}</td>
                <td>${r.objectType} ${r.id}</td>
                <td>${r.crmCode}</td>
                <td>${r.message}</td>
                <td>${r.fields.join(', ')}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
}

function connectionCard(
  status: ConnectionStatus,
  rejections: z.infer<typeof RejectionList>['rejections'],
): SafeHtml {
  const cap = status.budget.capToday;
  return html`<section class="card" aria-labelledby="conn-${status.id}">
    <h2 id="conn-${status.id}">${status.id} <span class="muted">(${status.provider})</span></h2>
    <p>
      Health:
      <span class="${status.health === 'ok' ? 'ok' : 'warn'}" data-testid="health-${status.id}"
        >${status.health}</span
      >
      ${status.problems.length > 0 ? html` — ${status.problems.join('; ')}` : ''}
    </p>
    <p>
      Mapping:
      ${status.activeMappingVersion === null ? 'the mapping file' : `version ${status.activeMappingVersion}`}
      · <a href="${BASE}/connections/${status.id}/mapping">Edit mapping</a>
    </p>
    <p>
      Last change received:
      <span data-testid="last-change-${status.id}"
        >${status.lastChangeAt === null ? 'none yet' : when(status.lastChangeAt)}</span
      >
      (${status.pendingChanges} change(s) waiting to be processed)
    </p>
    <table>
      <caption class="muted">
        Last sync per object (everything modified before this time was read)
      </caption>
      <thead>
        <tr>
          <th scope="col">Object</th>
          <th scope="col">Synced to</th>
        </tr>
      </thead>
      <tbody>
        ${status.lastSync.map(
          (s) =>
            html`<tr>
              <td>${s.objectType}</td>
              <td>${when(s.syncedTo)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h3>API budget</h3>
    <p>
      Used today: <strong>${status.budget.usedToday}</strong>${cap === null ? '' : ` of our share ${cap}`}.
      ${status.budget.buckets.map(
        (b) =>
          html`<br />${b.bucket}: ${b.usedNow} of ${b.capacity} per ${formatDuration(b.windowSeconds * 1000)}
            in use now`,
      )}
    </p>
    <h3>Recent write-back rejections</h3>
    ${rejectionsTable(rejections)}
  </section>`;
}

function jobsCard(jobs: z.infer<typeof JobsOverview>, session: ConsoleSession): SafeHtml {
  return html`<section class="card" aria-labelledby="queues">
    <h2 id="queues">Queues</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Queue</th>
          <th class="num" scope="col">Waiting</th>
          <th class="num" scope="col">Active</th>
          <th class="num" scope="col">Delayed</th>
          <th class="num" scope="col">Failed</th>
        </tr>
      </thead>
      <tbody>
        ${jobs.queues.map(
          (q) =>
            html`<tr>
              <td>${q.queue}</td>
              <td class="num">${q.counts['wait'] ?? 0}</td>
              <td class="num">${q.counts['active'] ?? 0}</td>
              <td class="num">${q.counts['delayed'] ?? 0}</td>
              <td class="num">${q.counts['failed'] ?? 0}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h3>Failed jobs</h3>
    ${
      jobs.queues.every((q) => q.failed.length === 0)
        ? html`<p class="muted">None.</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Job</th>
                <th scope="col">Attempts</th>
                <th scope="col">Failed at</th>
                <th scope="col">Reason</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              ${jobs.queues.flatMap((q) =>
                q.failed.map(
                  (j) =>
                    html`<tr>
                      <td>${q.queue}</td>
                      <td>${j.name} #${j.id}</td>
                      <td>${j.attempts}</td>
                      <td>${when(j.failedAt)}</td>
                      <td>${j.reason}</td>
                      <td>
                        <form method="post" action="${BASE}/jobs/retry">
                          ${csrfField(session)} <input type="hidden" name="queue" value="${q.queue}" /><input
                            type="hidden"
                            name="jobId"
                            value="${j.id}"
                          />
                          <button
                            type="submit"
                            class="secondary"
                            aria-label="Retry job ${j.id} of ${q.queue}"
                          >
                            Retry
                          </button>
                        </form>
                      </td>
                    </tr>`,
                ),
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

export async function connectionsPage(
  api: AdminApi,
  session: ConsoleSession,
  flash?: Flash,
): Promise<string> {
  const actor: AdminActor = session.actor;
  const { connections } = await api.call(actor, 'get', '/connections', ConnectionList);
  const cards = await Promise.all(
    connections.map(async (c) => {
      const params = { id: c.id };
      const [status, rejections] = await Promise.all([
        api.call(actor, 'get', '/connections/:id/status', ConnectionStatus, { params }),
        api.call(actor, 'get', '/connections/:id/rejections', RejectionList, { params }),
      ]);
      return connectionCard(status, rejections.rejections);
    }),
  );
  // Queues serve every connection, so only the all-connections token sees them (as /admin/queues).
  const jobs =
    actor.scope === 'all' ? jobsCard(await api.call(actor, 'get', '/jobs', JobsOverview), session) : html``;
  return layout(
    'Connections',
    session,
    html`<h1>Connections</h1>
      ${flashBox(flash)}${cards}${jobs}`,
  );
}
