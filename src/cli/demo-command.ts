import type { Command } from 'commander';
import Table from 'cli-table3';
import { createLogger } from '../core/logger.js';
import type { DemoSummary } from '../embedded/demo-summary.js';
import { writeDemoEnv } from '../embedded/demo-env.js';
import { runDemo } from '../embedded/run-demo.js';
import { processEnv } from '../core/env.js';
import { redisTargetFromEnv } from '../core/redis-env.js';

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

function printSummary(summary: DemoSummary, out: NodeJS.WritableStream): void {
  out.write('\nDuplicates flagged (reps see these fields on the record):\n');
  out.write(
    `${table(
      ['CRM', 'Record', 'Status', 'Duplicate of', 'Score', 'Why'],
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

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Run the embedded default end to end: CRM sandboxes, the service, backfill, live webhooks, a summary',
    )
    .option('--keep', 'leave the sandboxes and the service running to explore')
    .option('--env-dir <dir>', 'with --keep: where to write demo.env and demo.connections.yaml', '.')
    .option('--json', 'print the summary as one JSON object instead of tables')
    .option('--port <port>', 'HTTP port of the service (default: a free one)', (v) => Number(v))
    .action(async (options: { keep?: boolean; json?: boolean; port?: number; envDir: string }) => {
      const out = process.stdout;
      process.stderr.write('partnersync demo: embedded Salesforce and HubSpot sandboxes\n');
      const vars = processEnv();
      const log = createLogger({ level: vars['LOG_LEVEL'] ?? 'warn' });
      const demo = await runDemo(log, {
        redis: redisTargetFromEnv(vars),
        ...(vars['ADMIN_TOKEN'] !== undefined ? { adminToken: vars['ADMIN_TOKEN'] } : {}),
        ...(options.port !== undefined ? { port: options.port } : {}),
      });
      if (options.json === true) {
        out.write(`${JSON.stringify({ ...demo.summary, apiCalls: demo.apiCalls, seconds: demo.seconds })}\n`);
        await demo.stop();
        process.exit(0);
      }
      printSummary(demo.summary, out);
      out.write('\nCRM API calls (each CRM counted its own):\n');
      out.write(
        `${table(
          [
            'CRM',
            'Total',
            'Provisioning',
            'Reads',
            'Writes',
            'Records written',
            'Fewest possible write calls',
          ],
          (['salesforce', 'hubspot'] as const).map((crm) => {
            const u = demo.apiCalls[crm];
            return [
              crm === 'salesforce' ? 'Salesforce' : 'HubSpot',
              ...[u.total, u.provisioning, u.reads, u.writes, u.recordsWritten, u.minimumWriteCalls].map(
                String,
              ),
            ];
          }),
        )}\n`,
      );
      out.write(`Finished in ${demo.seconds.toFixed(1)} s.\n`);
      const auth = `-H 'Authorization: Bearer ${demo.adminToken}'`;
      out.write(
        `\nLook further (admin token for this run: ${demo.adminToken}):\n` +
          `  curl ${demo.url}/metrics\n` +
          `  curl ${auth} ${demo.url}/admin/connections\n` +
          `  curl ${auth} ${demo.url}/admin/connections/sandbox-salesforce/rejections\n` +
          `  curl ${auth} ${demo.url}/admin/openapi.json\n` +
          `  ${demo.url}/admin/queues  (queue dashboard; browser login: any user, the token as password)\n` +
          `  Salesforce sandbox ${demo.stack.salesforce.url}   HubSpot sandbox ${demo.stack.hubspot.url}\n` +
          (options.keep === true ? '' : '  (add --keep to leave everything running and try these)\n'),
      );
      if (options.keep === true) {
        const files = await writeDemoEnv({
          dir: options.envDir,
          redisEnv: demo.redisEnv,
          redisPrefix: demo.redisPrefix,
          adminToken: demo.adminToken,
          serviceUrl: demo.url,
          connections: demo.stack.connections,
          sandboxes: {
            salesforce: {
              url: demo.stack.salesforce.url,
              accessToken: demo.stack.salesforce.credentials.accessToken,
            },
            hubspot: { url: demo.stack.hubspot.url, accessToken: demo.stack.hubspot.credentials.accessToken },
          },
        });
        const year = new Date().getUTCFullYear();
        out.write(
          `\nAdmin console (one-time login link): ${demo.consoleLoginUrl}\n` +
            `  or open ${demo.url}/admin/console/ and log in with the admin token above.\n` +
            `\nWrote ${files.envFile} (Redis URL and prefix ${demo.redisPrefix}, connections file, sandbox credentials).\n` +
            `CLI against this demo, from this directory:\n` +
            `  set -a; . ./demo.env; set +a\n` +
            `  npm run partnersync -- report attribution --connection sandbox-salesforce --from ${year}-01-01 --to ${year}-12-31 --basis created\n` +
            `  npm run partnersync -- attribution recompute --connection sandbox-salesforce --model u-shaped --dry-run\n` +
            `  npm run partnersync -- jobs failed\n`,
        );
        out.write('\n--keep: running until Ctrl+C (its Redis keys are deleted on exit).\n');
        const stop = (): void => {
          void demo.stop().then(() => process.exit(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return;
      }
      await demo.stop();
      process.exit(0);
    });
}
