import type { Command } from 'commander';
import { startHubspotSandbox, startSalesforceSandbox } from '../../connectors/sandbox/start-sandboxes.js';

interface SandboxFlags {
  readonly sfPort: string;
  readonly hsPort: string;
  readonly seed: boolean;
  readonly webhookUrlHubspot?: string;
  readonly webhookUrlSalesforce?: string;
  readonly rate?: string;
  readonly faultRate?: string;
}

const port = (v: string, flag: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new Error(`${flag} must be a port number (0-65535), got ${v}`);
  return n;
};

/** `partnersync sandbox`: runs both CRM sandboxes until interrupted and prints their URLs and credentials. */
export function registerSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description(
      'run local Salesforce and HubSpot sandboxes (seed data, rate limits, fault injection, webhooks)',
    )
    .option('--sf-port <n>', 'Salesforce sandbox port (0 = any free port)', '0')
    .option('--hs-port <n>', 'HubSpot sandbox port (0 = any free port)', '0')
    .option('--seed', 'load the demo data set', true)
    .option('--no-seed', 'start empty')
    .option('--webhook-url-hubspot <url>', 'POST signed HubSpot v3 webhooks here')
    .option('--webhook-url-salesforce <url>', 'POST Salesforce outbound-message SOAP notifications here')
    .option('--rate <n>', 'HubSpot requests per rolling 10 s (100 Free/Starter, 190 Pro/Enterprise)', '100')
    .option('--fault-rate <p>', 'probability of an injected 5xx per request (seeded)', '0')
    .action(async (flags: SandboxFlags) => {
      const faultRate = Number(flags.faultRate ?? '0');
      const rate = Number(flags.rate ?? '100');
      if (!(faultRate >= 0 && faultRate <= 1)) throw new Error('--fault-rate must be between 0 and 1');
      if (!(Number.isInteger(rate) && rate > 0)) throw new Error('--rate must be a positive integer');
      const faults = { serverErrorRate: faultRate, seed: 42 };
      const sf = await startSalesforceSandbox({
        port: port(flags.sfPort, '--sf-port'),
        seed: flags.seed,
        faults,
        webhook: { url: flags.webhookUrlSalesforce },
      });
      const hs = await startHubspotSandbox({
        port: port(flags.hsPort, '--hs-port'),
        seed: flags.seed,
        faults,
        rateLimits: { tenSecondly: rate },
        webhook: { url: flags.webhookUrlHubspot },
      });
      const lines = [
        'Salesforce sandbox',
        `  SALESFORCE_INSTANCE_URL=${sf.url}`,
        `  SALESFORCE_LOGIN_URL=${sf.url}`,
        `  SALESFORCE_ACCESS_TOKEN=${sf.credentials.accessToken}`,
        `  client id / secret: ${sf.credentials.clientId} / ${sf.credentials.clientSecret}`,
        `  refresh token: ${sf.credentials.refreshToken}   JWT subject: ${sf.credentials.username}`,
        'HubSpot sandbox',
        `  HUBSPOT_BASE_URL=${hs.url}`,
        `  HUBSPOT_ACCESS_TOKEN=${hs.credentials.accessToken}`,
        `  HUBSPOT_CLIENT_SECRET=${hs.credentials.clientSecret}   (webhook signing secret)`,
        `  client id: ${hs.credentials.clientId}   refresh token: ${hs.credentials.refreshToken}   app id: ${hs.credentials.appId}`,
        'Press Ctrl+C to stop.',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await Promise.all([sf.close(), hs.close()]);
    });
}
