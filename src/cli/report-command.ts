import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { attributionReport, type ReportBasis } from '../report/attribution-report.js';
import { renderAttributionHtml } from '../report/render-attribution-html.js';
import { renderAttributionCsv, renderAttributionTable } from '../report/render-attribution-text.js';
import { createDecisionStore, type AttributionRecord } from '../store/decision-store.js';
import { openDecisionContext } from './decision-cli-context.js';

interface ReportFlags {
  readonly connection: string;
  readonly from: string;
  readonly to: string;
  readonly format: 'table' | 'csv' | 'html';
  readonly basis: ReportBasis;
  readonly output?: string;
}

function parseDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new InvalidArgumentError('a date as YYYY-MM-DD');
  return value;
}

function oneOf<T extends string>(options: readonly T[]): (value: string) => T {
  return (value) => {
    const hit = options.find((o) => o === value);
    if (hit === undefined) throw new InvalidArgumentError(`one of ${options.join(', ')}`);
    return hit;
  };
}

/** `partnersync report attribution`: sourced vs influenced revenue per partner for a period. */
export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('reports over the stored decisions');
  report
    .command('attribution')
    .description('sourced vs influenced revenue per partner for a period (table, CSV or standalone HTML)')
    .requiredOption('--connection <id>', 'connection id')
    .requiredOption('--from <YYYY-MM-DD>', 'first UTC day of the period', parseDay)
    .requiredOption('--to <YYYY-MM-DD>', 'last UTC day of the period (inclusive)', parseDay)
    .option('--format <format>', 'table, csv or html', oneOf(['table', 'csv', 'html'] as const), 'table')
    .option(
      '--basis <basis>',
      'won: closed won in the period; created: created in it',
      oneOf(['won', 'created'] as const),
      'won',
    )
    .option('--output <file>', 'write to a file instead of stdout')
    .action(async (flags: ReportFlags) => {
      if (flags.from > flags.to) throw new InvalidArgumentError('--from must not be after --to');
      const ctx = await openDecisionContext(flags.connection);
      try {
        const records: AttributionRecord[] = [];
        for await (const r of createDecisionStore(ctx.redis, ctx.keys).scan(ctx.connectionId, 'opportunity'))
          records.push(r);
        const data = attributionReport(records, { from: flags.from, to: flags.to, basis: flags.basis });
        const text =
          flags.format === 'csv'
            ? renderAttributionCsv(data)
            : flags.format === 'html'
              ? renderAttributionHtml(data, ctx.connectionId)
              : renderAttributionTable(data);
        if (flags.output === undefined) process.stdout.write(text);
        else await writeFile(flags.output, text, 'utf8');
      } finally {
        await ctx.close();
      }
    });
}
