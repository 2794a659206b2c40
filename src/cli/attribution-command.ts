import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { AttributionModel } from '../attribution/index.js';
import type { ChangeSummary } from '../../jobs/attribute-deal/attribution-changes.js';
import { recomputeAttribution } from '../../jobs/attribute-deal/recompute-attribution.js';
import { openDecisionContext } from './decision-cli-context.js';

interface RecomputeFlags {
  readonly connection: string;
  readonly model?: AttributionModel;
  readonly dryRun?: boolean;
  readonly top: number;
}

function parseModel(value: string): AttributionModel {
  const parsed = AttributionModel.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`one of ${AttributionModel.options.join(', ')}`);
  return parsed.data;
}

function parseTop(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new InvalidArgumentError('an integer from 0 to 1000');
  return n;
}

export function formatSummary(summary: ChangeSummary, dryRun: boolean, model: string): string {
  const lines = [
    `${dryRun ? 'Dry run (nothing written)' : 'Applied through write-back'}: model ${model}`,
    `  opportunities: ${summary.opportunities}, changed: ${summary.changedOpportunities}, sourcing changed: ${summary.sourcingChanged}`,
    `  junction rows: ${summary.rowsCreated} created, ${summary.rowsUpdated} updated, ${summary.rowsDeleted} deleted; registrations converted: ${summary.conversions}`,
  ];
  if (summary.largest.length > 0) lines.push('  largest changes by amount:');
  for (const c of summary.largest) {
    const sign = c.delta > 0 ? '+' : '';
    lines.push(
      `    ${c.opportunityId}  ${c.partnerName} (${c.role})  ${c.before.toFixed(2)} → ${c.after.toFixed(2)} ${c.currency}  (${sign}${c.delta.toFixed(2)})`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `partnersync attribution recompute`: re-attributes every mirrored opportunity of a connection. With
 * `--dry-run` it prints what would change and writes nothing (not the CRM, not the stored decisions);
 * otherwise it applies through the normal write-back and, with `--model`, makes that the connection's model.
 */
export function registerAttributionCommand(program: Command): void {
  const attribution = program.command('attribution').description('partner attribution of opportunities');
  attribution
    .command('recompute')
    .description('recompute sourced/influenced credit for every opportunity of a connection')
    .requiredOption('--connection <id>', 'connection id')
    .option('--model <model>', `influence model (${AttributionModel.options.join(', ')})`, parseModel)
    .option('--dry-run', 'print what would change; write nothing')
    .option('--top <n>', 'how many of the largest changes to list', parseTop, 10)
    .action(async (flags: RecomputeFlags) => {
      const ctx = await openDecisionContext(flags.connection);
      try {
        const rulesStore = ctx.rules;
        const stored = await rulesStore.get(ctx.connectionId);
        const rules =
          flags.model === undefined
            ? stored
            : { ...stored, attribution: { ...stored.attribution, model: flags.model } };
        const dryRun = flags.dryRun === true;
        if (!dryRun && flags.model !== undefined) await rulesStore.set(ctx.connectionId, rules);
        const { summary, issues } = await recomputeAttribution(
          { ...ctx, scheduleWriteBack: (id) => ctx.scheduler.writeBack(id) },
          ctx.connectionId,
          { mapping: ctx.mapping, rules, apply: !dryRun, top: flags.top },
        );
        process.stdout.write(formatSummary(summary, dryRun, rules.attribution.model));
        for (const issue of issues) process.stderr.write(`warning: ${issue}\n`);
      } finally {
        await ctx.close();
      }
    });
}
