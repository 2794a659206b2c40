import type { z } from 'zod';
import { ConnectionList } from '../admin/admin-schemas.js';
import { AttributionReportResponse } from '../admin/attribution-report-schema.js';
import type { AdminApi } from './admin-api.js';
import { html, type SafeHtml } from './html.js';
import { BASE, layout } from './layout.js';
import type { ConsoleSession } from './session-store.js';

export interface ReportQuery {
  readonly connection: string;
  readonly from: string;
  readonly to: string;
  readonly basis: 'won' | 'created';
}

type Report = z.infer<typeof AttributionReportResponse>;
type Row = Report['report']['rows'][number];

export async function loadReport(api: AdminApi, session: ConsoleSession, q: ReportQuery): Promise<Report> {
  return api.call(session.actor, 'get', '/connections/:id/reports/attribution', AttributionReportResponse, {
    params: { id: q.connection },
    query: { from: q.from, to: q.to, basis: q.basis },
  });
}

const money = (n: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Grouped horizontal bars, sourced and influenced per partner, drawn on the server (no script, no CDN). */
export function revenueChart(rows: readonly Row[]): SafeHtml {
  if (rows.length === 0) return html``;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.sourcedAmount, r.influencedAmount)));
  const label = 220;
  const width = 760;
  const barArea = width - label - 110;
  const rowHeight = 44;
  const height = rows.length * rowHeight + 10;
  const bar = (amount: number): number => Math.max(amount > 0 ? 1 : 0, Math.round((amount / max) * barArea));
  return html`<svg
    class="chart"
    role="img"
    aria-labelledby="chart-title"
    viewBox="0 0 ${width} ${height}"
    width="${width}"
    height="${height}"
  >
    <title id="chart-title">Sourced and influenced revenue per partner</title>
    ${rows.map((r, i) => {
      const y = i * rowHeight + 5;
      return html`<g>
        <text x="0" y="${y + 22}">${r.partnerName} (${r.currency})</text>
        <rect x="${label}" y="${y}" width="${bar(r.sourcedAmount)}" height="16" fill="#1f5fbf"></rect>
        <text x="${label + bar(r.sourcedAmount) + 6}" y="${y + 13}">${money(r.sourcedAmount)}</text>
        <rect x="${label}" y="${y + 19}" width="${bar(r.influencedAmount)}" height="16" fill="#e08a00"></rect>
        <text x="${label + bar(r.influencedAmount) + 6}" y="${y + 32}">${money(r.influencedAmount)}</text>
      </g>`;
    })}
  </svg>`;
}

/** Totals per currency: amounts in different currencies are never added together. */
export function totalsByCurrency(
  rows: readonly Row[],
): { currency: string; sourced: number; influenced: number }[] {
  const totals = new Map<string, { currency: string; sourced: number; influenced: number }>();
  for (const r of rows) {
    const t = totals.get(r.currency) ?? { currency: r.currency, sourced: 0, influenced: 0 };
    t.sourced = Math.round((t.sourced + r.sourcedAmount) * 100) / 100;
    t.influenced = Math.round((t.influenced + r.influencedAmount) * 100) / 100;
    totals.set(r.currency, t);
  }
  return [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

/** Which connection, period and counting basis the report covers. */
function reportForm(
  connections: z.infer<typeof ConnectionList>['connections'],
  chosen: ReportQuery | null,
  from: string,
  to: string,
): SafeHtml {
  return html`<section class="card">
    <form method="get" action="${BASE}/reports" class="row">
      <div>
        <label for="report-connection">Connection</label
        ><select id="report-connection" name="connection">
          ${connections.map((c) => html`<option value="${c.id}" ${c.id === chosen?.connection ? html`selected` : ''}>${c.id}</option>`)}
        </select>
      </div>
      <div>
        <label for="report-from">From</label
        ><input id="report-from" name="from" type="date" required value="${from}" />
      </div>
      <div>
        <label for="report-to">To (inclusive)</label
        ><input id="report-to" name="to" type="date" required value="${to}" />
      </div>
      <div>
        <label for="report-basis">Count opportunities</label
        ><select id="report-basis" name="basis">
          <option value="won" ${chosen?.basis === 'created' ? '' : html`selected`}>won in the period</option>
          <option value="created" ${chosen?.basis === 'created' ? html`selected` : ''}>
            created in the period
          </option>
        </select>
      </div>
      <button type="submit">Show</button>
    </form>
  </section>`;
}

/** The chart, the table with totals per currency, the model in words and the CSV link. */
function reportResult(data: Report, params: string): SafeHtml {
  return html`<section class="card" aria-labelledby="report-h">
    <h2 id="report-h">
      Sourced vs influenced revenue, ${data.report.from} to ${data.report.to} (${data.report.opportunities}
      opportunities)
    </h2>
    <p id="model-words">${data.modelInWords}</p>
    <p>
      <span class="legend-sourced">■ sourced</span>
      <span class="legend-influenced">■ influenced</span>
    </p>
    ${revenueChart(data.report.rows)}
    <table id="report-table">
      <thead>
        <tr>
          <th scope="col">Partner</th>
          <th scope="col">Currency</th>
          <th class="num" scope="col">Sourced</th>
          <th class="num" scope="col">Deals</th>
          <th class="num" scope="col">Influenced</th>
          <th class="num" scope="col">Deals</th>
        </tr>
      </thead>
      <tbody>
        ${data.report.rows.map(
          (r) =>
            html`<tr>
              <td>${r.partnerName}</td>
              <td>${r.currency}</td>
              <td class="num">${money(r.sourcedAmount)}</td>
              <td class="num">${r.sourcedDeals}</td>
              <td class="num">${money(r.influencedAmount)}</td>
              <td class="num">${r.influencedDeals}</td>
            </tr>`,
        )}
      </tbody>
      <tfoot>
        ${totalsByCurrency(data.report.rows).map(
          (t) =>
            html`<tr data-total="${t.currency}">
              <th scope="row">Total</th>
              <td>${t.currency}</td>
              <td class="num">${money(t.sourced)}</td>
              <td></td>
              <td class="num">${money(t.influenced)}</td>
              <td></td>
            </tr>`,
        )}
      </tfoot>
    </table>
    <p><a href="${BASE}/reports.csv?${params}" download>Download CSV</a></p>
  </section>`;
}

export async function reportsPage(
  api: AdminApi,
  session: ConsoleSession,
  q: ReportQuery | null,
): Promise<string> {
  const { connections } = await api.call(session.actor, 'get', '/connections', ConnectionList);
  const chosen = q ?? null;
  const data = chosen === null ? null : await loadReport(api, session, chosen);
  const today = new Date().toISOString().slice(0, 10);
  const from = chosen?.from ?? `${today.slice(0, 4)}-01-01`;
  const to = chosen?.to ?? today;
  const params = chosen === null ? '' : new URLSearchParams({ ...chosen }).toString();
  const body = html`<h1>Reports</h1>
    ${reportForm(connections, chosen, from, to)} ${data === null ? '' : reportResult(data, params)}`;
  return layout('Reports', session, body);
}
