#!/usr/bin/env node
import { Command } from 'commander';
import { describeEnv, envMarkdownTable } from './core/env-table.js';
import { registerAttributionCommand } from './cli/attribution-command.js';
import { registerBackfillCommand } from './cli/backfill-command.js';
import { cliFailure } from './cli/cli-failure.js';
import { registerDedupeCommand } from './cli/dedupe-command.js';
import { registerDemoCommand } from './cli/demo-command.js';
import { registerJobsCommand } from './cli/jobs-command.js';
import { liveDescribe } from './cli/live-describe.js';
import { registerMappingsCommand } from './cli/mappings-command.js';
import { registerMappingsPreviewCommand } from './cli/mappings-preview-command.js';
import { registerProvisionCommand } from './cli/provision-command.js';
import { runService } from './cli/run-service.js';
import { registerRegistrationsCommand } from './cli/registrations-command.js';
import { registerReportCommand } from './cli/report-command.js';
import { registerSandboxCommand } from './cli/sandbox-command.js';

const program = new Command()
  .name('partnersync')
  .description(
    'Partner sync for Salesforce and HubSpot: duplicates, deal registrations, attribution, written back to the CRM.',
  )
  .showHelpAfterError()
  .enablePositionalOptions();

program
  .command('start')
  .description('HTTP intake, admin API and workers in one process (the default for small installs)')
  .action(() => runService('all'));
program
  .command('serve')
  .description('HTTP only: webhook intake, admin API, health and metrics')
  .action(() => runService('http'));
program
  .command('worker')
  .description('Workers only: consume the queues')
  .action(() => runService('worker'));
program
  .command('config')
  .description('List every environment variable with its default and meaning')
  .option('--markdown', 'print the table README.md carries')
  .action((options: { markdown?: boolean }) => {
    if (options.markdown === true) {
      process.stdout.write(`${envMarkdownTable()}\n`);
      return;
    }
    for (const v of describeEnv())
      process.stdout.write(`${v.name}${v.default === '' ? '' : `=${v.default}`}\n    ${v.description}\n`);
  });

registerDemoCommand(program);
registerBackfillCommand(program);
registerDedupeCommand(program);
registerMappingsPreviewCommand(registerMappingsCommand(program, undefined, liveDescribe));
registerJobsCommand(program);
registerSandboxCommand(program);
registerAttributionCommand(program);
registerReportCommand(program);
registerRegistrationsCommand(program);
registerProvisionCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Every command ends with its documented exit code and one line, never an uncaught stack.
  const failure = cliFailure(err);
  process.stderr.write(`partnersync: ${failure.line}\n`);
  process.exit(failure.code);
}
