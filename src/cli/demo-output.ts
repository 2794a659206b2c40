import Table from 'cli-table3';
import type { DemoSummary } from '../embedded/demo-summary.js';
import type { DemoResult } from '../embedded/run-demo.js';

function table(head: string[], rows: string[][], widths?: number[]): string {
  const t = new Table({
    head,
    wordWrap: true,
    ...(widths ? { colWidths: widths } : {}),
    style: { head: ['cyan'] },
  });
  t.push(...rows);
  return t.toString();
}

const money = (n: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function printSummary(summary: DemoSummary, out: NodeJS.WritableStream): void {
  out.write('\nDuplicates flagged (reps see these fields on the record):\n');
  out.write(
    `${table(
      ['CRM', 'Record', 'Status', 'Duplicate of', 'Likely', 'Why'],
      summary.duplicates.map((d) => [d.crm, `${d.object} ${d.name}`, d.status, d.of, d.score, d.reason]),
      [12, 26, 20, 20, 7, 50],
    )}\n`,
  );
  out.write('\nDeal registrations decided:\n');
  out.write(
    `${table(
      ['CRM', 'Customer', 'Partner', 'Status', 'Reason'],
      summary.registrations.map((r) => [r.crm, r.customer, r.partner, r.status, r.reason]),
      [12, 22, 26, 16, 56],
    )}\n`,
  );
  out.write('\nPartner revenue (credited amounts written as attribution rows):\n');
  out.write(
    `${table(
      ['CRM', 'Partner', 'Sourced', 'Influenced'],
      summary.revenue.map((r) => [r.crm, r.partner, money(r.sourced), money(r.influenced)]),
    )}\n`,
  );
}

/** One "Why?" link per kind of decision: the page a rep opens from the record's "Why?" field. */
export function printWhyLinks(summary: DemoSummary, keep: boolean, out: NodeJS.WritableStream): void {
  out.write('\n"Why?" links written into the CRM (one per kind of decision):\n');
  for (const l of summary.whyLinks) out.write(`  ${l.crm} ${l.kind} (${l.record}):\n    ${l.url}\n`);
  if (!keep) out.write('  (the pages are served while the demo runs: add --keep to open them)\n');
}

/** How many calls each sandbox CRM counted, by kind. */
export function printApiCalls(demo: DemoResult, out: NodeJS.WritableStream): void {
  out.write('\nCRM API calls (each CRM counted its own):\n');
  out.write(
    `${table(
      ['CRM', 'Total', 'Provisioning', 'Reads', 'Writes', 'Records written', 'Fewest possible write calls'],
      (['salesforce', 'hubspot'] as const).map((crm) => {
        const u = demo.apiCalls[crm];
        return [
          crm === 'salesforce' ? 'Salesforce' : 'HubSpot',
          ...[u.total, u.provisioning, u.reads, u.writes, u.recordsWritten, u.minimumWriteCalls].map(String),
        ];
      }),
    )}\n`,
  );
}

/** Where to look next: metrics, the admin API and the sandboxes of this run. */
export function printLookFurther(demo: DemoResult, keep: boolean, out: NodeJS.WritableStream): void {
  const auth = `-H 'Authorization: Bearer ${demo.adminToken}'`;
  out.write(
    `\nLook further (admin token for this run: ${demo.adminToken}):\n` +
      `  curl ${demo.url}/metrics\n` +
      `  curl ${auth} ${demo.url}/admin/connections\n` +
      `  curl ${auth} ${demo.url}/admin/connections/sandbox-salesforce/rejections\n` +
      `  curl ${auth} ${demo.url}/admin/openapi.json\n` +
      `  ${demo.url}/admin/queues  (queue dashboard; browser login: any user, the token as password)\n` +
      `  Salesforce sandbox ${demo.stack.salesforce.url}   HubSpot sandbox ${demo.stack.hubspot.url}\n` +
      (keep ? '' : '  (add --keep to leave everything running and try these)\n'),
  );
}

/** With --keep: the console link and the CLI commands that work against the demo's env file. */
export function printKeepInstructions(demo: DemoResult, envFile: string, out: NodeJS.WritableStream): void {
  const year = new Date().getUTCFullYear();
  out.write(
    `\nAdmin console (one-time login link): ${demo.consoleLoginUrl}\n` +
      `  or open ${demo.url}/admin/console/ and log in with the admin token above.\n` +
      `\nWrote ${envFile} (Redis URL and prefix ${demo.redisPrefix}, connections file, sandbox credentials).\n` +
      `CLI against this demo, from this directory:\n` +
      `  set -a; . ./demo.env; set +a\n` +
      `  npm run partnersync -- report attribution --connection sandbox-salesforce --from ${year}-01-01 --to ${year}-12-31 --basis created\n` +
      `  npm run partnersync -- attribution recompute --connection sandbox-salesforce --model u-shaped --dry-run\n` +
      `  npm run partnersync -- jobs failed\n`,
  );
  out.write('\n--keep: running until Ctrl+C (its Redis keys are deleted on exit).\n');
}
