import type { Command } from 'commander';
import { processEnv } from '../core/env.js';
import { createLogger } from '../core/logger.js';
import { redisTargetFromEnv } from '../core/redis-env.js';
import { writeDemoEnv } from '../embedded/demo-env.js';
import { runDemo, type DemoResult } from '../embedded/run-demo.js';
import {
  printApiCalls,
  printKeepInstructions,
  printLookFurther,
  printSummary,
  printWhyLinks,
} from './demo-output.js';

interface DemoOptions {
  readonly keep?: boolean;
  readonly json?: boolean;
  readonly port?: number;
  readonly envDir: string;
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
    .action(runDemoCommand);
}

async function runDemoCommand(options: DemoOptions): Promise<void> {
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
  printWhyLinks(demo.summary, options.keep === true, out);
  printApiCalls(demo, out);
  out.write(`Finished in ${demo.seconds.toFixed(1)} s.\n`);
  printLookFurther(demo, options.keep === true, out);
  if (options.keep === true) {
    await keepRunning(demo, options.envDir, out);
    return;
  }
  await demo.stop();
  process.exit(0);
}

/** Writes demo.env beside the connections file and leaves everything running until a signal. */
async function keepRunning(demo: DemoResult, envDir: string, out: NodeJS.WritableStream): Promise<void> {
  const files = await writeDemoEnv({
    dir: envDir,
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
  printKeepInstructions(demo, files.envFile, out);
  const stop = (): void => {
    void demo.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
