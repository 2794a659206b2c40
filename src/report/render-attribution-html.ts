import type { AttributionReport } from './attribution-report.js';

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const money = (n: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const SOURCED = '#2f6fba';
const INFLUENCED = '#e39b2d';

/** Horizontal bars per partner: sourced and influenced side by side, scaled to the largest amount. */
function barChart(report: AttributionReport): string {
  const labelWidth = 220;
  const barMax = 460;
  const rowHeight = 44;
  const top = 30;
  const max = Math.max(1, ...report.rows.flatMap((r) => [r.sourcedAmount, r.influencedAmount]));
  const height = top + report.rows.length * rowHeight + 10;
  const width = labelWidth + barMax + 160;
  const bars = report.rows.map((r, i) => {
    const y = top + i * rowHeight;
    const ws = (r.sourcedAmount / max) * barMax;
    const wi = (r.influencedAmount / max) * barMax;
    return [
      `<text x="${labelWidth - 8}" y="${y + 22}" text-anchor="end">${escape(r.partnerName)} (${escape(r.currency)})</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${ws.toFixed(1)}" height="16" fill="${SOURCED}"><title>Sourced ${money(r.sourcedAmount)}</title></rect>`,
      `<text x="${(labelWidth + ws + 6).toFixed(1)}" y="${y + 17}" class="v">${money(r.sourcedAmount)}</text>`,
      `<rect x="${labelWidth}" y="${y + 22}" width="${wi.toFixed(1)}" height="16" fill="${INFLUENCED}"><title>Influenced ${money(r.influencedAmount)}</title></rect>`,
      `<text x="${(labelWidth + wi + 6).toFixed(1)}" y="${y + 35}" class="v">${money(r.influencedAmount)}</text>`,
    ].join('');
  });
  const legend =
    `<rect x="${labelWidth}" y="4" width="12" height="12" fill="${SOURCED}"/><text x="${labelWidth + 18}" y="15">Sourced</text>` +
    `<rect x="${labelWidth + 100}" y="4" width="12" height="12" fill="${INFLUENCED}"/><text x="${labelWidth + 118}" y="15">Influenced</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Sourced and influenced revenue per partner" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${legend}${bars.join('')}</svg>`;
}

/** A standalone page (inline CSS and SVG, no external assets): the chart and the table. */
export function renderAttributionHtml(report: AttributionReport, connectionId: string): string {
  const title = `Partner attribution ${report.from} to ${report.to}`;
  const rows = report.rows
    .map(
      (r) =>
        `<tr><td>${escape(r.partnerName)}</td><td>${escape(r.currency)}</td><td>${money(r.sourcedAmount)}</td><td>${r.sourcedDeals}</td><td>${money(r.influencedAmount)}</td><td>${r.influencedDeals}</td><td>${money(r.sourcedAmount + r.influencedAmount)}</td></tr>`,
    )
    .join('\n');
  const basis = report.basis === 'won' ? 'closed won in the period' : 'created in the period';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin-top:1rem}
td,th{padding:.3rem .7rem;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child,td:nth-child(2),th:nth-child(2){text-align:left}
svg text{font:12px system-ui,sans-serif;fill:#222}svg text.v{fill:#555}</style></head>
<body><h1>${escape(title)}</h1>
<p>Connection ${escape(connectionId)}; ${report.opportunities} partner-attributed opportunities ${basis}.</p>
${report.rows.length === 0 ? '<p>No partner-attributed opportunities in the period.</p>' : barChart(report)}
<table><thead><tr><th>Partner</th><th>Currency</th><th>Sourced</th><th>Deals</th><th>Influenced</th><th>Deals</th><th>Total</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}
