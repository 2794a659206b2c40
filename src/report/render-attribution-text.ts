import type { AttributionReport } from './attribution-report.js';

const money = (n: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A terminal table, columns aligned, amounts right-aligned. */
export function renderAttributionTable(report: AttributionReport): string {
  const header = ['Partner', 'Currency', 'Sourced', 'Deals', 'Influenced', 'Deals', 'Total'];
  const body = report.rows.map((r) => [
    r.partnerName,
    r.currency,
    money(r.sourcedAmount),
    String(r.sourcedDeals),
    money(r.influencedAmount),
    String(r.influencedDeals),
    money(r.sourcedAmount + r.influencedAmount),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const title = `Partner attribution ${report.from} to ${report.to} (${report.basis === 'won' ? 'closed won' : 'created'}; ${report.opportunities} opportunities)`;
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const rows = body.length === 0 ? ['(no partner-attributed opportunities in the period)'] : body.map(line);
  return `${[title, line(header), rule, ...rows].join('\n')}\n`;
}

// https://owasp.org/www-community/attacks/CSV_Injection
/** A text cell a spreadsheet would run as a formula (= + - @, or a leading tab/CR) gets a leading `'`. */
function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV with a header row; amounts as plain decimals. */
export function renderAttributionCsv(report: AttributionReport): string {
  const header =
    'partner_id,partner_name,currency,sourced_amount,sourced_deals,influenced_amount,influenced_deals';
  const rows = report.rows.map((r) =>
    [
      neutraliseFormula(r.partnerId),
      neutraliseFormula(r.partnerName),
      neutraliseFormula(r.currency),
      r.sourcedAmount.toFixed(2),
      String(r.sourcedDeals),
      r.influencedAmount.toFixed(2),
      String(r.influencedDeals),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header, ...rows].join('\r\n')}\r\n`;
}
