import type { CreditBar } from '../../why-page/why-view.js';
import { html, type SafeHtml } from '../console/html.js';

const ROW = 30;
const LABEL = 330;
const BAR = 260;

/** The credit split as a server-drawn SVG bar chart: no script, no inline style (the CSP allows neither). */
export function creditChart(bars: readonly CreditBar[]): SafeHtml {
  const height = bars.length * ROW + 6;
  const rows = bars.map((b, i) => {
    const y = i * ROW + 4;
    const width = Math.max(1, Math.round((Math.min(100, Math.max(0, b.percent)) / 100) * BAR));
    const value = `${b.percent.toFixed(b.percent % 1 === 0 ? 0 : 2)} %${b.amount === null ? '' : ` · ${b.amount}`}`;
    return html`<g class="bar ${b.role}">
      <text x="0" y="${y + 17}">${b.partner} (${b.role})</text>
      <rect x="${LABEL}" y="${y}" width="${width}" height="22" rx="3"></rect>
      <text x="${LABEL + width + 8}" y="${y + 17}">${value}</text>
    </g>`;
  });
  const summary = bars.map((b) => `${b.partner} ${b.role} ${b.percent} %`).join('; ');
  return html`<svg
    class="credit-chart"
    viewBox="0 0 840 ${height}"
    width="840"
    height="${height}"
    role="img"
    aria-label="Credit split: ${summary}"
  >
    ${rows}
  </svg>`;
}
