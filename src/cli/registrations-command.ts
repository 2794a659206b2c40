import type { Command } from 'commander';
import { expireAll } from '../../jobs/expire-registrations/expire-all.js';
import { openDecisionContext } from './decision-cli-context.js';

/** `partnersync registrations expire`: the daily expiry, on demand (what the scheduled job does). */
export function registerRegistrationsCommand(program: Command): void {
  const registrations = program.command('registrations').description('deal registrations');
  registrations
    .command('expire')
    .description('expire approved registrations not converted by their expiry date')
    .requiredOption('--connection <id>', 'connection id')
    .option('--dry-run', 'list what would expire; write nothing')
    .action(async (flags: { connection: string; dryRun?: boolean }) => {
      const ctx = await openDecisionContext(flags.connection);
      try {
        const apply = flags.dryRun !== true;
        const { expired, issues } = await expireAll(ctx, ctx.connectionId, {
          mapping: ctx.mapping,
          now: new Date().toISOString(),
          apply,
        });
        if (apply && expired.length > 0) await ctx.scheduler.writeBack(ctx.connectionId);
        const verb = apply ? 'expired' : 'would expire';
        process.stdout.write(`${expired.length} registrations ${verb}\n`);
        for (const r of expired)
          process.stdout.write(`  ${r.id}  ${r.customerCompany}  (expiresOn ${r.expiresOn ?? ''})\n`);
        for (const issue of issues) process.stderr.write(`warning: ${issue}\n`);
      } finally {
        await ctx.close();
      }
    });
}
